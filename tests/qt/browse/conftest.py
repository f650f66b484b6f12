"""Fixtures for the Browse tests: a library filled from the sandbox (styles and public collections) and the
page over it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleLibrary, StyleQuery
from horde_style_studio.sandbox import create_app
from horde_style_studio.ui.browse.collections_presenter import CollectionBrowsePresenter
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.presenter import BrowsePresenter

# REFERENCE §5's own example (tests/integration/test_image_styles.py of the server).
SECTION_5 = ImageStyle.model_validate(
    {
        "id": "00000000-0000-4000-8000-00000000005a",
        "name": "Impasto Section Five",
        "creator": "db0#1",
        "prompt": "{p}, impasto impressionism###no blur, {np}",
        "models": ["Deliberate"],
        "tags": ["paint"],
        "info": "The example of REFERENCE section 5.",
        "use_count": 3,
    }
)


@pytest.fixture
def library() -> Iterator[StyleLibrary]:
    app = create_app("modern")
    store = app.state_store
    rows = [s for s in store.styles.values() if s.public]
    library = StyleLibrary.in_memory()

    async def fill() -> None:
        async with HordeClientSession("http://sandbox.test/api", transport=httpx.ASGITransport(app=app)) as s:
            for kind in (StyleKind.IMAGE, StyleKind.TEXT):
                styles = await s.list_styles(kind, all_pages=True)
                library.upsert_styles(kind, styles, datetime.now(UTC))
            library.upsert_collections(await s.list_collections(all_pages=True), datetime.now(UTC))

    asyncio.run(fill())
    library.upsert_styles(StyleKind.IMAGE, [SECTION_5], datetime.now(UTC))
    assert library.count(StyleQuery(limit=None, show_nsfw=True)) == len(rows) + 1
    yield library
    library.close()


@pytest.fixture
def page(qtbot: QtBot, library: StyleLibrary) -> BrowsePage:
    page = BrowsePage(BrowsePresenter(library), None, collections=CollectionBrowsePresenter(library))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.refresh()
    return page
