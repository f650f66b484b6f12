"""The main window: tabs, menus and shortcuts, status bar, and the layout it comes back with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.settings import SettingsStore
from horde_style_studio.ui.main_window import TABS, MainWindow
from horde_style_studio.ui.widgets.placeholder import PlaceholderPage
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start, unreachable


def test_four_tabs_each_saying_what_will_be_there(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Browse", "Editor", "Examples", "Collections",
    ]
    for spec in TABS:
        page = window.page(spec.key)
        assert isinstance(page, PlaceholderPage)
        assert spec.coming in page.description.text()


def test_a_real_page_replaces_its_placeholder(qtbot: QtBot) -> None:
    real = QLabel("the real browse page")
    window = MainWindow(pages={"browse": real})
    qtbot.addWidget(window)
    assert window.page("browse") is real
    assert isinstance(window.page("editor"), PlaceholderPage)


def test_menus_and_their_shortcuts(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Account", "&Help"]
    menus = window.menus
    assert menus.quit.shortcut() == QKeySequence("Ctrl+Q")
    assert [a.shortcut().toString() for a in menus.tab_actions] == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"]
    assert not menus.full_screen.shortcut().isEmpty()
    assert [a.text() for a in menus.edit.actions()] == ["&Copy", "&Paste", "&Find…"]
    assert [a.isEnabled() for a in menus.edit.actions()] == [False, False, True]  # Find goes to Browse
    assert [a.text() for a in menus.help.actions() if not a.isSeparator()] == [
        "&Getting started", "&Keyboard shortcuts", "&About Horde Style Studio",
    ]


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
