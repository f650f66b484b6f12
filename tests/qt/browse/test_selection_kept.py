"""The selection survives what only changes how the results look: another view, or another sort order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from horde_style_studio.library import SortOrder
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.results import ViewMode
from tests.qt.browse.test_table import click_header, click_row, show_table

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_selection_survives_switching_views_and_sorting_by_a_header(
    qtbot: QtBot, page: BrowsePage
) -> None:
    show_table(qtbot, page)
    click_row(page, 2)
    click_row(page, 7, CTRL)
    chosen = set(page.selected_ids())
    current = page.model.row_at(7)
    assert current is not None
    assert len(chosen) == 2
    for mode in (ViewMode.GRID, ViewMode.LIST, ViewMode.TABLE):
        page.set_view_mode(mode)
        assert set(page.selected_ids()) == chosen
    click_header(page, "Name")
    assert page.presenter.query.sort is SortOrder.NAME
    assert set(page.selected_ids()) == chosen
    assert page.model.row_at(page.styles_view.current_row()) == current
    qtbot.waitUntil(lambda: page.detail.current is not None and page.detail.current.id == current.id)
    click_header(page, "Uses")
    assert set(page.selected_ids()) == chosen
