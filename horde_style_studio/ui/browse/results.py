"""``ResultsView``: one Browse list as a grid of cards, a list of rows or a table, switched in place.

Both views show one column adapter and share one selection model, so the selected rows, the current row
(and with it the detail pane) and drags are the same whichever view is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QObject,
    QPoint,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QListView,
    QMenu,
    QStackedWidget,
    QWidget,
)

from horde_style_studio.library import SortOrder
from horde_style_studio.ui.browse.table_model import Column, ColumnTableModel
from horde_style_studio.ui.shared.card_delegate import CARD, CardDelegate, Layout
from horde_style_studio.ui.shared.row_model import RowListModel
from horde_style_studio.ui.widgets.focus_order import take_place_after
from horde_style_studio.ui.widgets.viewport import with_python_viewport

if TYPE_CHECKING:
    from PySide6.QtWidgets import QHeaderView, QTableView

Select = QItemSelectionModel.SelectionFlag
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ViewMode(StrEnum):
    GRID = "grid"
    LIST = "list"
    TABLE = "table"


class ResultsView(QStackedWidget):
    """Signals: ``current_changed(int)`` (the current row, -1 for none), ``activated(int)`` (double-click or
    Enter on a row) and ``sort_requested(object)`` (the SortOrder a table header click asks for).
    ``menu`` is the last right-click menu shown (see :meth:`menu_offers`)."""

    current_changed = Signal(int)
    activated = Signal(int)
    sort_requested = Signal(object)

    def __init__(
        self,
        rows: RowListModel[Any],
        columns: tuple[Column[Any], ...],
        *,
        name: str,
        multi: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows = rows
        self.table_model = ColumnTableModel(rows, columns, self)
        # The views read through a proxy that neither sorts nor filters: it keeps the row count and makes
        # indexes in C++. A list view asks for an index of every row whenever it lays out, and through the
        # Python model that was three calls a row (100,000 rows: a quarter of a second on every layout).
        self.adapter = QSortFilterProxyModel(self)
        self.adapter.setSourceModel(self.table_model)
        self.mode = ViewMode.GRID
        self._sort = SortOrder.POPULAR
        self._offers: Callable[[], Sequence[QAbstractButton]] = tuple
        self.menu: QMenu | None = None
        selection = (QAbstractItemView.SelectionMode.ExtendedSelection if multi
                     else QAbstractItemView.SelectionMode.SingleSelection)  # fmt: skip
        self.list = with_python_viewport(QListView())
        self.list.setModel(self.adapter)
        self.delegate = CardDelegate(Layout.GRID, parent=self.list)
        self.delegate.rows = rows  # the adapter's rows and the table model's are these, in this order
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)
        self._selection, self._name = selection, name
        # The table look is built the first time it is chosen (issue 18: not before the first paint); what
        # it shows meanwhile is kept here.
        self._table: QTableView | None = None
        self._hidden_columns: dict[int, bool] = {}
        self._share(self.list)
        self.list.selectionModel().currentRowChanged.connect(lambda now, _was: self.current_changed.emit(
            now.row() if now.isValid() else -1))
        self._viewport = self.list.viewport()
        self._viewport.installEventFilter(self)
        self.set_mode(ViewMode.GRID)

    @property
    def table(self) -> QTableView:
        """The table look, built when first chosen or asked for."""
        if self._table is None:
            self._table = self._built_table()
        return self._table

    def _built_table(self) -> QTableView:
        # Imported here, with the header: the first paint shows the grid, and the table's Qt classes would
        # cost it their enums (issue 18).
        from PySide6.QtWidgets import QTableView

        table = QTableView()
        table.setModel(self.adapter)
        table.setSelectionModel(self.list.selectionModel())
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        self._header(table.horizontalHeader())
        for section, hidden in self._hidden_columns.items():
            table.setColumnHidden(section, hidden)
        self._share(table)
        take_place_after(self.list, table)  # Tab order as when the table was built beside the list
        self._show_sort_on(table)
        return table

    def _share(self, view: QAbstractItemView) -> None:
        """What the grid, the list and the table do alike."""
        view.setSelectionMode(self._selection)
        view.setDragEnabled(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        view.setAccessibleName(self._name)
        # Double-click and Enter, the same on every platform (some styles activate on a single click,
        # or not on Enter): the view's own ``activated`` follows the style, a hand expects these two.
        view.doubleClicked.connect(lambda index: self.activated.emit(index.row()))
        view.installEventFilter(self)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu_at)
        self.addWidget(view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent) and watched is self._viewport:
            region = event.region()
            self.delegate.repaints(self._viewport, region.boundingRect() if region.rectCount() == 1 else None)
            return False
        if event.type() == QEvent.Type.Resize and self.mode is ViewMode.GRID:
            self._fit_grid()
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and watched is self.view()
                and event.key() in ENTER and self.current_row() >= 0):  # fmt: skip
            self.activated.emit(self.current_row())
            return True
        return super().eventFilter(watched, event)

    def _fit_grid(self) -> None:
        """Cells share the row's width, so spare room is spread between the cards, not left in one strip.

        The count of columns follows the view's width alone: the scroll bar is always there in the grid, so
        a few results more or less (a scroll bar coming or going) never move a card (issue 16)."""
        # A wrapping list starts a new row once cells reach the viewport's last pixel: one pixel stays spare.
        width = self.list.viewport().width() - 1
        columns = self.grid_columns()
        cell = QSize(max(CARD.width(), width // columns), CARD.height())
        self.delegate.cell = cell  # each card centred in its cell, as IconMode placed them
        if self.list.gridSize() != cell:
            self.list.setGridSize(cell)

    def grid_columns(self) -> int:
        return max(1, (self.list.viewport().width() - 1) // CARD.width())

    def _header(self, header: QHeaderView) -> None:
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(40)
        for section, column in enumerate(self.table_model.columns):
            header.resizeSection(section, column.width)
            stretch = header.ResizeMode.Stretch if column.stretch else header.ResizeMode.Interactive
            header.setSectionResizeMode(section, stretch)
        header.sectionClicked.connect(self._header_clicked)

    def view(self) -> QAbstractItemView:
        """The view on screen."""
        return self.table if self.mode is ViewMode.TABLE else self.list

    def set_mode(self, mode: ViewMode) -> None:
        had_focus = self.view().hasFocus()
        self.mode = ViewMode(mode)
        if self.mode is ViewMode.TABLE:
            # A row picked in the grid selects only its first cell: the table highlights whole rows.
            chosen = self.list.selectionModel().selection()
            self.list.selectionModel().select(chosen, Select.Select | Select.Rows)
        else:
            grid = self.mode is ViewMode.GRID
            self.delegate.layout = Layout.GRID if grid else Layout.LIST
            # The grid is a list that wraps, not IconMode: IconMode places every item one by one (100,000
            # cards: about a second per layout), a list of items of one size steps through them.
            self.list.setViewMode(QListView.ViewMode.ListMode)
            self.list.setFlow(QListView.Flow.LeftToRight if grid else QListView.Flow.TopToBottom)
            self.list.setWrapping(grid)
            # By the pixel, as IconMode scrolled (a list scrolls a whole row of cards at a time).
            self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel if grid
                                            else QAbstractItemView.ScrollMode.ScrollPerItem)  # fmt: skip
            bar = Qt.ScrollBarPolicy.ScrollBarAlwaysOn if grid else Qt.ScrollBarPolicy.ScrollBarAsNeeded
            self.list.setVerticalScrollBarPolicy(bar)
            self.list.setResizeMode(QListView.ResizeMode.Adjust)
            self.list.setMovement(QListView.Movement.Static)
            if grid:
                self._fit_grid()
            else:
                self.delegate.cell = None
                self.list.setGridSize(QSize())
            self.list.setSpacing(0 if grid else 1)
        self.setCurrentWidget(self.view())
        self.scroll_to_current()
        if had_focus:
            self.view().setFocus()

    def scroll_to_current(self) -> None:
        current = self.list.selectionModel().currentIndex()
        if current.isValid():
            self.view().scrollTo(current)

    # -- rows ----------------------------------------------------------------------------------------------
    def current_row(self) -> int:
        current = self.list.selectionModel().currentIndex()
        return current.row() if current.isValid() else -1

    def set_current_row(self, row: int) -> None:
        """Make ``row`` the current and only selected row, scrolled into view."""
        index = self.adapter.index(row, 0)
        flags = Select.ClearAndSelect | Select.Rows
        self.list.selectionModel().setCurrentIndex(index, flags)
        self.view().scrollTo(index)

    def add_to_selection(self, rows: list[int]) -> None:
        """Select ``rows`` as well (the current row stays)."""
        model = self.list.selectionModel()
        for row in rows:
            model.select(self.adapter.index(row, 0), Select.Select | Select.Rows)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.list.selectionModel().selectedIndexes()})

    def set_column_hidden(self, title: str, hidden: bool) -> None:
        for section, column in enumerate(self.table_model.columns):
            if column.title == title:
                self._hidden_columns[section] = hidden
                if self._table is not None:
                    self._table.setColumnHidden(section, hidden)

    def menu_offers(self, buttons: Callable[[], Sequence[QAbstractButton]]) -> None:
        """A right-click on a row selects it (unless it is selected already) and offers what ``buttons``
        (the detail pane's, then showing that row) offer."""
        self._offers = buttons

    def _menu_at(self, where: QPoint) -> None:
        view = self.view()
        index = view.indexAt(where)
        if not index.isValid() or not self._offers():
            return
        if index.row() not in self.selected_rows():
            self.set_current_row(index.row())
        # Imported for the first right-click: the first paint shows no menu (issue 18).
        from horde_style_studio.ui.browse.context_menu import mirror_menu

        self.menu = mirror_menu(self, self._offers())
        self.menu.popup(view.viewport().mapToGlobal(where))

    # -- sorting -------------------------------------------------------------------------------------------
    def show_sort(self, sort: SortOrder) -> None:
        """Point the header's indicator at the column that stands for ``sort`` (none for newest/oldest)."""
        self._sort = sort
        if self._table is not None:
            self._show_sort_on(self._table)

    def _show_sort_on(self, table: QTableView) -> None:
        header = table.horizontalHeader()
        found = self.table_model.indicator(self._sort)
        header.blockSignals(True)
        if found is None:
            header.setSortIndicator(-1, header.sortIndicatorOrder())
        else:
            header.setSortIndicator(*found)
        header.blockSignals(False)

    def _header_clicked(self, section: int) -> None:
        wanted = self.table_model.sort_for_click(section, self._sort)
        # Qt flipped the indicator on the click; put it back where the library's order says.
        self.show_sort(self._sort)
        if wanted is not None:
            self.sort_requested.emit(wanted)
