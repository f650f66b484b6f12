"""Optional real rate limits: flask-limiter's fixed windows (REFERENCE §1, B8, §12).

5.1.5 as observed (§12): the 2-per-second window is one per address, shared by every client behind it
whatever route they call, and its ``Retry-After`` is rounded *down*, so a refusal with less than a second
of the window left says ``Retry-After: 0``. The 20-per-hour limits count per address, method and exact path
(so per style id and per method), with ``X-RateLimit-*`` headers on every answer.
"""

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


def window_key(behaviour: Behaviour, client: str, method: str, path: str, limit: Limit) -> tuple[Any, ...]:
    if behaviour == "v5_1_5" and limit is PER_SECOND:
        # One 2-per-second window per address: two windows of the app, the website and a household behind
        # one router all draw from it (REFERENCE §12).
        return (client, limit)
    return (client, method, path, limit)


def retry_after_for(behaviour: Behaviour, reset_in: float) -> int:
    if behaviour == "v5_1_5":
        return max(0, math.floor(reset_in))  # rounded down: 0 with under a second left (REFERENCE §12)
    return max(1, math.ceil(reset_in))


def rate_limit_headers(limit: Limit, remaining: int, reset_in: float, wall: float) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit.amount),
        "X-RateLimit-Remaining": str(max(remaining, 0)),
        "X-RateLimit-Reset": str(int(wall + reset_in)),
    }


def too_many_requests(
    limit: Limit, retry_after: int, wall: float | None = None, reset_in: float | None = None
) -> JSONResponse:
    """The 429 flask-limiter gives through flask-restx (observed on 5.1.5, REFERENCE §12)."""
    when = time.time() if wall is None else wall
    headers = rate_limit_headers(limit, 0, retry_after if reset_in is None else reset_in, when)
    headers["Retry-After"] = str(retry_after)
    return JSONResponse({"message": limit.text}, status_code=429, headers=headers)


@dataclass
class RateLimiter:
    """Fixed windows per limit key (see :func:`window_key`). ``clock`` can be replaced in tests."""

    behaviour: Behaviour
    clock: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time
    _windows: dict[tuple[Any, ...], tuple[float, int]] = field(default_factory=dict)

    def hit(self, client: str, method: str, path: str) -> tuple[JSONResponse | None, dict[str, str]]:
        """Count one request: a 429 to send instead, or the headers to add to the real response.

        The headers describe the longest limit of the route (the hourly budget where there is one), which
        is what a client needs to plan with.
        """
        now = self.clock()
        counted: list[tuple[tuple[Any, ...], float, int]] = []
        reported: tuple[Limit, int, float] | None = None
        for limit in limits_for(self.behaviour, method, path):
            key = window_key(self.behaviour, client, method, path, limit)
            start, count = self._windows.get(key, (now, 0))
            if now - start >= limit.seconds:
                start, count = now, 0
            reset_in = start + limit.seconds - now
            if count >= limit.amount:
                retry_after = retry_after_for(self.behaviour, reset_in)
                return too_many_requests(limit, retry_after, self.wall(), reset_in), {}
            counted.append((key, start, count + 1))
            if reported is None:
                reported = (limit, limit.amount - count - 1, reset_in)
        # A refused request counts against no window, as with flask-limiter's "hit" after all checks.
        for key, start, count in counted:
            self._windows[key] = (start, count)
        if reported is None:
            return None, {}
        return None, rate_limit_headers(*reported, self.wall())
