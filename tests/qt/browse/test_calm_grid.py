"""Issue 16: the grid's cells follow the window alone, not how many results there are."""

from __future__ import annotations

from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from horde_style_studio.ui.browse.page import BrowsePage


def test_a_few_results_sit_in_the_same_cells_as_many(qtbot: QtBot, page: BrowsePage) -> None:
    page.show()
    qtbot.waitExposed(page)
    grid, cells = page.styles_view.list, page.styles_view.adapter
    qtbot.waitUntil(lambda: page.model.rowCount() > 12)
    many = (grid.gridSize(), grid.visualRect(cells.index(0, 0)).left())
    QTest.keyClicks(page.filters.search, "Muted Ink")  # one result: no scrolling needed any more
    qtbot.waitUntil(lambda: 0 < page.model.rowCount() <= 2)
    bar = grid.verticalScrollBar()
    assert bar is not None
    qtbot.waitUntil(lambda: bar.maximum() == 0)  # laid out: everything fits, nothing left to scroll
    assert (grid.gridSize(), grid.visualRect(cells.index(0, 0)).left()) == many
