"""The library's record of syncing: walks under way, when each list was last refreshed, and which list
requests were sent lately (the 20-per-hour text list must be counted across restarts, §1)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.base import LibraryPart
from horde_style_studio.library.rows import from_ts

if TYPE_CHECKING:
    from horde_style_studio.domain.collections import Collection
    from horde_style_studio.domain.styles import ImageStyle, TextStyle
    from horde_style_studio.library.walk import PagePlan, PageSaved, Step, WalkState

    Mirrored = ImageStyle | TextStyle | Collection

LEDGER_DAYS = 1
# A complete walk that would mark more than half of a list gone, and at least this many, is held back until
# the user confirms: a server answering short, or rows the app cannot read, must not empty a library.
MASS_GONE_MIN = 10
_LIVE_STYLES = (
    "SELECT count(*) FROM styles WHERE kind = ? AND gone_at IS NULL AND NOT (mine = 1 AND public = 0)"
)
_SAVING_PAGE = "saving a page of the library refresh"


UnseenCount = Callable[[Sequence[str]], int]
"""How many of the ids a list's walk has not seen yet."""


Planned = TypeVar("Planned", bound="PagePlan")


def _unseen(conn: sqlite3.Connection, list_name: str, ids: Sequence[str]) -> int:
    unique = set(ids)
    if not unique:
        return 0
    marks = ",".join("?" * len(unique))
    sql = f"SELECT count(*) FROM walk_seen WHERE list = ? AND object_id IN ({marks})"
    return len(unique) - int(conn.execute(sql, (list_name, *unique)).fetchone()[0])


def _upsert(
    conn: sqlite3.Connection, list_name: str, objects: Sequence[Mirrored], at: float, keys: list[int | None]
) -> None:
    # Only a sync needs the models (and pydantic): not the first paint (issue 18).
    from horde_style_studio.domain.collections import Collection
    from horde_style_studio.domain.styles import ImageStyle, TextStyle
    from horde_style_studio.library import mirror
    from horde_style_studio.library.walk import COLLECTIONS

    if list_name == COLLECTIONS:
        collections = [o for o in objects if isinstance(o, Collection)]
        if len(collections) != len(objects):
            raise TypeError("the collections list holds collections only")
        mirror.upsert_collections(conn, collections, at, keys)
        return
    styles = [o for o in objects if isinstance(o, ImageStyle | TextStyle)]
    if len(styles) != len(objects):
        raise TypeError(f"the {list_name} list holds styles only")
    mirror.upsert_styles(conn, StyleKind(list_name), styles, at, age_keys=keys)


