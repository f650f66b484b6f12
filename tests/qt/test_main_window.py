"""The main window: tabs, menus and shortcuts, status bar, and the layout it comes back with."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.settings import SettingsStore
from horde_style_studio.ui.main_window import TABS, MainWindow
from horde_style_studio.ui.widgets.lazy_page import LazyPage
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start, unreachable

Std = QKeySequence.StandardKey


def test_four_tabs_each_showing_its_page(qtbot: QtBot) -> None:
    pages = {spec.key: QLabel(f"the {spec.key} page") for spec in TABS}
    window = MainWindow(pages=pages)
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Browse", "Editor", "Examples", "Collections",
    ]
    for spec in TABS:
        assert window.page(spec.key) is pages[spec.key]


def test_menus_and_their_shortcuts(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Account", "&Help"]
    menus = window.menus
    assert menus.quit.shortcut() == QKeySequence("Ctrl+Q")
    assert [a.shortcut().toString() for a in menus.tab_actions] == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"]
    assert not menus.full_screen.shortcut().isEmpty()
    edits = [a for a in menus.edit.actions() if not a.isSeparator()]
    assert [a.text() for a in edits] == ["&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Select &all", "&Find…"]
    assert [a.shortcut() for a in edits] == [QKeySequence(key) for key in (
        Std.Undo, Std.Redo, Std.Cut, Std.Copy, Std.Paste, Std.SelectAll, Std.Find)]  # fmt: skip
    assert menus.find.isEnabled()  # Find goes to the Browse search from anywhere
    assert [a.text() for a in menus.help.actions() if not a.isSeparator()] == [
        "&Getting started", "&Keyboard shortcuts", "&About Horde Style Studio",
    ]


def test_the_edit_menu_acts_on_the_focused_text_field(qtbot: QtBot) -> None:
    page = QWidget()
    source, target, locked, other = QLineEdit("neon rain"), QLineEdit(), QLineEdit("kept"), QListView()
    locked.setReadOnly(True)
    spin, notes = QSpinBox(value=42), QPlainTextEdit("a note")
    column = QVBoxLayout(page)
    for widget in (source, target, locked, other, spin, notes):
        column.addWidget(widget)
    window = MainWindow(pages={"browse": page})
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    edits = window.menus.edit_actions.actions

    def copy_all() -> str:
        edits["selectAll"].trigger()
        edits["copy"].trigger()
        return QApplication.clipboard().text()

    other.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is other)
    assert not any(action.isEnabled() for action in edits.values())
    source.setFocus()
    qtbot.waitUntil(lambda: edits["copy"].isEnabled())
    assert copy_all() == "neon rain"
    target.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target)
    edits["paste"].trigger()
    assert target.text() == "neon rain"
    edits["undo"].trigger()
    assert target.text() == ""
    locked.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is locked)
    assert edits["copy"].isEnabled()
    assert edits["selectAll"].isEnabled()
    assert not any(edits[slot].isEnabled() for slot in ("cut", "paste", "undo", "redo"))
    # The line edit inside a spin box, and a multi-line field, take the same actions.
    spin.setFocus()
    qtbot.waitUntil(lambda: edits["paste"].isEnabled())
    assert copy_all() == "42"
    notes.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is notes)
    edits["selectAll"].trigger()
    edits["cut"].trigger()
    assert (notes.toPlainText(), QApplication.clipboard().text()) == ("", "a note")


def test_ctrl_number_switches_tabs(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # window shortcuts need an active window
    for number, spec in reversed(list(enumerate(TABS, 1))):
        key = Qt.Key(Qt.Key.Key_0.value + number)
        QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_tab_key() == spec.key


def test_the_busy_indicator_counts_requests_in_flight(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    status = window.status
    assert not status.busy_bar.isVisible()
    status.show_in_flight(2)
    assert status.busy_bar.isVisible()
    assert status.busy_text.text() == "2 requests"
    status.show_in_flight(1)
    assert status.busy_text.text() == "1 request"
    status.show_in_flight(0)
    assert not status.busy_text.isVisible()


def test_geometry_and_last_tab_come_back_next_time(qtbot: QtBot, make_studio: StudioFactory) -> None:
    first = make_studio(unreachable())
    task = start(qtbot, first)
    assert first.window.current_tab_key() == "browse"
    first.window.menus.tab_actions[3].trigger()
    first.window.setGeometry(30, 40, 760, 610)  # inside the offscreen platform's 800x800 screen
    close(qtbot, first, task)
    stored = SettingsStore.for_dirs(app_dirs()).load().settings
    assert stored.last_tab == "collections"
    assert stored.window_geometry

    second = make_studio(unreachable())
    task = start(qtbot, second)
    assert second.window.current_tab_key() == "collections"
    assert second.window.geometry() == first.window.geometry()
    close(qtbot, second, task)


def test_the_status_bar_names_the_server(qtbot: QtBot, make_studio: StudioFactory) -> None:
    studio = make_studio(unreachable())
    task = start(qtbot, studio)
    assert studio.window.status.server.text() == "Server: sandbox.test"
    assert studio.window.status.server.toolTip() == "http://sandbox.test/api"
    assert studio.window.status.account.text() == "Not signed in"
    assert not studio.window.banner.isVisible()
    close(qtbot, studio, task)


def _saved_bigger_than_the_screen(qtbot: QtBot) -> str:
    big = MainWindow()
    qtbot.addWidget(big)
    area = big.screen().availableGeometry()
    big.setGeometry(area.x() + 300, area.y() + 200, area.width() * 2, area.height() * 2)
    return big.saved_geometry()


def test_the_first_and_the_restored_window_fit_the_screen(qtbot: QtBot) -> None:
    """Issue 16: 1200x780 on a smaller screen put the status bar and the detail pane out of reach."""
    for geometry in ("", _saved_bigger_than_the_screen(qtbot)):
        window = MainWindow()
        qtbot.addWidget(window)
        window.restore_layout(geometry, "browse")
        area = window.screen().availableGeometry()
        assert area.contains(window.geometry()), (geometry[:8], window.geometry(), area)


class _Page(QWidget):
    """A page with a list over its buttons, as the tabs' pages are; messages belong over the list."""

    def __init__(self) -> None:
        super().__init__()
        self.area = QListView()
        self.save = QPushButton("Save")
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.save)

    def message_area(self) -> QWidget:
        return self.area


def test_messages_float_over_the_main_area_of_a_page_built_later(qtbot: QtBot) -> None:
    window = MainWindow({"collections": LazyPage(_Page)})
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    window.select_tab("collections")
    page = window.page("collections")
    assert isinstance(page, _Page)
    QApplication.processEvents()

    window.messages.error("Could not save the collection: the server had an internal error.")

    central = window.centralWidget()
    assert central is not None
    area = QRect(page.area.mapTo(central, QPoint(0, 0)), page.area.size())
    save = QRect(page.save.mapTo(central, QPoint(0, 0)), page.save.size())
    assert window.message_view.geometry().bottom() <= area.bottom()
    assert not window.message_view.geometry().intersects(save)  # the page's own buttons stay in reach


def test_the_status_bar_items_keep_the_stylesheet_room_between_them(qtbot: QtBot) -> None:
    """Each permanent item takes the stylesheet's padding, so neighbouring texts never touch."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.status.show_server("https://aihorde.net/api")
    window.show()
    qtbot.waitExposed(window)
    label = window.status.server
    assert label.contentsRect().left() >= 8
    assert label.width() - label.contentsRect().right() > 8
