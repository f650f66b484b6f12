"""Help inside the app: a guide, a table of every shortcut, and Ctrl+F taking the user to the search."""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from horde_style_studio.sandbox import CUSTOMIZER_KEY
from horde_style_studio.ui.help import GuideDialog, ShortcutsDialog
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start


def _rows(dialog: ShortcutsDialog) -> list[tuple[str, ...]]:
    table = dialog.table
    cells = [[table.item(row, column) for column in range(3)] for row in range(table.rowCount())]
    return [tuple(item.text() if item is not None else "" for item in row) for row in cells]


def test_help_offers_a_guide_and_every_shortcut_and_ctrl_f_goes_to_the_search(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport, sandbox_key=CUSTOMIZER_KEY)
    task = start(qtbot, studio)
    window = studio.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # window shortcuts need an active window
    window.select_tab("editor")
    studio.browse_page.filters.search.setText("neon")
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = studio.browse_page.filters.search
    assert window.current_tab_key() == "browse"
    qtbot.waitUntil(search.hasFocus)
    assert search.selectedText() == "neon"  # typing replaces the last search
    window.menus.shortcuts.trigger()
    shortcuts = window.findChild(ShortcutsDialog)
    assert shortcuts is not None
    qtbot.waitExposed(shortcuts)
    rows = _rows(shortcuts)
    assert ("Edit", "Ctrl+F", "Find") in rows
    assert ("View", "Ctrl+2", "Editor") in rows
    assert any(keys == "Enter or double-click" for _, keys, _ in rows)
    window.menus.guide.trigger()
    guide = window.findChild(GuideDialog)
    assert guide is not None
    qtbot.waitExposed(guide)
    assert "alias::name" in guide.text.toPlainText()
    window.menus.guide.trigger()  # a second time raises the same window
    assert len(window.findChildren(GuideDialog)) == 1
    for dialog in (shortcuts, guide):
        dialog.close()
    assert close(qtbot, studio, task) == 0
