"""Keeping a sync within the server's rate limits (§1) instead of running into them.

Every route allows 2 requests a second, and on 5.1.5 that window is one per address whatever the route
(§12), so all requests are spaced out. On 5.1.5 the text list
and each image style by id allow only 20 an hour per IP (§1 table, §9 B8); those requests are counted in
the library, so the count survives a restart, and a sync that would exceed the budget stops and says when
it may carry on, rather than being refused by the server.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from horde_style_studio.library.sync_book import LibrarySyncBook

Sleep = Callable[[float], Awaitable[None]]
MIN_INTERVAL = 0.55  # a little over the 2-per-second limit's half second
HOURLY_ON_5_1_5 = 18  # of the 20 allowed: headroom for the CLI or a browser on the same IP
ANY_ROUTE = ""  # the 2-per-second window is shared by every route (§12)
_HOURLY_ROUTES = (re.compile(r"^GET /v2/styles/text$"), re.compile(r"^GET /v2/styles/image/[^/]+$"))


@dataclass(frozen=True)
class HourlyBudget:
    limit: int
    window: float


class BudgetSpentError(Exception):
    """The route's budget is spent until ``until`` (seconds since the epoch)."""

    def __init__(self, route: str, until: float) -> None:
        super().__init__(f"{route} budget spent")
        self.until = until


def hourly_budget(route: str, limit: int | None) -> HourlyBudget | None:
    """The 5.1.5 budget for ``route`` ("METHOD /v2/..."), or None for a route with only per-second limits."""
    if limit is None or not any(pattern.match(route) for pattern in _HOURLY_ROUTES):
        return None
    return HourlyBudget(limit, 3600.0)


class RequestPacer:
    """Call :meth:`before` right before each request; it waits or raises :class:`BudgetSpentError`."""

    def __init__(
        self,
        book: LibrarySyncBook,
        *,
        min_interval: float = MIN_INTERVAL,
        clock: Callable[[], float] = time.time,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._book = book
        self._interval = min_interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self.hourly_limit: int | None = None

    async def before(self, route: str) -> None:
        budget = hourly_budget(route, self.hourly_limit)
        if budget is not None:
            self._check(route, budget)
        wait = self._last.get(ANY_ROUTE, -math.inf) + self._interval - self._clock()
        if wait > 0:
            await self._sleep(wait)
        at = self._clock()
        self._last[ANY_ROUTE] = at
        if budget is not None:
            self._book.note_request(route, at)

    def _check(self, route: str, budget: HourlyBudget) -> None:
        recent = self._book.requests_since(route, self._clock() - budget.window)
        if len(recent) >= budget.limit:
            raise BudgetSpentError(route, recent[-budget.limit] + budget.window)
