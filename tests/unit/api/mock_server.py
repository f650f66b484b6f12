"""A tiny scripted server for the engine tests: a queue of answers per (method, path)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

BASE = "http://horde.test/api"
KEY = "k3y-0f-th3-t3st-us3r-xx"

Answer = httpx.Response | Exception | Callable[[httpx.Request], Any]


def reply(
    status: int = 200, body: Any = None, *, raw: bytes | None = None, headers: dict[str, str] | None = None
) -> httpx.Response:
    content = raw if raw is not None else json.dumps(body if body is not None else {}).encode()
    return httpx.Response(
        status, content=content, headers={"Content-Type": "application/json", **(headers or {})}
    )


@dataclass
class Scripted:
    """Answers requests from per-route scripts; the last answer of a route repeats."""

    routes: dict[tuple[str, str], list[Answer]] = field(default_factory=dict)
    seen: list[httpx.Request] = field(default_factory=list)

    def on(self, method: str, path: str, *answers: Answer) -> None:
        self.routes[(method, "/api" + path)] = list(answers)

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.seen if r.method == method and r.url.path == "/api" + path)

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        script = self.routes.get((request.method, request.url.path))
        if not script:
            return reply(404, {"message": "no route in test", "rc": "NotFound"})
        answer = script.pop(0) if len(script) > 1 else script[0]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            return answer
        result = answer(request)
        if asyncio.iscoroutine(result):
            result = await result
        assert isinstance(result, httpx.Response)
        return result

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)
