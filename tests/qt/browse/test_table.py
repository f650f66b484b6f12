"""Browse's table view: the rows' fields in columns, header clicks sorting through the library, and one
selection shared with the grid and the list."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from horde_style_studio.library import SortOrder, StyleRow
from horde_style_studio.ui.browse.filters import Scope
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.results import ViewMode
from horde_style_studio.ui.shared.mime import decode_style_ids
from tests.qt.conftest import OFFSCREEN_NOISE

COLUMNS = ["Name", "Kind", "Creator", "Uses", "Models", "Tags", "NSFW", "Public"]


def shown_rows(page: BrowsePage) -> list[StyleRow]:
    return [row for n in range(page.model.rowCount()) if (row := page.model.row_at(n)) is not None]


def click_header(page: BrowsePage, title: str) -> None:
    header = page.styles_view.table.horizontalHeader()
    section = COLUMNS.index(title)
    where = QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, 5)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)


def click_row(
    page: BrowsePage, row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    table = page.styles_view.table
    where = table.visualRect(table.model().index(row, 1)).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, where)


def show_table(qtbot: QtBot, page: BrowsePage) -> None:
    page.show()
    qtbot.waitExposed(page)
    page.set_view_mode(ViewMode.TABLE)
    assert page.styles_view.table.isVisible()


def test_the_table_adapters_pass_the_model_tester(qtmodeltester: ModelTester, page: BrowsePage) -> None:
    qtmodeltester.check(page.styles_view.adapter, force_py=True)  # type: ignore[no-untyped-call]  # untyped
    page.set_scope(Scope.COLLECTIONS)
    assert page.collection_model.rowCount() > 0
    qtmodeltester.check(page.collections_view.adapter, force_py=True)  # type: ignore[no-untyped-call]  # untyped


def test_each_column_shows_one_field_and_nsfw_only_when_shown(qtbot: QtBot, page: BrowsePage) -> None:
    show_table(qtbot, page)
    adapter = page.styles_view.adapter
    assert [adapter.headerData(n, Qt.Orientation.Horizontal) for n in range(adapter.columnCount())] == COLUMNS
    first = shown_rows(page)[0]
    cells = [adapter.index(0, n).data() for n in range(len(COLUMNS))]
    assert cells[0] == first.name
    assert cells[1] == first.kind.value
    assert cells[2] == first.creator.split("#")[0]
    assert cells[3] == f"{first.use_count:,}"
    assert cells[4] == ", ".join(first.models)
    assert cells[7] == ("yes" if first.public else "no")
    assert page.styles_view.table.isColumnHidden(COLUMNS.index("NSFW"))  # every row shown is safe for work
    page.filters.nsfw.setChecked(True)
    assert not page.styles_view.table.isColumnHidden(COLUMNS.index("NSFW"))
    nsfw = [n for n, row in enumerate(shown_rows(page)) if row.nsfw]
    assert nsfw
    assert adapter.index(nsfw[0], COLUMNS.index("NSFW")).data() == "yes"


def test_header_clicks_sort_through_the_library_orders(qtbot: QtBot, page: BrowsePage) -> None:
    show_table(qtbot, page)
    header = page.styles_view.table.horizontalHeader()
    click_header(page, "Name")
    assert page.filters.sort.currentData() == SortOrder.NAME
    names = [row.name for row in shown_rows(page)]
    assert names == sorted(names, key=str.casefold)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.AscendingOrder)
    click_header(page, "Name")
    assert page.filters.sort.currentData() == SortOrder.NAME_DESC
    names = [row.name for row in shown_rows(page)]
    assert names == sorted(names, key=str.casefold, reverse=True)
    click_header(page, "Uses")  # the most used first, as people expect of a count
    uses = [row.use_count for row in shown_rows(page)]
    assert page.filters.sort.currentData() == SortOrder.POPULAR
    assert uses == sorted(uses, reverse=True)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (3, Qt.SortOrder.DescendingOrder)
    click_header(page, "Uses")
    least = [row.use_count for row in shown_rows(page)]
    assert least == sorted(least)
    assert least[0] <= uses[-1]  # the least used come first now
    click_header(page, "Kind")  # the library has no order by kind: nothing changes, not even the arrow
    assert page.filters.sort.currentData() == SortOrder.LEAST_USED
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (3, Qt.SortOrder.AscendingOrder)
    page.filters.sort.setCurrentIndex(page.filters.sort.findData(SortOrder.NEWEST))
    assert header.sortIndicatorSection() == -1  # no column stands for age


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support grabbing the keyboard")
def test_grid_and_table_share_the_selection_and_the_detail(qtbot: QtBot, page: BrowsePage) -> None:
    page.show()
    qtbot.waitExposed(page)
    rows = shown_rows(page)
    page.styles_view.set_current_row(3)
    assert page.detail.current is not None
    assert page.detail.current.id == rows[3].id
    page.set_view_mode(ViewMode.TABLE)
    table = page.styles_view.table
    assert table.currentIndex().row() == 3
    assert table.selectionModel().isRowSelected(3, QModelIndex())
    assert page.detail.current.id == rows[3].id
    click_row(page, 5)
    assert page.detail.current.id == rows[5].id
    click_row(page, 7, Qt.KeyboardModifier.ShiftModifier)
    assert page.selected_ids() == [row.id for row in rows[5:8]]
    page.detail.to_collection.click()
    assert page.collection_menu is not None
    with qtbot.waitSignal(page.add_to_collection) as sent:
        page.collection_menu.actions()[-1].trigger()  # a new collection: the only choice when signed out
    assert sent.args == [[row.id for row in rows[5:8]], ""]
    page.collection_menu.close()
    page.set_view_mode(ViewMode.GRID)
    assert page.styles_view.list.currentIndex().row() == 7
    assert page.selected_ids() == [row.id for row in rows[5:8]]


def test_alt_digits_switch_the_view_and_the_buttons_say_so(qtbot: QtBot, page: BrowsePage) -> None:
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)  # window shortcuts need an active window
    page.styles_view.view().setFocus()
    QTest.keyClick(page.styles_view.view(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert page.view_mode is ViewMode.TABLE
    assert page.styles_view.table.isVisible()
    QTest.keyClick(page.styles_view.view(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert page.styles_view.list.isVisible()
    assert page.styles_view.delegate.compact
    assert page.filters.mode_action(ViewMode.LIST).isChecked()
    assert "Alt+3" in page.filters.mode_action(ViewMode.TABLE).toolTip()


def test_the_table_pages_rows_in_and_drags_each_row_once(page: BrowsePage) -> None:
    page.presenter.query = replace(page.presenter.query, limit=50)
    page.refresh()
    adapter = page.styles_view.adapter
    assert adapter.rowCount() == 50
    assert adapter.canFetchMore(QModelIndex())
    adapter.fetchMore(QModelIndex())
    assert adapter.rowCount() == 100 == page.model.rowCount()
    cells = [adapter.index(row, column) for row in (98, 99) for column in range(len(COLUMNS))]
    assert decode_style_ids(adapter.mimeData(cells)) == [page.model.row_at(n).id for n in (98, 99)]  # type: ignore[union-attr]


# A popup menu grabs the keyboard, which the offscreen platform cannot do and says so (the closest marker
# wins, so the suite's own offscreen noise is repeated).
@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support grabbing the keyboard")
def test_a_right_click_offers_the_detail_pane_actions_for_that_row(qtbot: QtBot, page: BrowsePage) -> None:
    show_table(qtbot, page)
    rows = shown_rows(page)
    table = page.styles_view.table
    where = table.visualRect(table.model().index(4, 0)).center()
    click = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, table.viewport().mapToGlobal(where))
    QApplication.sendEvent(table.viewport(), click)
    menu = page.styles_view.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    offered = ["Fork into editor", "Favourite", "Add to collection…", "Examples…", "Try…", "", "Copy id",
               "Copy name", "Copy JSON", "Save JSON…", "Export selected…"]  # fmt: skip
    assert [a.text() for a in menu.actions()] == offered  # "": the line between doing and copying
    assert page.selected_ids() == [rows[4].id]  # the row under the pointer, not the one selected before
    next(a for a in menu.actions() if a.text() == "Add to collection…").trigger()
    assert page.collection_menu is not None
    with qtbot.waitSignal(page.add_to_collection) as sent:
        page.collection_menu.actions()[-1].trigger()
    assert sent.args == [[rows[4].id], ""]
    page.collection_menu.close()
    menu.close()


def test_the_table_built_on_first_choice_sits_where_the_grid_does_in_the_tab_order(
    qtbot: QtBot, page: BrowsePage
) -> None:
    # The table look is built when first chosen (issue 18), after everything else on the page: Tab and
    # Shift+Tab must still leave it for the grid's neighbours, not for whatever the window built last.
    page.show()
    qtbot.waitExposed(page)
    grid = page.styles_view.view()
    neighbours = []
    for view_mode in (ViewMode.GRID, ViewMode.TABLE):
        QTest.keyClick(page, Qt.Key.Key_1 if view_mode is ViewMode.GRID else Qt.Key.Key_3,
                       Qt.KeyboardModifier.AltModifier)  # fmt: skip
        view = page.styles_view.view()
        seen = []
        for forward in (True, False):
            view.setFocus()
            qtbot.waitUntil(view.hasFocus)
            # What Tab and Shift+Tab do once focus leaves the view (in the table they first step through its
            # cells).
            page.focusNextPrevChild(forward)
            seen.append(QApplication.focusWidget())
        neighbours.append(seen)
    assert page.styles_view.view() is page.styles_view.table is not grid
    assert neighbours[1] == neighbours[0]
