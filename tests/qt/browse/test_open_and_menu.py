"""What a hand expects of the results: Enter or a double-click opens a style, the right-click menu offers
Edit and Delete on the user's own styles, and the JSON can be copied."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.results import ViewMode
from horde_style_studio.ui.shared.row_model import CARD_ROLE
from horde_style_studio.workflows.cards import Card
from tests.qt.browse.conftest import SECTION_5
from tests.qt.conftest import OFFSCREEN_NOISE
from tests.qt.editor.test_save import create_in_app
from tests.qt.helpers import Running, questions

OWN = ImageStyle.model_validate({
    **SECTION_5.model_dump(mode="json"), "id": "00000000-0000-4000-8000-0000000000aa", "name": "Mine Alone",
    "creator": "sandbox_curator#1",
})  # fmt: skip


@pytest.fixture
def own_page(qtbot: QtBot, page: BrowsePage, library: StyleLibrary) -> BrowsePage:
    library.upsert_styles(StyleKind.IMAGE, [OWN], datetime.now(UTC), mine=True)
    page.show()
    qtbot.waitExposed(page)
    return page


def _row_of(page: BrowsePage, style_id: str) -> int:
    """Found by its name, the style is on the first page."""
    found = page.presenter.library.get_row(style_id)
    assert found is not None
    page.presenter.update(text=found.name)
    row = page.model.row_of(style_id)
    assert row >= 0
    return row


def _point(page: BrowsePage, row: int) -> QPoint:
    view = page.styles_view.view()
    return view.visualRect(view.model().index(row, 0)).center()


def double_click(widget: QWidget, where: QPoint) -> None:
    """What a window system delivers for a double-click: press, release, press, double-click, release
    (QTest.mouseDClick leaves out the second press, which item views need to know what was pressed)."""
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(widget, left, none, where)
    QTest.mouseRelease(widget, left, none, where)
    QTest.mousePress(widget, left, none, where)
    local, scene = QPointF(where), QPointF(widget.mapToGlobal(where))
    double = QMouseEvent(QEvent.Type.MouseButtonDblClick, local, scene, left, left, none)
    QApplication.sendEvent(widget, double)
    QTest.mouseRelease(widget, left, none, where)


def _menu_texts(qtbot: QtBot, page: BrowsePage, row: int) -> list[str]:
    view = page.styles_view.view()
    where = _point(page, row)
    click = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, view.viewport().mapToGlobal(where))
    QApplication.sendEvent(view.viewport(), click)
    menu = page.styles_view.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    texts = [action.text() for action in menu.actions()]
    menu.close()
    return texts


@pytest.mark.parametrize("mode", [ViewMode.GRID, ViewMode.TABLE])
def test_enter_or_a_double_click_opens_an_own_style_in_the_editor(
    qtbot: QtBot, own_page: BrowsePage, mode: ViewMode
) -> None:
    page = own_page
    page.set_view_mode(mode)
    row = _row_of(page, OWN.id)
    view = page.styles_view.view()
    page.styles_view.set_current_row(row)
    view.setFocus()
    with qtbot.waitSignal(page.edit_style) as edited:
        QTest.keyClick(view, Qt.Key.Key_Return)
    assert edited.args == [OWN.id]
    with qtbot.waitSignal(page.edit_style) as edited:
        double_click(view.viewport(), _point(page, row))
    assert edited.args == [OWN.id]


def test_enter_on_someone_elses_style_shows_its_details(qtbot: QtBot, own_page: BrowsePage) -> None:
    page = own_page
    row = _row_of(page, SECTION_5.id)
    view = page.styles_view.view()
    page.styles_view.set_current_row(row)
    view.setFocus()
    with qtbot.assertNotEmitted(page.edit_style):
        QTest.keyClick(view, Qt.Key.Key_Return)
    assert page.detail.current is not None
    assert page.detail.current.id == SECTION_5.id
    qtbot.waitUntil(lambda: page.detail.isAncestorOf(QApplication.focusWidget() or page))


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support grabbing the keyboard")
def test_the_menu_offers_edit_and_delete_only_on_own_styles(qtbot: QtBot, own_page: BrowsePage) -> None:
    page = own_page
    own = _menu_texts(qtbot, page, _row_of(page, OWN.id))
    assert own[0] == "Edit"
    assert own[-1] == "Delete…"
    for wanted in ("Examples…", "Copy JSON", "Copy id"):
        assert wanted in own
    theirs = _menu_texts(qtbot, page, _row_of(page, SECTION_5.id))
    assert "Edit" not in theirs
    assert "Delete…" not in theirs
    assert "Copy JSON" in theirs


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support grabbing the keyboard")
def test_delete_in_the_menu_asks_for_that_style(qtbot: QtBot, own_page: BrowsePage) -> None:
    page = own_page
    _menu_texts(qtbot, page, _row_of(page, OWN.id))
    menu = page.styles_view.menu
    assert menu is not None
    with qtbot.waitSignal(page.delete_style) as deleting:
        next(a for a in menu.actions() if a.text() == "Delete…").trigger()
    assert deleting.args == [OWN.id]


def test_the_json_tab_copies_the_style(qtbot: QtBot, own_page: BrowsePage) -> None:
    page = own_page
    page.styles_view.set_current_row(_row_of(page, SECTION_5.id))
    qtbot.waitUntil(lambda: page.detail.current is not None and page.detail.current.id == SECTION_5.id)
    QApplication.clipboard().clear()
    page.detail.copy_json.click()
    copied = json.loads(QApplication.clipboard().text())
    assert copied["id"] == SECTION_5.id
    assert copied["prompt"] == SECTION_5.prompt
    with qtbot.waitSignal(page.save_style) as saving:
        page.detail.save_json_button.click()
    assert saving.args == [SECTION_5.id]


def test_in_the_app_enter_edits_an_own_style_and_delete_asks_in_the_editor(
    qtbot: QtBot, signed_in: Running
) -> None:
    studio = signed_in.studio
    editor, browse = studio.editor.presenter, studio.browse_page
    style_id = create_in_app(qtbot, studio, "Quillwort Dusk")
    editor.new_style(StyleKind.IMAGE)
    studio.window.select_tab("browse")
    browse.filters.search.setText("Quillwort")
    qtbot.waitUntil(lambda: browse.model.row_of(style_id or "") == 0)
    browse.styles_view.set_current_row(0)
    view = browse.styles_view.view()
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert studio.window.current_tab_key() == "editor"
    assert editor.state.style_id == style_id
    studio.window.select_tab("browse")
    qtbot.waitUntil(lambda: browse.detail.current is not None and browse.detail.current.id == style_id)
    browse.detail.delete.click()
    assert studio.window.current_tab_key() == "editor"
    [box] = questions()
    assert "Delete the style “Quillwort Dusk”" in box.text()
    assert box.defaultButton().text() == "Cancel"
    box.defaultButton().click()
    assert signed_in.close(qtbot) == 0


def test_cards_show_favourite_and_note_markers_as_soon_as_they_are_set(
    qtbot: QtBot, own_page: BrowsePage
) -> None:
    page = own_page
    row = _row_of(page, SECTION_5.id)
    page.styles_view.set_current_row(row)
    qtbot.waitUntil(lambda: page.detail.current is not None and page.detail.current.id == SECTION_5.id)

    def card() -> Card:
        found = page.model.data(page.model.index(page.model.row_of(SECTION_5.id)), CARD_ROLE)
        assert isinstance(found, Card)
        return found

    assert card().byline.startswith("image ·")
    page.detail.favourite.click()
    assert card().byline.startswith("★ · image")
    page.detail.note.setPlainText("lovely for posters")
    qtbot.waitUntil(lambda: card().byline.startswith("★ ✎ · image"))
    tip = page.model.data(page.model.index(page.model.row_of(SECTION_5.id)), Qt.ItemDataRole.ToolTipRole)
    assert "★ One of your favourites" in tip
    assert "✎ You have a note on it" in tip
    page.presenter.run()  # read again from the library: the marks are kept there
    assert card().byline.startswith("★ ✎ · image")
