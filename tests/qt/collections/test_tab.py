"""The Collections tab in the real window, against the sandbox Horde, signed in as a plain user.

Dragging: the offscreen platform has no drag loop (``QDrag.exec`` returns ``IgnoreAction`` at once, so QTest
cannot carry a real drag from one view to another), so the drop is delivered as the drag-enter, drag-move
and drop events Qt would send to the builder's viewport, carrying the style list model's own ``mimeData``
for the rows the user selected with real clicks.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView, QMessageBox
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import LIBRARY_FILE
from horde_style_studio.sandbox import USER_KEY, SandboxApp
from horde_style_studio.services.paths import app_dirs
from horde_style_studio.ui.collections.collection_model import EntryRole
from horde_style_studio.ui.collections.page import CollectionsPage
from horde_style_studio.ui.composition import Studio
from horde_style_studio.workflows.cards import Mark
from tests.qt.collections.conftest import fill_library
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, said, start

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton
ANY_ACTION = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
MOVE = Qt.DropAction.MoveAction  # what a drag out of the builder offers


@pytest.fixture
def open_studio(
    qtbot: QtBot, make_studio: StudioFactory, sandbox: SandboxApp
) -> tuple[httpx.AsyncBaseTransport, StudioFactory]:
    fill_library(app_dirs().data / LIBRARY_FILE, sandbox)
    return httpx.ASGITransport(app=sandbox), make_studio


def _signed_in_page(qtbot: QtBot, studio: Studio) -> tuple[asyncio.Task[int], CollectionsPage]:
    with qtbot.waitSignal(studio.account.signed_in, timeout=5000):
        task = start(qtbot, studio)
    studio.window.select_tab("collections")
    page = studio.window.page("collections")
    assert isinstance(page, CollectionsPage)
    qtbot.waitUntil(lambda: page.styles.rowCount() > 0)
    return task, page


def _click_row(view: QListView, row: int, modifier: Qt.KeyboardModifier = NONE) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    QTest.mouseClick(view.viewport(), LEFT, modifier, rect.center())


def _drop_result(view: QListView, data: QMimeData, actions: Qt.DropAction = ANY_ACTION) -> Qt.DropAction:
    """Send what Qt sends a drop target when a drag offering ``actions`` ends over the middle of ``view``;
    the action the drag's ``exec`` would then return (``IgnoreAction`` when the drop was refused)."""
    viewport, spot = view.viewport(), QPointF(view.viewport().rect().center())
    QApplication.sendEvent(viewport, QDragEnterEvent(spot.toPoint(), actions, data, LEFT, NONE))
    QApplication.sendEvent(viewport, QDragMoveEvent(spot.toPoint(), actions, data, LEFT, NONE))
    drop = QDropEvent(spot, actions, data, LEFT, NONE)
    QApplication.sendEvent(viewport, drop)
    return drop.dropAction() if drop.isAccepted() else Qt.DropAction.IgnoreAction


def _deliver_drop(view: QListView, data: QMimeData, actions: Qt.DropAction = ANY_ACTION) -> bool:
    return _drop_result(view, data, actions) != Qt.DropAction.IgnoreAction


def _drag_selected_into_builder(page: CollectionsPage) -> bool:
    """Drag the style list's selected rows onto the builder: the drag carries the model's own mime data."""
    view = page.style_pane.view
    return _deliver_drop(page.builder.view, page.styles.mimeData(view.selectionModel().selectedIndexes()))


def _save(qtbot: QtBot, page: CollectionsPage) -> str:
    with qtbot.waitSignal(page.presenter.saved, timeout=5000) as saved:
        QTest.mouseClick(page.builder.save, LEFT)
    qtbot.waitUntil(lambda: page.builder.save.isEnabled())
    return str((saved.args or [""])[0])


def _member_names(page: CollectionsPage) -> list[str]:
    return [card.name for card in page.members.cards()]


