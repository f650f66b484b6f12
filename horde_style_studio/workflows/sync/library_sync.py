"""``LibrarySync``: fills the library from the server's lists, page by page, without Qt.

A full sync walks each list oldest first (``sort=age``, §2.1): new styles join the end of that order, so a
walk is not thrown off by styles created or used while it runs, as the popularity order would be. A light
sync reads only the first, most popular page of each list. Each page is saved with the walk's position in
one transaction, so cancelling (asyncio cancellation lands between pages or inside a request, never inside
a save) or a server error leaves the library consistent, and the next run carries on from there. A walk's
page is decoded, validated, judged and saved on the library's writer thread: the event loop (the window's
thread) only sends the request and takes in the answer's bytes, then reports progress (issue 18).
"""

from __future__ import annotations

import asyncio
import gc
import random
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from horde_style_studio.api.budgets import RouteBudgetSpentError
from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.api.client import SortOrder as ListSort
from horde_style_studio.api.core import ListPage, UnreadableRow
from horde_style_studio.api.errors import HordeProtocolError, NotFoundError, RateLimitedError
from horde_style_studio.api.retry import rate_limit_wait
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.users import UserStyleRef
from horde_style_studio.library.errors import SyncBusyError
from horde_style_studio.library.rows import from_ts
from horde_style_studio.library.store import StyleLibrary
from horde_style_studio.library.sync_book import UnseenCount
from horde_style_studio.library.walk import COLLECTIONS, PagePlan, WalkState
from horde_style_studio.workflows.sync.pacing import (
    HOURLY_ON_5_1_5,
    MIN_INTERVAL,
    BudgetSpentError,
    RequestPacer,
    Sleep,
)
from horde_style_studio.workflows.sync.walk import step

if TYPE_CHECKING:
    from horde_style_studio.library.sync_book import Mirrored

ProgressCallback = Callable[[str, int, int], None]
"""After every page: (list: ``image``, ``text``, ``collections`` or ``mine``; objects seen; page)."""
# A page fetched but not read yet: reading (decoding and validating the rows) may run on another thread.
FetchPage = Callable[[int], Awaitable[Callable[[], "_Page"]]]
RESUME_WITHIN = 12 * 3600.0  # an older unfinished walk starts over: what it saw may have changed since
MINE = "mine"
DEFER_AT_LEAST = 15.0
_T = TypeVar("_T")
PAUSES = (2.0, 4.0, 8.0)  # seconds a walk pauses when refused again and again, before deferring


@dataclass
class ListReport:
    """What a run did to one list. ``seen`` counts the whole walk, resumed part included.

    ``unreadable``: rows the server listed that the app refused (kept as stored, never marked gone);
    ``withheld_gone``: how many the walk would have marked gone, held back as most of the list (a run with
    ``confirm_gone`` marks them)."""

    list_name: str
    complete: bool = False
    resumed: bool = False
    pages: int = 0
    seen: int = 0
    gone: int = 0
    deferred_until: datetime | None = None
    unreadable: list[UnreadableRow] = field(default_factory=list)
    withheld_gone: int = 0


@dataclass
class SyncReport:
    lists: dict[str, ListReport] = field(default_factory=dict)
    own_styles: int | None = None  # None: no API key, so no own styles were looked up
    unreadable_own: list[str] = field(default_factory=list)  # why own styles fetched by id were refused

    @property
    def complete(self) -> bool:
        return all(report.complete for report in self.lists.values())

    @property
    def deferred_until(self) -> datetime | None:
        times = [r.deferred_until for r in self.lists.values() if r.deferred_until is not None]
        return max(times) if times else None

    @property
    def needs_confirmation(self) -> bool:
        """Whether a list held back marking most of itself gone: ask, then run with ``confirm_gone``."""
        return any(report.withheld_gone for report in self.lists.values())


_SHOWN_UNREADABLE = 3
_LIST_NOUNS = {"image": "image styles", "text": "text styles", "collections": "collections"}


