"""Listing walks every page on both servers: page numbers (5.1.13-like) and row offsets (5.1.5, §2.1)."""

from __future__ import annotations

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.paging import PageWalker
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.paging import PAGE_SIZE, PagingMode
from tests.unit.api.mock_server import BASE, Scripted, reply


def _rows(n: int) -> list[dict[str, object]]:
    return [
        {"id": f"id-{i:04d}", "name": f"Style {i}", "prompt": "{p}{np}", "models": ["m"]} for i in range(n)
    ]


def _paged(rows: list[dict[str, object]], offset_bug: bool) -> Scripted:
    server = Scripted()

    def page(request: httpx.Request) -> httpx.Response:
        n = int(request.url.params.get("page", "1"))
        start = n - 1 if offset_bug else (n - 1) * PAGE_SIZE
        return reply(200, rows[start : start + PAGE_SIZE])

    server.on("GET", "/v2/styles/image", page)
    return server


@pytest.mark.parametrize("offset_bug", [False, True])
@pytest.mark.parametrize("total", [0, 1, 24, 25, 26, 160])
async def test_all_pages_returns_every_style_once(offset_bug: bool, total: int) -> None:
    rows = _rows(total)
    server = _paged(rows, offset_bug)
    async with HordeClientSession(BASE, transport=server.transport()) as session:
        styles = await session.list_styles(StyleKind.IMAGE, all_pages=True)
    assert [s.id for s in styles] == [r["id"] for r in rows]


async def test_offset_server_is_walked_in_steps_of_25() -> None:
    server = _paged(_rows(160), offset_bug=True)
    async with HordeClientSession(BASE, transport=server.transport()) as session:
        await session.list_styles(StyleKind.IMAGE, all_pages=True)
        pages = [int(r.url.params["page"]) for r in server.seen]
        assert pages == [1, 2, 27, 52, 77, 102, 127, 152]
        server.seen.clear()
        await session.list_styles(StyleKind.IMAGE, all_pages=True)
        # The mode is remembered: the second walk needs no probe of page 2.
        assert [int(r.url.params["page"]) for r in server.seen] == [1, 26, 51, 76, 101, 126, 151]


async def test_page_number_server_is_walked_page_by_page() -> None:
    server = _paged(_rows(60), offset_bug=False)
    async with HordeClientSession(BASE, transport=server.transport()) as session:
        await session.list_styles(StyleKind.IMAGE, all_pages=True)
    assert [int(r.url.params["page"]) for r in server.seen] == [1, 2, 3]


async def test_a_server_ignoring_page_does_not_loop_forever() -> None:
    server = Scripted()
    server.on("GET", "/v2/styles/image", reply(200, _rows(25)))
    async with HordeClientSession(BASE, transport=server.transport()) as session:
        styles = await session.list_styles(StyleKind.IMAGE, all_pages=True)
    assert len(styles) == 25
    assert len(server.seen) <= 3


async def test_walker_respects_max_pages() -> None:
    walker = PageWalker(max_pages=3)

    async def endless(page: int) -> list[dict[str, object]]:
        return [{"id": f"{page}-{i}"} for i in range(PAGE_SIZE)]

    pages = [rows async for rows in walker.walk(endless)]
    assert len(pages) == 3
    assert walker.mode is PagingMode.PAGE_NUMBER


async def test_a_list_longer_than_two_thousand_pages_is_walked_to_its_end() -> None:
    walker = PageWalker()
    total = 2100 * PAGE_SIZE + 7

    async def long_list(page: int) -> list[dict[str, object]]:
        start = (page - 1) * PAGE_SIZE
        return [{"id": f"s{n}"} for n in range(start, min(total, start + PAGE_SIZE))]

    rows = [row async for page in walker.walk(long_list) for row in page]
    assert len(rows) == total