def test_a_plain_user_drags_five_styles_saves_renames_removes_one_and_finds_it_after_a_restart(
    qtbot: QtBot, open_studio: tuple[httpx.AsyncBaseTransport, StudioFactory], sandbox: SandboxApp
) -> None:
    transport, make_studio = open_studio
    studio = make_studio(transport, sandbox_key=USER_KEY)
    task, page = _signed_in_page(qtbot, studio)
    page.style_pane.set_kind(StyleKind.IMAGE)
    qtbot.waitUntil(lambda: all(c.kind is StyleKind.IMAGE for c in page.styles.cards()))
    view = page.style_pane.view
    _click_row(view, 0)
    for row in range(1, 5):
        _click_row(view, row, CTRL)
    chosen = [page.styles.card(row).name for row in range(5)]
    assert _drag_selected_into_builder(page)
    assert _member_names(page) == chosen
    assert page.builder.kind_label.text() == "Image collection"
    QTest.keyClicks(page.builder.name, "Rainy Cities")
    QTest.keyClicks(page.builder.info, "Wet streets at night.")
    assert _save(qtbot, page) == "Created “Rainy Cities” with 5 styles."
    page.builder.name.setText("Rainy Streets")
    assert _save(qtbot, page) == "Saved “Rainy Streets” with 5 styles."
    assert "Saved “Rainy Streets” with 5 styles." in said(studio.window.message_view)
    _click_row(page.builder.view, 2)
    QTest.keyClick(page.builder.view, Qt.Key.Key_Delete)
    assert _member_names(page) == chosen[:2] + chosen[3:]
    assert "with 5 styles" not in said(studio.window.message_view)  # 4 are shown: that is over
    assert _save(qtbot, page) == "Saved “Rainy Streets” with 4 styles."
    [server] = [c for c in sandbox.state_store.collections.values() if c.name == "Rainy Streets"]
    assert (server.user_id, server.kind, len(server.style_ids)) == (2, "image", 4)
    close(qtbot, studio, task)

    again = make_studio(transport, sandbox_key=USER_KEY)
    task, page = _signed_in_page(qtbot, again)
    mine = page.lists.mine
    qtbot.waitUntil(lambda: mine.rowCount() == 1)
    assert mine.index(0, 0).data().split("\n") == ["Rainy Streets", "image · 4 styles"]
    with qtbot.waitSignal(page.presenter.opened, timeout=5000):
        _click_row(page.lists.mine_view, 0)
    assert _member_names(page) == chosen[:2] + chosen[3:]
    assert page.builder.info.text() == "Wet streets at night."  # kept here: the server never returns it
    close(qtbot, again, task)


def test_styles_of_the_other_kind_are_refused_on_drop_with_a_message(
    qtbot: QtBot, open_studio: tuple[httpx.AsyncBaseTransport, StudioFactory]
) -> None:
    transport, make_studio = open_studio
    studio = make_studio(transport, sandbox_key=USER_KEY)
    task, page = _signed_in_page(qtbot, studio)
    image = next(c for c in page.styles.cards() if c.kind is StyleKind.IMAGE)
    text = next(c for c in page.styles.cards() if c.kind is StyleKind.TEXT)
    dropped = page.styles.mimeData([page.styles.index(page.styles.cards().index(image))])
    assert _deliver_drop(page.builder.view, dropped)
    assert page.style_pane.current_kind() is StyleKind.IMAGE  # the list follows the collection's kind
    page.style_pane.set_kind(None)
    qtbot.waitUntil(lambda: text in page.styles.cards())
    refused = page.styles.mimeData([page.styles.index(page.styles.cards().index(text))])
    assert not _deliver_drop(page.builder.view, refused)
    assert page.builder.refusal.isVisible()
    assert f"“{text.name}” is a text style" in page.builder.refusal.text()
    assert _member_names(page) == [image.name]
    close(qtbot, studio, task)


def test_add_to_collection_and_try_a_pick(
    qtbot: QtBot, open_studio: tuple[httpx.AsyncBaseTransport, StudioFactory]
) -> None:
    transport, make_studio = open_studio
    studio = make_studio(transport, sandbox_key=USER_KEY)
    task, page = _signed_in_page(qtbot, studio)
    QTest.mouseClick(page.builder.pick, LEFT)
    assert page.builder.pick_result.text() == "Add a style first: there is nothing to draw from."
    page.style_pane.set_kind(StyleKind.TEXT)
    qtbot.waitUntil(lambda: all(c.kind is StyleKind.TEXT for c in page.styles.cards()))
    _click_row(page.style_pane.view, 0)
    _click_row(page.style_pane.view, 1, CTRL)
    QTest.mouseClick(page.style_pane.add, LEFT)
    assert _member_names(page) == [page.styles.card(0).name, page.styles.card(1).name]
    QTest.mouseClick(page.style_pane.add, LEFT)
    assert page.builder.refusal.text() == "2 styles already in the collection were skipped."
    QTest.mouseClick(page.builder.pick, LEFT)
    drawn = page.builder.view.delegate.picked_id
    assert drawn in {card.id for card in page.members.cards()}
    assert page.builder.pick_result.text().startswith("This time the draw chose “")
    close(qtbot, studio, task)