# The walks' records (library.walk) are imported by the methods that use them: opening the library for
# Browse's first paint needs none of them (issue 18).
class LibrarySyncBook(LibraryPart):
    # Per list: (the walk's start, the pages it had saved, how many distinct objects they held).
    _walk_counts: dict[str, tuple[float, int, int]]

    # -- walks ---------------------------------------------------------------------------------------------
    def walk_state(self, list_name: str) -> WalkState | None:
        rows = self._db.query("SELECT * FROM walks WHERE list = ?", (list_name,))
        if not rows:
            return None
        row = rows[0]
        from horde_style_studio.domain.paging import PagingMode
        from horde_style_studio.library.walk import WalkState

        return WalkState(
            list_name, row["started_at"], row["next_page"], PagingMode(row["paging"]), row["probe_id"],
            row["pages"],
        )  # fmt: skip

    def start_walk(self, list_name: str, started_at: float) -> WalkState:
        """Forget any unfinished walk of the list and begin a new one."""
        from horde_style_studio.library.walk import WalkState

        state = WalkState(list_name, started_at)
        with self._db.write("starting a library refresh") as conn:
            conn.execute("DELETE FROM walk_seen WHERE list = ?", (list_name,))
            self._save_state(conn, state)
        return state

    def save_page(
        self,
        step: Step,
        objects: Sequence[Mirrored],
        seen_at: float,
        *,
        kept_ids: Sequence[str] = (),
        confirm_gone: bool = False,
    ) -> PageSaved:
        """Store one page and the walk's new position in one transaction; at the end of a complete walk,
        mark gone what it did not see. A walk cancelled before this call leaves no trace of the page.

        ``kept_ids`` are rows the page listed but the app could not read: they count as seen, so their
        stored copies stay as they were. Marking most of a list gone needs ``confirm_gone``."""
        with self._db.write(_SAVING_PAGE) as conn:
            return self._save_page(conn, step, objects, seen_at, kept_ids, confirm_gone)

    async def save_planned_page_in_background(
        self,
        list_name: str,
        plan: Callable[[UnseenCount], Planned],
        seen_at: float,
        *,
        confirm_gone: bool = False,
    ) -> tuple[Planned, PageSaved]:
        """Plan a fetched page and save it as :meth:`save_page` does, all on the writer thread in one
        transaction. ``plan`` gets a count of the ids the list's walk has not seen yet and returns where the
        page leaves the walk; it is where a sync reads the page it fetched (decoding and validating 25 rows
        is milliseconds of CPU the event loop does not spend), so only the plan comes back to the loop."""

        def job(conn: sqlite3.Connection) -> tuple[Planned, PageSaved]:
            planned = plan(partial(_unseen, conn, list_name))
            if planned.step.state.list_name != list_name:
                raise ValueError(f"a page of {planned.step.state.list_name} saved as one of {list_name}")
            saved = self._save_page(
                conn, planned.step, planned.objects, seen_at, planned.kept_ids, confirm_gone
            )
            return planned, saved

        return await self._db.write_in_background(_SAVING_PAGE, job)

    def _save_page(
        self,
        conn: sqlite3.Connection,
        step: Step,
        objects: Sequence[Mirrored],
        seen_at: float,
        kept_ids: Sequence[str],
        confirm_gone: bool,
    ) -> PageSaved:
        state = step.state
        name = state.list_name
        _upsert(conn, name, objects, seen_at, step.age_keys(len(objects)))
        added = conn.executemany(
            "INSERT OR IGNORE INTO walk_seen (list, object_id) VALUES (?, ?)",
            [(name, o.id) for o in objects] + [(name, i) for i in kept_ids],
        ).rowcount
        seen = self._seen_after(conn, state, added)
        gone, withheld = self._mark_unseen_gone(conn, state, confirm_gone) if step.complete else (0, 0)
        if step.finished:
            conn.execute("DELETE FROM walks WHERE list = ?", (name,))
            conn.execute("DELETE FROM walk_seen WHERE list = ?", (name,))
            self._walk_counts.pop(name, None)
            self._stamp(conn, name, seen_at, complete=step.complete and not withheld)
        else:
            self._save_state(conn, state)
        from horde_style_studio.library.walk import PageSaved

        return PageSaved(seen, gone, withheld)

    def _seen_after(self, conn: sqlite3.Connection, state: WalkState, added: int) -> int:
        """How many distinct objects the walk has seen with this page's ``added``: counted once a walk (and
        again after any page whose save did not follow the last one counted, as after a rolled-back save),
        then kept up page by page. Counting every page read the walk's whole record each time: quadratic,
        minutes of the writer's CPU over a walk of 100,000 styles (issue 18)."""
        kept = self._walk_counts.get(state.list_name)
        if kept is not None and kept[:2] == (state.started_at, state.pages - 1):
            seen = kept[2] + added
        else:
            sql = "SELECT count(*) FROM walk_seen WHERE list = ?"
            seen = int(conn.execute(sql, (state.list_name,)).fetchone()[0])
        self._walk_counts[state.list_name] = (state.started_at, state.pages, seen)
        return seen

    def _mark_unseen_gone(
        self, conn: sqlite3.Connection, state: WalkState, confirmed: bool
    ) -> tuple[int, int]:
        """(marked gone, withheld): most of a list is only marked gone when ``confirmed``."""
        from horde_style_studio.library import mirror
        from horde_style_studio.library.walk import COLLECTIONS

        seen = (mirror.SEEN_IN_WALK, (state.list_name,))
        conn.execute("SAVEPOINT marking_gone")
        if state.list_name == COLLECTIONS:
            live = conn.execute("SELECT count(*) FROM collections WHERE gone_at IS NULL").fetchone()[0]
            gone = mirror.mark_collections_gone(conn, state.started_at, self._clock(), seen)
        else:
            kind = StyleKind(state.list_name)
            live = conn.execute(_LIVE_STYLES, (kind.value,)).fetchone()[0]
            gone = mirror.mark_styles_gone(conn, kind, state.started_at, self._clock(), seen)
        if not confirmed and gone >= MASS_GONE_MIN and 2 * gone > int(live):
            conn.execute("ROLLBACK TO marking_gone")
            conn.execute("RELEASE marking_gone")
            return 0, gone
        conn.execute("RELEASE marking_gone")
        return gone, 0

    async def save_light_page(self, list_name: str, objects: Sequence[Mirrored], seen_at: float) -> None:
        """Store a page fetched outside any walk (a light refresh), on the writer thread; nothing is marked
        gone on the strength of one page."""

        def job(conn: sqlite3.Connection) -> None:
            _upsert(conn, list_name, objects, seen_at, [None] * len(objects))
            self._stamp(conn, list_name, seen_at, complete=False)

        await self._db.write_in_background("saving a light refresh", job)

    @staticmethod
    def _save_state(conn: sqlite3.Connection, state: WalkState) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO walks (list, started_at, next_page, paging, probe_id, pages) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (state.list_name, state.started_at, state.next_page, state.paging.value, state.probe_id,
             state.pages),
        )  # fmt: skip

    @staticmethod
    def _stamp(conn: sqlite3.Connection, list_name: str, at: float, *, complete: bool) -> None:
        conn.execute(
            "INSERT INTO list_syncs (list, refreshed_at, completed_at) VALUES (?, ?, ?) "
            "ON CONFLICT (list) DO UPDATE SET refreshed_at = excluded.refreshed_at, "
            "completed_at = coalesce(excluded.completed_at, list_syncs.completed_at)",
            (list_name, at, at if complete else None),
        )

    # -- when ----------------------------------------------------------------------------------------------
    def last_sync_at(self, kind: StyleKind | str) -> datetime | None:
        """When the list (``image``, ``text`` or ``collections``) was last refreshed, light or full."""
        return from_ts(self._db.scalar("SELECT refreshed_at FROM list_syncs WHERE list = ?", (str(kind),)))

    def newest_style_sync_at(self) -> datetime | None:
        """When the image or the text styles were last refreshed, whichever came later."""
        times = [self.last_sync_at(kind) for kind in (StyleKind.IMAGE, StyleKind.TEXT)]
        known = [t for t in times if t is not None]
        return max(known) if known else None

    def last_full_sync_at(self, kind: StyleKind | str) -> datetime | None:
        """When a walk of the whole list last completed."""
        return from_ts(self._db.scalar("SELECT completed_at FROM list_syncs WHERE list = ?", (str(kind),)))

    # -- request ledger ------------------------------------------------------------------------------------
    def note_request(self, route: str, at: float) -> None:
        with self._db.write("counting requests") as conn:
            conn.execute("DELETE FROM request_log WHERE at < ?", (at - LEDGER_DAYS * 86_400,))
            conn.execute("INSERT INTO request_log (route, at) VALUES (?, ?)", (route, at))

    def requests_since(self, route: str, since: float) -> list[float]:
        """Times of requests to ``route`` at or after ``since``, oldest first."""
        sql = "SELECT at FROM request_log WHERE route = ? AND at >= ? ORDER BY at"
        rows = self._db.query(sql, (route, since))
        return [float(row[0]) for row in rows]
