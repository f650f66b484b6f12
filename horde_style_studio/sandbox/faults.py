"""Fault injection and the request log, so client tests can stage network trouble and count requests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from starlette.types import Message, Scope, Send

FaultKind = Literal[
    "latency",
    "status",
    "rate_limit",
    "server_error",
    "malformed_json",
    "truncated",
    "drop",
    # Hostile content and hosts (issue 14): style text carrying HTML; an image host that sends one byte at a
    # time, redirects elsewhere, or serves an SVG drawing labelled image/png.
    "html_text",
    "trickle",
    "redirect",
    "svg_as_png",
]
_HIDDEN_HEADERS = frozenset({"apikey"})


@dataclass
class Fault:
    """One staged fault; ``remaining`` counts down per matching request (None: forever)."""

    kind: FaultKind
    method: str | None
    path: re.Pattern[str] | None
    remaining: int | None
    opts: dict[str, Any]

    def matches(self, method: str, path: str) -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return False
        return (self.method is None or self.method == method) and (
            self.path is None or bool(self.path.search(path))
        )


@dataclass(frozen=True)
class RecordedRequest:
    """A request as the sandbox saw it, minus the ``apikey`` header (keys never reach logs)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    had_apikey: bool

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class FaultPlan:
    """Staged faults plus the log of every request received, faulted or not."""

    faults: list[Fault] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)

    def add(
        self,
        kind: FaultKind,
        *,
        method: str | None = None,
        path: str | None = None,
        times: int | None = 1,
        **opts: Any,
    ) -> Fault:
        """Stage ``kind`` for the next ``times`` requests matching ``method`` and the ``path`` regex.

        Options: latency ``seconds``; status ``status``, ``body``, ``headers``; rate_limit ``retry_after``;
        trickle ``interval`` (seconds between bytes); redirect ``location`` and ``status``; html_text ``html``
        (what replaces each style's description).
        """
        if kind not in get_args(FaultKind):
            raise ValueError(f"unknown fault kind {kind!r}")
        if kind == "status" and "status" not in opts:
            raise ValueError("a status fault needs status=...")
        if kind == "redirect" and "location" not in opts:
            raise ValueError("a redirect fault needs location=...")
        pattern = re.compile(path) if path is not None else None
        fault = Fault(kind, method.upper() if method else None, pattern, times, opts)
        self.faults.append(fault)
        return fault

    def clear(self) -> None:
        self.faults.clear()
        self.requests.clear()

    def count(self, method: str | None = None, path: str | None = None) -> int:
        """How many logged requests match ``method`` and the ``path`` regex."""
        return sum(
            1
            for r in self.requests
            if (method is None or r.method == method.upper()) and (path is None or re.search(path, r.path))
        )

    def record(self, scope: Scope, body: bytes) -> RecordedRequest:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        entry = RecordedRequest(
            scope["method"],
            scope["path"],
            scope.get("query_string", b"").decode("latin-1"),
            {k: v for k, v in headers.items() if k.lower() not in _HIDDEN_HEADERS},
            body,
            any(k.lower() in _HIDDEN_HEADERS for k in headers),
        )
        self.requests.append(entry)
        return entry

    def take(self, method: str, path: str) -> list[Fault]:
        """Every matching latency fault, then at most one fault that replaces the response."""
        fired: list[Fault] = []
        for fault in self.faults:
            if not fault.matches(method, path):
                continue
            if fault.kind != "latency" and any(f.kind != "latency" for f in fired):
                continue
            if fault.remaining is not None:
                fault.remaining -= 1
            fired.append(fault)
        return fired


def _json_start(status: int, length: int, headers: dict[str, str] | None = None) -> Message:
    raw = [(b"content-type", b"application/json"), (b"content-length", str(length).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    return {"type": "http.response.start", "status": status, "headers": raw}


async def send_json(send: Send, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
    data = (
        body
        if isinstance(body, bytes)
        else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
    )
    await send(_json_start(status, len(data), headers))
    await send({"type": "http.response.body", "body": data, "more_body": False})