def report_problems(report: SyncReport) -> str | None:
    """A sentence about what a finished refresh could not do, or None when nothing needs saying."""
    parts = [f"One of your styles could not be read and was left as it was: {why}" for why in
             report.unreadable_own[:_SHOWN_UNREADABLE]]  # fmt: skip
    for name, listed in report.lists.items():
        noun = _LIST_NOUNS.get(name, name)
        if listed.withheld_gone:
            parts.append(
                f"The AI Horde no longer lists {listed.withheld_gone:,} of the {noun} in your library, most "
                "of them, so they were kept rather than marked gone."
            )
        if listed.unreadable:
            shown = "; ".join(row.describe() for row in listed.unreadable[:_SHOWN_UNREADABLE])
            more = len(listed.unreadable) - _SHOWN_UNREADABLE
            extra = f" and {more:,} more" if more > 0 else ""
            parts.append(
                f"{len(listed.unreadable):,} of the {noun} could not be read and were left as they were: "
                f"{shown}{extra}."
            )
    return " ".join(parts) or None


def gone_question(report: SyncReport) -> str | None:
    """What to ask before marking gone what a refresh held back, or None when it held nothing back."""
    held = [
        f"{r.withheld_gone:,} of the {_LIST_NOUNS.get(n, n)}"
        for n, r in report.lists.items()
        if r.withheld_gone
    ]
    if not held:
        return None
    return (
        f"The AI Horde no longer lists {' and '.join(held)} in your library, most of them. That can be a "
        "passing fault of the server. Mark them gone from the AI Horde? (Favourites, notes and drafts are "
        "kept either way.)"
    )


@dataclass(frozen=True)
class _Page:
    """One page as a walk needs it: the readable objects, every row's id as sent, the refused rows."""

    objects: Sequence[Mirrored]
    raw_ids: Sequence[str | None]
    unreadable: Sequence[UnreadableRow]

    @classmethod
    def of(cls, page: ListPage[Any]) -> _Page:
        return cls(list(page), page.raw_ids, page.unreadable)


@dataclass(frozen=True)
class _PlannedPage(PagePlan):
    """A walk's page as read and judged on the library's writer thread, for the loop to report."""

    ids: Sequence[str] = ()
    unreadable: Sequence[UnreadableRow] = ()


@dataclass(frozen=True)
class _Source:
    list_name: str
    route: str
    fetch: FetchPage