def test_delete_asks_first_and_cancel_keeps_the_collection(
    qtbot: QtBot, open_studio: tuple[httpx.AsyncBaseTransport, StudioFactory], sandbox: SandboxApp
) -> None:
    transport, make_studio = open_studio
    studio = make_studio(transport, sandbox_key=USER_KEY)
    task, page = _signed_in_page(qtbot, studio)
    with qtbot.waitSignal(page.presenter.opened, timeout=5000):
        page.lists.find_name.setText("Cute Corner")
        QTest.mouseClick(page.lists.find_button, LEFT)
    qtbot.waitUntil(lambda: page.builder.delete.isEnabled())
    collection_id = page.builder.opened.id
    box = page.ask_delete()
    assert box is not None
    qtbot.waitExposed(box)
    assert "Delete “Cute Corner” from the AI Horde?" in box.text()
    assert box.defaultButton().text() == "Cancel"  # Enter keeps the collection
    _press(box, "Cancel")
    assert collection_id in sandbox.state_store.collections
    box = page.ask_delete()
    assert box is not None
    with qtbot.waitSignal(page.presenter.deleted, timeout=5000):
        _press(box, "Delete")
    assert collection_id not in sandbox.state_store.collections
    assert page.builder.opened.id is None
    assert page.lists.mine.rowCount() == 0
    close(qtbot, studio, task)


def test_cards_dragged_out_of_the_builder_leave_it_unless_dropped_back(
    qtbot: QtBot, open_studio: tuple[httpx.AsyncBaseTransport, StudioFactory]
) -> None:
    transport, make_studio = open_studio
    studio = make_studio(transport, sandbox_key=USER_KEY)
    task, page = _signed_in_page(qtbot, studio)
    ids = [card.id for card in page.styles.cards() if card.kind is StyleKind.IMAGE][:3]
    page.add_ids(ids)
    member_view = page.builder.view
    dragged = page.members.mimeData([page.members.index(0)])
    back = _drop_result(member_view, dragged, MOVE)
    assert back == Qt.DropAction.IgnoreAction
    assert member_view.finish_drag(ids[:1], back, inside=True) == 0  # dropped back on the builder: kept
    onto_list = _drop_result(page.style_pane.view, dragged, MOVE)
    assert onto_list == Qt.DropAction.MoveAction  # the style list takes it as a move...
    assert member_view.finish_drag(ids[:1], onto_list, inside=False) == 1  # ...so it leaves the builder
    assert member_view.finish_drag(ids[1:2], Qt.DropAction.IgnoreAction, inside=False) == 1  # dropped nowhere
    assert [card.id for card in page.members.cards()] == ids[2:]
    close(qtbot, studio, task)


def test_public_collections_open_as_copies_and_gone_members_are_marked(
    qtbot: QtBot, open_studio: tuple[httpx.AsyncBaseTransport, StudioFactory], sandbox: SandboxApp
) -> None:
    transport, make_studio = open_studio
    studio = make_studio(transport, sandbox_key=USER_KEY)
    task, page = _signed_in_page(qtbot, studio)
    public = page.lists.public
    page.lists.filter.setText("Noir Nights")
    qtbot.waitUntil(lambda: public.rowCount() == 1)
    entry = public.index(0, 0).data(EntryRole)
    with qtbot.waitSignal(page.presenter.opened, timeout=5000):
        _click_row(page.lists.public_view, 0)
    assert page.builder.title.text() == "“Noir Nights” (public)"
    assert not page.builder.delete.isEnabled()
    assert "saving makes a copy" in page.builder.note.text()
    assert len(page.members.cards()) == entry.member_count
    assert all(card.mark is Mark.OK for card in page.members.cards())
    close(qtbot, studio, task)


def test_an_empty_library_says_where_styles_come_from(
    qtbot: QtBot, make_studio: StudioFactory, sandbox: SandboxApp
) -> None:
    studio = make_studio(httpx.ASGITransport(app=sandbox), sandbox_key=USER_KEY)
    with qtbot.waitSignal(studio.account.signed_in, timeout=5000):
        task = start(qtbot, studio)
    studio.window.select_tab("collections")
    page = studio.window.page("collections")
    assert isinstance(page, CollectionsPage)
    qtbot.waitUntil(page.style_pane.empty.isVisible)
    assert "Refresh it from the Browse tab" in page.style_pane.empty.text()
    assert page.styles.rowCount() == 0
    close(qtbot, studio, task)


def _press(box: QMessageBox, label: str) -> None:
    [button] = [b for b in box.buttons() if b.text() == label]
    button.click()
