"""Walking one of the server's 25-row lists so that a walk can stop after any page and carry on later.

The server's ``page`` is a row offset plus one on 5.1.5 and a page number on fixed servers (§2.1, §9 B1).
Like :mod:`horde_style_studio.api.paging`, a walk tells them apart the way §11.5 suggests (if page 2 starts
with page 1's second row, pages are offsets), but here the decision and the next page to ask for are plain
data that the library stores with every page, so a cancelled or failed walk resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal

from horde_style_studio.api.paging import PAGE_SIZE, PagingMode

ListName = Literal["image", "text", "collections"]
COLLECTIONS: Final = "collections"
MAX_PAGES = 2000  # a server that never returns a short page must not keep a walk going forever


@dataclass(frozen=True)
class WalkState:
    """How far a walk of one list got. ``probe_id`` is page 1's second row, kept to read page 2 by."""

    list_name: str
    started_at: float
    next_page: int = 1
    paging: PagingMode = PagingMode.UNKNOWN
    probe_id: str | None = None
    pages: int = 0


@dataclass(frozen=True)
class Step:
    """What one fetched page means: where its rows sit in the list, and what to fetch next."""

    state: WalkState
    first_offset: int
    finished: bool
    complete: bool

    def age_keys(self, count: int) -> list[int | None]:
        return [self.first_offset + n for n in range(count)]


def page_offset(page: int, paging: PagingMode) -> int:
    """The list position of the first row ``page`` returns."""
    if paging is PagingMode.ROW_OFFSET:
        return page - 1
    return (page - 1) * PAGE_SIZE


def step(state: WalkState, ids: Sequence[str | None], fresh: int, max_pages: int = MAX_PAGES) -> Step:
    """Advance ``state`` past a page whose rows have ``ids``, ``fresh`` of them new to this walk.

    ``ids`` has an entry for every row the server *sent*, None for a row without a usable id: one row the
    app cannot read must not make a full page look like the last (issue 14). The walk is complete at a
    short page. A full page with nothing new (a server ignoring ``page``) or too many pages end it
    *incomplete*, so nothing is marked gone on the strength of it.
    """
    page, paging, probe = state.next_page, state.paging, state.probe_id
    if page == 2 and paging is PagingMode.UNKNOWN:
        shifted = bool(ids) and ids[0] is not None and ids[0] == probe
        paging = PagingMode.ROW_OFFSET if shifted else PagingMode.PAGE_NUMBER
    advanced = replace(state, paging=paging, pages=state.pages + 1)
    offset = page_offset(page, paging)
    if len(ids) < PAGE_SIZE:
        return Step(advanced, offset, finished=True, complete=True)
    if (page > 1 and fresh == 0) or advanced.pages >= max_pages:
        return Step(advanced, offset, finished=True, complete=False)
    if page == 1 and paging is PagingMode.UNKNOWN:
        following = replace(advanced, next_page=2, probe_id=ids[1])
    elif paging is PagingMode.ROW_OFFSET:
        following = replace(advanced, next_page=page + PAGE_SIZE)
    else:
        following = replace(advanced, next_page=page + 1)
    return Step(following, offset, finished=False, complete=False)