class LibrarySync:
    """Runs syncs of one library against one session, one at a time (a second raises SyncBusyError)."""

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        *,
        min_interval: float = MIN_INTERVAL,
        hourly_limit: int | None = HOURLY_ON_5_1_5,
        clock: Callable[[], float] = time.time,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._session = session
        self._library = library
        self._clock = clock
        self._hourly_limit = hourly_limit
        self._pacer = RequestPacer(library, min_interval=min_interval, clock=clock, sleep=sleep)
        self._sleep = sleep
        self._lock = asyncio.Lock()
        self._seen_now: set[str] = set()
        self._progress: ProgressCallback | None = None
        self._confirm_gone = False
        self._mine = ListReport(MINE)

    async def run(
        self,
        kinds: Iterable[StyleKind] = (StyleKind.IMAGE, StyleKind.TEXT),
        *,
        light: bool = False,
        collections: bool = True,
        own_styles: bool = True,
        progress: ProgressCallback | None = None,
        confirm_gone: bool = False,
    ) -> SyncReport:
        """Refresh the ``kinds`` lists, the collections and the signed-in user's own styles.

        Raises the api layer's errors (connection, server, protocol) with what was fetched already saved; a
        rate limit only defers its list (``ListReport.deferred_until``). A walk that would mark most of a
        list gone holds back (``SyncReport.needs_confirmation``) unless ``confirm_gone``.
        """
        if self._lock.locked():
            raise SyncBusyError()
        async with self._lock:
            with _older_objects_left_alone():
                self._seen_now, self._progress, self._confirm_gone = set(), progress, confirm_gone
                wanted = [StyleKind(kind) for kind in kinds]
                await self._choose_budget(wanted)
                sort: ListSort = "popular" if light else "age"
                sources = [self._style_source(kind, sort) for kind in wanted]
                if collections:
                    sources.append(self._collection_source(sort))
                report = SyncReport()
                for source in sources:
                    report.lists[source.list_name] = await self._list(source, light)
                if own_styles:
                    self._mine = ListReport(MINE, complete=True)
                    report.own_styles = await self._own_styles(wanted, light, report)
                    if not self._mine.complete:
                        report.lists[MINE] = self._mine
                return report

    async def _choose_budget(self, kinds: list[StyleKind]) -> None:
        # The hourly budgets are 5.1.5's (§1); 5.1.13 reads fall under 90/minute (§10). Asking costs one
        # request, once per session, and only when the 20-per-hour text list is about to be read.
        if self._hourly_limit is None or StyleKind.TEXT not in kinds:
            self._pacer.hourly_limit = self._hourly_limit
            return
        strict = await self._session.server_flavour() == "5.1.5"
        self._pacer.hourly_limit = self._hourly_limit if strict else None

    def _style_source(self, kind: StyleKind, sort: ListSort) -> _Source:
        async def fetch(page: int) -> Callable[[], _Page]:
            read = await self._session.fetch_style_page(kind, sort=sort, page=page)
            return lambda: _Page.of(read())

        return _Source(kind.value, f"GET /v2/styles/{kind.value}", fetch)

    def _collection_source(self, sort: ListSort) -> _Source:
        async def fetch(page: int) -> Callable[[], _Page]:
            read = await self._session.fetch_collection_page(sort=sort, page=page)
            return lambda: _Page.of(read())

        return _Source(COLLECTIONS, "GET /v2/collections", fetch)

    async def _fetch(self, source: _Source, page: int) -> Callable[[], _Page]:
        await self._pacer.before(source.route)
        return await source.fetch(page)

    def _note_read(self, report: ListReport, ids: Iterable[str], unreadable: Sequence[UnreadableRow]) -> None:
        self._seen_now.update(ids)
        known = {row.id for row in report.unreadable}
        report.unreadable += [row for row in unreadable if row.id is None or row.id not in known]

    def _report_progress(self, list_name: str, seen: int, page: int) -> None:
        if self._progress is not None:
            self._progress(list_name, seen, page)

    # -- lists ---------------------------------------------------------------------------------------------
    async def _list(self, source: _Source, light: bool) -> ListReport:
        report = ListReport(source.list_name)
        for pause in (*PAUSES, None):
            try:
                await (self._light(report, source) if light else self._walk(report, source))
                return report
            except BudgetSpentError as spent:
                report.deferred_until = from_ts(spent.until)
                return report
            except RateLimitedError as err:
                # Refused again and again within the shared 2-per-second window (§12): another client on
                # this address is busy. Pause a few windows and carry on from the last saved page; a long
                # Retry-After, or too many pauses, defers the rest of the list to a later run.
                if pause is None or (err.retry_after or 0.0) > pause:
                    report.deferred_until = from_ts(self._clock() + _deferral(err))
                    return report
                await self._sleep(pause + random.uniform(0.0, pause))
        return report

    async def _light(self, report: ListReport, source: _Source) -> None:
        page = (await self._fetch(source, 1))()  # one page a list: read here
        objects = page.objects
        self._note_read(report, (o.id for o in objects), page.unreadable)
        await self._library.save_light_page(source.list_name, objects, self._clock())
        report.pages, report.seen = 1, len(objects)
        self._report_progress(source.list_name, report.seen, 1)

    async def _walk(self, report: ListReport, source: _Source) -> None:
        name = source.list_name
        state = self._library.walk_state(name)
        now = self._clock()
        if state is None or now - state.started_at > RESUME_WITHIN:
            state = self._library.start_walk(name, now)
        else:
            report.resumed = True
        while True:
            read = await self._fetch(source, state.next_page)
            # The page is read, judged and saved on the library's writer thread: the loop only sends.
            planned, saved = await self._library.save_planned_page_in_background(
                name,
                partial(_plan, state, read, any(row.id is None for row in report.unreadable)),
                self._clock(),
                confirm_gone=self._confirm_gone,
            )
            self._note_read(report, planned.ids, planned.unreadable)
            moved = planned.step
            report.pages += 1
            report.seen, report.gone = saved.seen, report.gone + saved.gone
            report.withheld_gone += saved.withheld
            self._report_progress(name, saved.seen, state.next_page)
            if moved.finished:
                report.complete = moved.complete and not saved.withheld
                return
            state = moved.state

    # -- the user's own styles -----------------------------------------------------------------------------
    async def _own_styles(self, kinds: list[StyleKind], light: bool, report: SyncReport) -> int | None:
        """Fetch by id the user's styles no list showed (private ones, §6), then flag them all as mine."""
        if self._session.api_key is None:
            return None
        try:
            user = await self._patiently("GET /v2/find_user", self._session.find_user)
        except (BudgetSpentError, RateLimitedError) as err:
            self._defer_mine(err)
            return None
        if user.is_anonymous:
            return None
        mine: list[str] = []
        for ref in user.styles:
            # A kind this run does not refresh keeps what the library holds of it.
            fresh = await self._refresh_own(ref, light, report) if ref.type in kinds else self._has(ref.id)
            if fresh:
                mine.append(ref.id)
                self._report_progress(MINE, len(mine), 0)
        self._library.set_own_styles(user.username, mine)
        return len(mine)

    async def _patiently(self, route: str, call: Callable[[], Awaitable[_T]]) -> _T:
        """``call`` on ``route``, pausing as a list walk does while another client on this address keeps the
        shared 2-per-second window busy (§12); a spent budget or a long Retry-After is raised at once."""
        for pause in PAUSES:
            await self._pacer.before(route)
            try:
                return await call()
            except RouteBudgetSpentError:
                raise
            except RateLimitedError as err:
                if (err.retry_after or 0.0) > pause:
                    raise
                await self._sleep(pause + random.uniform(0.0, pause))
        await self._pacer.before(route)
        return await call()

    def _defer_mine(self, err: BudgetSpentError | RateLimitedError) -> None:
        until = err.until if isinstance(err, BudgetSpentError) else self._clock() + _deferral(err)
        when, latest = datetime.fromtimestamp(until, UTC), self._mine.deferred_until
        self._mine.complete = False
        self._mine.deferred_until = when if latest is None or when > latest else latest

    def _has(self, style_id: str) -> bool:
        return self._library.get_row(style_id) is not None

    async def _refresh_own(self, ref: UserStyleRef, light: bool, report: SyncReport) -> bool:
        """Make sure the library holds ``ref``'s style; False when the server no longer has it."""
        if ref.id in self._seen_now or (light and self._has(ref.id)):
            return True
        try:
            style = await self._patiently(
                f"GET /v2/styles/{ref.type.value}/{ref.id}", lambda: self._session.get_style(ref.type, ref.id)
            )
        except NotFoundError:
            return False
        except (BudgetSpentError, RateLimitedError) as err:
            # Not fetched this time: the stored copy, if any, stays the user's, and the report says so.
            self._defer_mine(err)
            return self._has(ref.id)
        except HordeProtocolError as err:
            # A style the app refuses (a field past the server's limits, issue 14) stays as stored.
            report.unreadable_own.append(err.message)
            return self._has(ref.id)
        self._library.upsert_styles(ref.type, [style], datetime.fromtimestamp(self._clock(), UTC), mine=True)
        return True


