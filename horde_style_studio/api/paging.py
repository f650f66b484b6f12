"""Walking the Horde's 25-row list pages on both server versions.

On 5.1.5 ``page`` is a row offset plus one, not a page number (§2.1, §9 B1): ``page=2`` returns rows 2-26.
Whether a server is fixed is not documented (§10 is silent), so the walker detects it the way §11.5 suggests:
if the first row of page 2 is the second row of page 1, pages are offsets and the walk steps by 25. Rows are
deduplicated by id either way, so an overlap can never show a style twice.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from horde_style_studio.domain.paging import PAGE_SIZE, PagingMode

FetchPage = Callable[[int], Awaitable[list[dict[str, Any]]]]


def _row_id(row: dict[str, Any]) -> str:
    return str(row.get("id") or row.get("name") or repr(sorted(row.items())))


def detect_mode(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> PagingMode:
    """Tell the two semantics apart from pages 1 and 2 of the same list."""
    if len(first) >= 2 and second and _row_id(second[0]) == _row_id(first[1]):
        return PagingMode.ROW_OFFSET
    return PagingMode.PAGE_NUMBER


class PageWalker:
    """Yields each page's *new* rows. Remembers the detected mode so later walks skip the probe.

    A walk ends at a short page, or at a page with nothing new (a server ignoring ``page`` cannot loop it
    forever); ``max_pages`` can bound it further, but by default a list of any length is walked to its end.
    """

    def __init__(self, max_pages: int | None = None) -> None:
        self.mode = PagingMode.UNKNOWN
        self.max_pages = max_pages

    def next_page(self, page: int) -> int:
        return page + PAGE_SIZE if self.mode is PagingMode.ROW_OFFSET else page + 1

    async def walk(self, fetch: FetchPage) -> AsyncIterator[list[dict[str, Any]]]:
        seen: set[str] = set()
        page = 1
        rows = await fetch(page)
        for _ in itertools.count() if self.max_pages is None else range(self.max_pages):
            fresh = [row for row in rows if _row_id(row) not in seen]
            seen.update(_row_id(row) for row in fresh)
            if fresh:
                yield fresh
            if len(rows) < PAGE_SIZE or (not fresh and page > 1):
                return
            if self.mode is PagingMode.UNKNOWN:
                following = await fetch(2)
                self.mode = detect_mode(rows, following)
                page, rows = 2, following
                continue
            page = self.next_page(page)
            rows = await fetch(page)
