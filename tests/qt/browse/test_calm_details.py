"""Issue 16: the Details tab's rows keep their place whichever style is shown, however long its text."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import CollectionRow
from horde_style_studio.ui.browse.collection_detail import CollectionDetailPane
from horde_style_studio.ui.browse.page import BrowsePage
from tests.qt.browse.conftest import SECTION_5

LONG_INFO = "A description that goes on and on about brush strokes, light and weather. " * 12


def _rows_top(page: BrowsePage, style: ImageStyle) -> dict[str, int]:
    """Where each row below the description starts in the pane, once ``style`` is shown and laid out."""
    detail = page.detail
    detail.show_style(style)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the layouts settle now, not next turn
    rows: dict[str, QWidget] = {"Template": detail.template, "Try it": detail.try_prompt}
    return {name: widget.mapTo(detail, QPoint(0, 0)).y() for name, widget in rows.items()}


def test_a_long_description_does_not_push_the_rows_below_it_down(qtbot: QtBot, page: BrowsePage) -> None:
    page.show()
    qtbot.waitExposed(page)
    long = SECTION_5.model_copy(update={"id": "00000000-0000-4000-8000-0000000000b1", "info": LONG_INFO})
    short_rows = _rows_top(page, SECTION_5)
    assert page.detail.info.toolTip() == ""  # it all fits: nothing more to see
    long_rows = _rows_top(page, long)
    assert long_rows == short_rows
    # Nothing is lost: the whole description scrolls in its place and rests in the tooltip.
    assert page.detail.info.text() == LONG_INFO
    assert page.detail.info.toolTip() == LONG_INFO
    assert _rows_top(page, SECTION_5) == short_rows


def test_a_long_collection_name_or_description_does_not_push_its_buttons_down(qtbot: QtBot) -> None:
    pane = CollectionDetailPane(None)
    qtbot.addWidget(pane)
    pane.resize(420, 600)
    pane.show()
    qtbot.waitExposed(pane)

    def buttons_top(name: str, info: str, *, mine: bool) -> int:
        row = CollectionRow(id="c-1", name=name, kind=StyleKind.IMAGE, public=not mine, use_count=0,
                            member_count=0, seen_at=datetime.now(UTC), gone_at=None, info=info,
                            mine=mine)  # fmt: skip
        pane.show_collection(row, ())
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        return pane.show_member.mapTo(pane, QPoint(0, 0)).y()

    short = buttons_top("Inks", "Wet ink.", mine=True)
    assert pane.info.text() == "Wet ink."
    assert buttons_top("Inks " * 30, LONG_INFO, mine=True) == short
    assert pane.title.toolTip()  # the whole name, where it did not fit
    assert buttons_top("Inks", "", mine=False) == short  # someone else's: no description, a longer byline


def test_the_template_marks_where_the_prompts_go(page: BrowsePage) -> None:
    page.detail.show_style(SECTION_5)  # "{p}, impasto impressionism###no blur, {np}"
    block = page.detail.template.document().firstBlock()
    text = block.text()
    marked = {
        text[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.fontUnderline() and r.format.fontWeight() == QFont.Weight.Bold
    }
    assert marked == {"{p}", "{np}"}