@contextmanager
def _older_objects_left_alone() -> Iterator[None]:
    """Keep what existed before the sync out of the collector's full passes while it runs.

    A long walk promotes some of its short-lived page objects now and then, and every so often that sets
    off a full collection over the whole heap, on whichever thread allocates: 40-90 ms with the loop
    waiting for the GIL, measured in a 100k sync (issue 18). Frozen, the objects that were there before are
    not walked; afterwards they are handed back, so cycles among them are still collected. When something
    else froze the heap already (the in-app sandbox does, for good), it stays as it is.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _plan(
    state: WalkState, read: Callable[[], _Page], idless_before: bool, unseen: UnseenCount
) -> _PlannedPage:
    """Read a fetched page and judge where it leaves the walk (on the library's writer thread)."""
    page = read()
    # Page ends and what is new are judged on the rows as sent, readable or not (issue 14).
    moved = step(state, page.raw_ids, unseen([i for i in page.raw_ids if i is not None]))
    if moved.complete and (idless_before or any(row.id is None for row in page.unreadable)):
        # A row with no id could be any stored style: none is marked gone on this walk's word.
        moved = replace(moved, complete=False)
    return _PlannedPage(
        moved,
        page.objects,
        kept_ids=[row.id for row in page.unreadable if row.id is not None],
        ids=[o.id for o in page.objects],
        unreadable=page.unreadable,
    )


def _deferral(err: RateLimitedError) -> float:
    """Seconds until a list refused with 429 is tried again: at least a few windows, as 5.1.5 says "0" when
    under a second of its 2-per-second window is left (§12)."""
    return rate_limit_wait(err, at_least=DEFER_AT_LEAST)
