"""The detail pane's Uses, Params and Note tabs are built the first time they are shown (issue 18): opened
by the user, each shows the style picked before, and Tab moves through it as it did when it was built with
the pane."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QTabWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.ui.browse.page import BrowsePage


def first_style_shown(qtbot: QtBot, page: BrowsePage) -> AnyStyle:
    """Shows the page with its first style picked; that style, once the detail pane shows it."""
    page.show()
    qtbot.waitExposed(page)
    page.styles_view.set_current_row(0)
    qtbot.waitUntil(lambda: page.detail.current is not None)
    style = page.detail.current
    assert style is not None
    return style


def open_tab(tabs: QTabWidget, title: str) -> QWidget:
    index = next(n for n in range(tabs.count()) if tabs.tabText(n) == title)
    bar = tabs.tabBar()
    where = bar.tabRect(index).center()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert tabs.currentIndex() == index
    return tabs.currentWidget()


def test_the_params_tab_first_opened_lists_the_chosen_styles_params(qtbot: QtBot, page: BrowsePage) -> None:
    style = first_style_shown(qtbot, page)
    expected = style.params.model_dump(mode="json", exclude_none=True)
    assert expected
    shown = open_tab(page.detail.tabs, "Params")
    table = page.detail.params
    assert shown.isAncestorOf(table)
    assert table.isVisible()
    cells = [[table.item(n, c) for c in (0, 1)] for n in range(table.rowCount())]
    rows = {key.text(): value.text() for key, value in cells if key is not None and value is not None}
    assert rows == {k: v if isinstance(v, str) else json.dumps(v) for k, v in expected.items()}
    # ...and it follows the next style picked.
    page.styles_view.set_current_row(1)
    qtbot.waitUntil(lambda: page.detail.current is not None and page.detail.current.id != style.id)
    second = page.detail.current
    assert second is not None
    assert table.rowCount() == len(second.params.model_dump(mode="json", exclude_none=True))


def test_the_note_tab_first_opened_shows_the_note_and_keeps_what_is_typed(
    qtbot: QtBot, page: BrowsePage, library: StyleLibrary
) -> None:
    first = first_style_shown(qtbot, page)
    library.set_note(first.id, "posters")
    page.styles_view.set_current_row(1)
    page.styles_view.set_current_row(0)  # shown again: its note read while the Note tab was never opened
    open_tab(page.detail.tabs, "Note")
    note = page.detail.note
    assert note.isVisible()
    assert note.isEnabled()
    assert note.toPlainText() == "posters"
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    QTest.keyClick(note, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(note, " and prints")
    qtbot.waitUntil(lambda: library.note(first.id) == "posters and prints")


def test_tab_leaves_a_lazily_built_tab_for_what_follows_the_pane(qtbot: QtBot, page: BrowsePage) -> None:
    # In the window, more widgets follow Browse's page (the status bar's). A tab page built later than they
    # were must still hand Tab on to them, as the JSON tab built with the pane does, not go to the start.
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    column.addWidget(page)
    after = QPushButton("After the page", host)
    column.addWidget(after)
    host.show()
    qtbot.waitExposed(host)
    page.styles_view.set_current_row(0)
    qtbot.waitUntil(lambda: page.detail.current is not None)
    reached = {}
    lasts: dict[str, Callable[[], QWidget]] = {
        "JSON": lambda: page.detail.save_json_button, "Params": lambda: page.detail.params,
        "Note": lambda: page.detail.note,
    }  # fmt: skip
    for title, last in lasts.items():
        open_tab(page.detail.tabs, title)
        widget = last()
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        host.focusNextPrevChild(True)
        reached[title] = QApplication.focusWidget()
    page.setParent(None)  # the page's fixture, not the host, ends it
    assert reached == {"JSON": after, "Params": after, "Note": after}


def test_the_uses_tab_first_opened_shows_the_chosen_styles_uses(qtbot: QtBot, page: BrowsePage) -> None:
    first_style_shown(qtbot, page)
    shown = open_tab(page.detail.tabs, "Uses")
    chart = page.detail.usage
    assert shown.isAncestorOf(chart)
    assert chart.summary.isVisible()
    assert "uses in the last 7 days" in chart.summary.text()
