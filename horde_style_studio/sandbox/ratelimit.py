"""Optional real rate limits: flask-limiter's fixed windows per ip, method and path (REFERENCE §1, B8)."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import JSONResponse

from .constants import Behaviour


@dataclass(frozen=True)
class Limit:
    amount: int
    seconds: int
    text: str


PER_SECOND = Limit(2, 1, "2 per 1 second")
PER_HOUR = Limit(20, 3600, "20 per 1 hour")
# Resources whose decorators carry 20/hour; a resource decorator limits every method (REFERENCE §1 table).
_HOURLY_5_1_5 = (re.compile(r"^/api/v2/styles/text$"), re.compile(r"^/api/v2/styles/image/[^/]+$"))
# 5.1.13 limits style creation only (REFERENCE §10).
_HOURLY_MODERN = re.compile(r"^/api/v2/styles/(image|text)$")
_UNLIMITED = re.compile(r"^/api/v2/status/style_contract$|^/sandbox-images/|^/sandbox-r2/")
# Generation routes (REFERENCE §13): check is 10/second per id, image status (GET and DELETE alike) only
# 10/minute per id, text status 60/minute per id.
_CHECK = re.compile(r"^/api/v2/generate/check/[^/]+$")
_IMAGE_STATUS = re.compile(r"^/api/v2/generate/status/[^/]+$")
_TEXT_STATUS = re.compile(r"^/api/v2/generate/text/status/[^/]+$")
CHECK_LIMIT = Limit(10, 1, "10 per 1 second")
IMAGE_STATUS_LIMIT = Limit(10, 60, "10 per 1 minute")
TEXT_STATUS_LIMIT = Limit(60, 60, "60 per 1 minute")


def limits_for(behaviour: Behaviour, method: str, path: str) -> list[Limit]:
    if _UNLIMITED.search(path):
        return []
    if _CHECK.match(path):
        return [CHECK_LIMIT]
    if _IMAGE_STATUS.match(path):
        return [IMAGE_STATUS_LIMIT]
    if _TEXT_STATUS.match(path):
        return [TEXT_STATUS_LIMIT]
    if behaviour == "v5_1_5":
        hourly = any(p.match(path) for p in _HOURLY_5_1_5)
    else:
        hourly = method == "POST" and bool(_HOURLY_MODERN.match(path))
    return [PER_HOUR, PER_SECOND] if hourly else [PER_SECOND]


def rate_limit_headers(limit: Limit, remaining: int, reset_in: float, wall: float) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit.amount),
        "X-RateLimit-Remaining": str(max(remaining, 0)),
        "X-RateLimit-Reset": str(int(wall + reset_in)),
    }


def too_many_requests(limit: Limit, retry_after: int, wall: float | None = None) -> JSONResponse:
    """The 429 flask-limiter gives through flask-restx (observed on 5.1.5, REFERENCE §12)."""
    headers = rate_limit_headers(limit, 0, retry_after, time.time() if wall is None else wall)
    headers["Retry-After"] = str(retry_after)
    return JSONResponse({"message": limit.text}, status_code=429, headers=headers)


@dataclass
class RateLimiter:
    """Fixed windows per (client, method, path, limit). ``clock`` can be replaced in tests."""

    behaviour: Behaviour
    clock: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time
    _windows: dict[tuple[Any, ...], tuple[float, int]] = field(default_factory=dict)

    def hit(self, client: str, method: str, path: str) -> tuple[JSONResponse | None, dict[str, str]]:
        """Count one request: a 429 to send instead, or the headers to add to the real response."""
        now, tightest = self.clock(), None
        for limit in limits_for(self.behaviour, method, path):
            key = (client, method, path, limit)
            start, count = self._windows.get(key, (now, 0))
            if now - start >= limit.seconds:
                start, count = now, 0
            reset_in = start + limit.seconds - now
            if count >= limit.amount:
                return too_many_requests(limit, max(1, math.ceil(reset_in)), self.wall()), {}
            self._windows[key] = (start, count + 1)
            remaining = limit.amount - count - 1
            if tightest is None or remaining < tightest[1]:
                tightest = (limit, remaining, reset_in)
        if tightest is None:
            return None, {}
        return None, rate_limit_headers(*tightest, self.wall())
