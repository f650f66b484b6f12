"""Issue 14 item 2: a style's text is a stranger's text. HTML in names, descriptions, templates, tags and
creators (the sandbox's ``html_text`` fault) is shown as characters, and a text template with a format spec
neither crashes nor freezes Browse."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import TextStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.sandbox import create_app
from horde_style_studio.sandbox.hostile import HOSTILE_HTML
from horde_style_studio.ui.browse.filters import Scope
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.presenter import BrowsePresenter


def rich_parts(text: str) -> list[str]:
    """The links and pictures Qt would draw for ``text`` shown where its format is decided automatically
    (tooltips, labels in AutoText): empty when it is shown as plain characters."""
    if not GuiQt.mightBeRichText(text):
        return []
    document = QTextDocument()
    document.setHtml(text)
    found: list[str] = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            form = fragment.charFormat()
            if form.isAnchor():
                found.append(f"link to {form.anchorHref()}")
            if form.isImageFormat():
                found.append(f"picture {form.toImageFormat().name()}")
            fragments += 1
        block = block.next()
    if "SECURITY NOTICE" in text and "<h1>" not in document.toPlainText():
        found.append("HTML markup drawn as formatting")
    return found


def rendered_rich(widget: QWidget) -> dict[str, list[str]]:
    """Every label and tooltip under ``widget`` that Qt would render as HTML, with what it would draw."""
    out: dict[str, list[str]] = {}
    for label in widget.findChildren(QLabel):
        text = label.text()
        fmt = label.textFormat()
        if fmt == Qt.TextFormat.PlainText or not text:
            continue
        rich = fmt == Qt.TextFormat.RichText or GuiQt.mightBeRichText(text)
        if rich and (parts := rich_parts(text if GuiQt.mightBeRichText(text) else f"<qt>{text}")):
            out[f"label {text[:60]!r}"] = parts
    for child in [widget, *widget.findChildren(QWidget)]:
        if (tip := child.toolTip()) and (parts := rich_parts(tip)):
            out[f"tooltip {tip[:60]!r}"] = parts
    return out


def model_tooltips_rich(page: BrowsePage) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for model in (page.model, page.styles_view.table.model()):
        for row in range(model.rowCount(QModelIndex())):
            for column in range(1 if model is page.model else model.columnCount(QModelIndex())):
                tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and (parts := rich_parts(tip)):
                    out[f"row {row} column {column} tooltip {tip[:60]!r}"] = parts
    return out


GIANT_SPEC = TextStyle.model_validate(
    {
        "id": "00000000-0000-4000-8000-0000000000ff",
        "name": "Fourteen characters",
        "creator": "mallory#66",
        "prompt": "{p:>99999999999}",
        "models": ["koboldcpp/Llama"],
        "use_count": 10**9,  # the most used: Browse shows it by itself at start
    }
)


@pytest.fixture
def hostile_library() -> Iterator[StyleLibrary]:
    app = create_app("modern")
    app.faults.add("html_text", method="GET", path=r"/v2/(styles|collections)", times=None)
    library = StyleLibrary.in_memory()

    async def fill() -> None:
        async with HordeClientSession("http://sandbox.test/api", transport=httpx.ASGITransport(app=app)) as s:
            for kind in (StyleKind.IMAGE, StyleKind.TEXT):
                library.upsert_styles(kind, await s.list_styles(kind, all_pages=True), datetime.now(UTC))
            library.upsert_collections(await s.list_collections(all_pages=True), datetime.now(UTC))

    asyncio.run(fill())
    yield library
    library.close()


def browse(qtbot: QtBot, library: StyleLibrary) -> BrowsePage:
    page = BrowsePage(BrowsePresenter(library), None)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.detail.current is not None)
    return page


def test_html_from_the_server_is_shown_as_characters(qtbot: QtBot, hostile_library: StyleLibrary) -> None:
    page = browse(qtbot, hostile_library)
    shown = page.detail.current
    assert shown is not None
    assert shown.info == HOSTILE_HTML  # the fault really reached the library
    assert rendered_rich(page) == {}
    assert model_tooltips_rich(page) == {}
    assert page.detail.info.text() == HOSTILE_HTML
    assert page.detail.title.text() == shown.name
    assert shown.name.startswith("<b>")


def test_html_in_collections_is_shown_as_characters(qtbot: QtBot, hostile_library: StyleLibrary) -> None:
    page = browse(qtbot, hostile_library)
    page.set_scope(Scope.COLLECTIONS)
    qtbot.waitUntil(lambda: page.collection_detail.current is not None)
    assert page.collection_detail.title.text().startswith("<b>")
    assert rendered_rich(page) == {}


def test_a_format_spec_in_a_text_template_neither_crashes_nor_freezes_browse(qtbot: QtBot) -> None:
    library = StyleLibrary.in_memory()
    library.upsert_styles(StyleKind.TEXT, [GIANT_SPEC], datetime.now(UTC))
    page = browse(qtbot, library)
    assert page.detail.current is not None
    assert page.detail.current.id == GIANT_SPEC.id
    assert "could not use this template" in page.detail.merged.text()
    assert "carries a format" in page.detail.merged.text()
    page.detail.try_prompt.setText("a long prompt " * 100)
    assert len(page.detail.merged.text()) < 1000
    library.close()
