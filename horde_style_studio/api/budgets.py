"""What is left of the server's longer rate limits, read from its ``X-RateLimit-*`` headers (§1, §12).

5.1.5 allows 20 ``GET``, 20 ``PATCH`` and 20 ``DELETE`` an hour on each ``/v2/styles/image/{id}`` (and 20
reads an hour of the text list), counted per address, method and exact path. Every answer says how many are
left and when the window resets, so the client knows a budget is spent before asking, and can say when it
comes back instead of sending a request bound to be refused. The 2-per-second window is not tracked here: it
resets within a second and the retry policy waits it out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from horde_style_studio.api.errors import RateLimitedError

LONG_LIMIT_ABOVE = 2  # limits counting more than the per-second window's two


@dataclass(frozen=True)
class Budget:
    limit: int
    remaining: int
    resets_at: float  # seconds since the epoch


class RouteBudgetSpentError(RateLimitedError):
    """A per-route budget (20 an hour on 5.1.5) is spent; ``resets_at`` says when it comes back."""

    def __init__(self, method: str, path: str, budget: Budget, now: float) -> None:
        back = datetime.fromtimestamp(budget.resets_at).strftime("%H:%M")
        what = "this style" if path.count("/") >= 4 else "this list"
        message = (
            f"The AI Horde's limit of {budget.limit} {method} requests for {what} is used up until {back}; "
            "nothing was sent."
        )
        super().__init__(message, retry_after=max(0.0, budget.resets_at - now), status=429)
        self.resets_at = budget.resets_at


def _int(headers: Mapping[str, str], name: str) -> int | None:
    try:
        return int(headers[name])
    except (KeyError, ValueError):
        return None


class RateBudgets:
    """Per ``(method, path)``: the last budget the server reported."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._budgets: dict[tuple[str, str], Budget] = {}

    def note(self, method: str, path: str, headers: Mapping[str, str], status: int) -> None:
        limit, remaining = _int(headers, "x-ratelimit-limit"), _int(headers, "x-ratelimit-remaining")
        reset = _int(headers, "x-ratelimit-reset")
        if limit is None or limit <= LONG_LIMIT_ABOVE or reset is None:
            return
        if status == 429:
            remaining = 0
        if remaining is None:
            return
        self._budgets[(method.upper(), path)] = Budget(limit, remaining, float(reset))

    def left(self, method: str, path: str) -> Budget | None:
        budget = self._budgets.get((method.upper(), path))
        if budget is None or budget.resets_at <= self._clock():
            return None
        return budget

    def check(self, method: str, path: str) -> None:
        """Raise :class:`RouteBudgetSpentError` when the route's budget is known to be spent."""
        budget = self.left(method, path)
        if budget is not None and budget.remaining <= 0:
            raise RouteBudgetSpentError(method.upper(), path, budget, self._clock())
