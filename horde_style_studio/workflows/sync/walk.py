"""Walking one of the server's 25-row lists so that a walk can stop after any page and carry on later.

The server's ``page`` is a row offset plus one on 5.1.5 and a page number on fixed servers (§2.1, §9 B1).
Like :mod:`horde_style_studio.api.paging`, a walk tells them apart the way §11.5 suggests (if page 2 starts
with page 1's second row, pages are offsets), but here the decision and the next page to ask for are plain
data (:class:`~horde_style_studio.library.walk.WalkState`) that the library stores with every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from horde_style_studio.domain.paging import PAGE_SIZE, PagingMode
from horde_style_studio.library.walk import Step, WalkState


def page_offset(page: int, paging: PagingMode) -> int:
    """The list position of the first row ``page`` returns."""
    if paging is PagingMode.ROW_OFFSET:
        return page - 1
    return (page - 1) * PAGE_SIZE


def step(state: WalkState, ids: Sequence[str], fresh: int) -> Step:
    """Advance ``state`` past a page whose rows have ``ids``, ``fresh`` of them new to this walk.

    The walk is complete at a short page. A full page with nothing new (a server ignoring ``page``, or one
    repeating itself) ends it *incomplete*, so nothing is marked gone on the strength of it. There is no cap
    on pages: a list of any length is walked to its end (a cap of 2,000 pages left lists over 50,000
    styles half mirrored, their departed styles never marked gone), and a server cannot keep a walk going
    without serving styles new to it.
    """
    page, paging, probe = state.next_page, state.paging, state.probe_id
    if page == 2 and paging is PagingMode.UNKNOWN:
        paging = PagingMode.ROW_OFFSET if ids and ids[0] == probe else PagingMode.PAGE_NUMBER
    advanced = replace(state, paging=paging, pages=state.pages + 1)
    offset = page_offset(page, paging)
    if len(ids) < PAGE_SIZE:
        return Step(advanced, offset, finished=True, complete=True)
    if page > 1 and fresh == 0:
        return Step(advanced, offset, finished=True, complete=False)
    if page == 1 and paging is PagingMode.UNKNOWN:
        following = replace(advanced, next_page=2, probe_id=ids[1])
    elif paging is PagingMode.ROW_OFFSET:
        following = replace(advanced, next_page=page + PAGE_SIZE)
    else:
        following = replace(advanced, next_page=page + 1)
    return Step(following, offset, finished=False, complete=False)
