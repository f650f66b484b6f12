"""Cards, and a Collections tab against the sandbox Horde with a library filled from it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary
from horde_style_studio.sandbox import SandboxApp, create_app
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.collections.member_model import MemberListModel
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.workflows.cards import Card

SANDBOX_URL = "http://sandbox.test/api"


def image(name: str, **fields: object) -> Card:
    return Card(f"img-{name.lower()}", StyleKind.IMAGE, name, "someone#9", **fields)  # type: ignore[arg-type]  # test shorthand for the optional fields


def text(name: str) -> Card:
    return Card(f"txt-{name.lower()}", StyleKind.TEXT, name, "someone#9")


CARDS = [image("Amber"), image("Birch"), image("Cobalt"), image("Dusk"), image("Ember"), text("Tale")]


def resolver(cards: Sequence[Card] = CARDS) -> Callable[[Sequence[str]], list[Card]]:
    by_id = {card.id: card for card in cards}
    return lambda ids: [by_id[i] for i in ids if i in by_id]


def members_over(
    resolve: Callable[[Sequence[str]], list[Card]], thumbnails: ThumbnailCache | None = None
) -> MemberListModel:
    """A builder model whose drops are looked up with ``resolve``, as the page does in the library."""
    model = MemberListModel(thumbnails)

    def dropped(ids: list[str], row: int) -> None:
        distinct = list(dict.fromkeys(ids))
        model.add_cards(resolve(distinct), row, asked=len(distinct))

    model.ids_dropped.connect(dropped)
    return model


@pytest.fixture(params=["modern", "v5_1_5"])
def sandbox(request: pytest.FixtureRequest) -> SandboxApp:
    return create_app(request.param)


def fill_library(path: Path, sandbox: SandboxApp) -> None:
    """Store every public style and collection of ``sandbox`` in the library at ``path``, as a sync would.

    Runs on a thread of its own with its own event loop, so it never meets the test's qasync loop.
    """

    async def fill() -> None:
        library = StyleLibrary.open(path)
        transport = httpx.ASGITransport(app=sandbox)
        try:
            async with HordeClientSession(SANDBOX_URL, transport=transport, retry=NO_RETRY) as session:
                now = datetime.now(UTC)
                for kind in StyleKind:
                    library.upsert_styles(kind, await session.list_styles(kind, all_pages=True), now)
                library.upsert_collections(await session.list_collections(all_pages=True), now)
        finally:
            library.close()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, fill()).result()


@pytest.fixture
def library_path(tmp_path: Path, sandbox: SandboxApp) -> Path:
    path = tmp_path / "library" / "library.sqlite"
    fill_library(path, sandbox)
    return path


@pytest.fixture
def filled_library(library_path: Path) -> Iterator[StyleLibrary]:
    library = StyleLibrary.open(library_path)
    yield library
    library.close()


def wait_idle(qtbot: QtBot, tasks: TaskRegistry, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: len(tasks) == 0, timeout=timeout)
