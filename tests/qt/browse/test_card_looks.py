"""Browse's cards look selected, focused or plain exactly as Qt's own item state says, in every state of the
view: the delegate asks the view instead of reading that state in the view's own paint (issue 18)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPersistentModelIndex, QPoint, QPointF
from PySide6.QtGui import QHoverEvent, QImage, QPainter
from PySide6.QtWidgets import QApplication, QListView, QStyle, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.results import ViewMode

Select = QItemSelectionModel.SelectionFlag
State = QStyle.StateFlag
SELECTED, FOCUSED, HOVERED = State.State_Selected, State.State_HasFocus, State.State_MouseOver
Painted = dict[int, tuple[tuple[bool, bool], QStyleOptionViewItem]]


def _record(page: BrowsePage, monkeypatch: pytest.MonkeyPatch) -> Painted:
    """Each card the grid's paint events paint: the looks it was painted with, and a copy of Qt's option."""
    delegate = page.styles_view.delegate
    port = page.styles_view.list.viewport()
    painted: Painted = {}
    real = delegate._shown

    def shown(
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        view: QWidget | None,
    ) -> tuple[bool, bool]:
        looks = real(painter, option, index, view)
        if painter.device() is port:
            painted[index.row()] = (looks, QStyleOptionViewItem(option))
        return looks

    monkeypatch.setattr(delegate, "_shown", shown)
    return painted


def _by_qt(option: QStyleOptionViewItem) -> tuple[bool, bool]:
    return bool(option.state & SELECTED), bool(option.state & FOCUSED)


def _hover(grid: QListView, at: QPoint) -> None:
    """The mouse moved to ``at`` in the grid's viewport, as the window system reports it to a hovered widget
    (the offscreen platform sends no hover events of its own)."""
    point = QPointF(at)
    QApplication.sendEvent(grid.viewport(), QHoverEvent(QEvent.Type.HoverMove, point, point, QPointF(-1, -1)))


def _shown(qtbot: QtBot, page: BrowsePage, mode: ViewMode) -> None:
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 12)
    page.styles_view.set_mode(mode)


@pytest.mark.parametrize("mode", [ViewMode.GRID, ViewMode.LIST])
def test_each_card_looks_selected_and_focused_as_qt_says_in_every_state_of_the_view(
    qtbot: QtBot, page: BrowsePage, monkeypatch: pytest.MonkeyPatch, mode: ViewMode
) -> None:
    _shown(qtbot, page, mode)
    grid, cells = page.styles_view.list, page.styles_view.adapter
    painted = _record(page, monkeypatch)
    selection = grid.selectionModel()

    def focus_list() -> None:
        grid.setFocus()
        qtbot.waitUntil(grid.hasFocus)

    def focus_search() -> None:
        page.filters.search.setFocus()
        qtbot.waitUntil(lambda: not grid.hasFocus())

    def hover(row: int) -> Callable[[], None]:
        return lambda: _hover(grid, grid.visualRect(cells.index(row, 0)).center())

    def current(row: int) -> Callable[[], None]:
        index = cells.index(row, 0) if row >= 0 else QModelIndex()
        return lambda: selection.setCurrentIndex(index, Select.NoUpdate)

    def select(*rows: int) -> Callable[[], None]:
        def chosen() -> None:
            for n, row in enumerate(rows):
                selection.select(cells.index(row, 0), Select.Select if n else Select.ClearAndSelect)

        return chosen

    away = QPoint(-5, -5)
    # What the user did, doing it, and then the rows selected, focused and under the mouse. Browse opens on
    # the first card, selected and current.
    steps: list[tuple[str, Callable[[], None], set[int], set[int], set[int]]] = [
        ("focus on the list", focus_list, {0}, {0}, set()),
        ("the keyboard on the second card", current(1), {0}, {1}, set()),
        ("select two cards", select(2, 3), {2, 3}, {1}, set()),
        ("hover the fifth card", hover(4), {2, 3}, {1}, {4}),
        ("select the focused card", select(1), {1}, {1}, {4}),
        ("focus on the search field", focus_search, {1}, set(), {4}),
        ("move the mouse away", lambda: _hover(grid, away), {1}, set(), set()),
        ("back on the list", focus_list, {1}, {1}, set()),
        (
            "no current card",
            lambda: selection.setCurrentIndex(QModelIndex(), Select.NoUpdate),
            {1},
            set(),
            set(),
        ),
    ]
    for what, act, selected, focused, hovered in steps:
        act()
        painted.clear()
        grid.viewport().repaint()
        assert len(painted) > 6, what
        assert {row for row, ((sel, _), _) in painted.items() if sel} == selected, what
        assert {row for row, ((_, foc), _) in painted.items() if foc} == focused, what
        assert {row for row, (_, option) in painted.items() if option.state & HOVERED} == hovered, what
        assert {row: looks for row, (looks, _) in painted.items()} == {
            row: _by_qt(option) for row, (_, option) in painted.items()
        }, what


def test_a_card_in_the_grid_paints_exactly_as_with_qts_own_state(
    qtbot: QtBot, page: BrowsePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The grid's pixels of a selected, a focused, a hovered and a plain card are those the delegate paints
    when it is given Qt's option for the card, state and all, off the view's paint event."""
    _shown(qtbot, page, ViewMode.GRID)
    grid, cells = page.styles_view.list, page.styles_view.adapter
    painted = _record(page, monkeypatch)
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    grid.selectionModel().setCurrentIndex(cells.index(1, 0), Select.NoUpdate)
    grid.selectionModel().select(cells.index(2, 0), Select.ClearAndSelect)
    _hover(grid, grid.visualRect(cells.index(3, 0)).center())
    painted.clear()
    shot = grid.viewport().grab().toImage()
    assert {row: looks for row, (looks, _) in painted.items() if any(looks)} == {
        1: (False, True),
        2: (True, False),
    }
    assert painted[3][1].state & HOVERED  # the mouse is over the fourth card
    delegate = page.styles_view.delegate
    for row in range(5):
        option = QStyleOptionViewItem(painted[row][1])
        rect = option.rect
        alone = QImage(shot.size(), shot.format())
        alone.fill(grid.viewport().palette().color(grid.viewport().backgroundRole()))
        painter = QPainter(alone)
        painter.setFont(grid.viewport().font())
        delegate.paint(painter, option, cells.index(row, 0))
        painter.end()
        assert alone.copy(rect) == shot.copy(rect), row
