"""``ColumnTableModel``: the rows of a Browse list model as a table, one column per field, without copying
them. It follows the list model's resets, inserted pages and changes, and forwards paging and drags to it.

Header clicks do not sort in Qt: a column names the library sort orders it stands for, and the page asks
the library again, so a table of a few thousand styles never sorts in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QObject, Qt

from horde_style_studio.library import SortOrder
from horde_style_studio.ui.shared.row_model import (
    BROKEN_ROLE,
    CARD_ROLE,
    HEALTH_ROLE,
    PAINT_ROLE,
    PICTURE_ROLE,
    ROW_ROLE,
    Index,
    RowListModel,
)
from horde_style_studio.ui.widgets.plain_text import plain_tip

R = TypeVar("R")
# What the card delegate reads from the list view's column: passed through from the rows' model.
PASSED = (ROW_ROLE, CARD_ROLE, PICTURE_ROLE, BROKEN_ROLE, HEALTH_ROLE, PAINT_ROLE)
ASCENDING, DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
# Read once: a member looked up through its enum class costs microseconds, and a view asks for every painted
# item's data and flags.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FORWARDED = frozenset((_TOOLTIP, *PASSED))
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NEVER_HAS_CHILDREN = Qt.ItemFlag.ItemNeverHasChildren


# Not a dataclass: defining one cost the first paint ~1 ms (issue 18).
class Column(NamedTuple, Generic[R]):
    """``sorts``: the sort orders an ascending and a descending header mean; ``first``: which one a first
    click picks (most used first, names A to Z); ``width``: the column's starting width in pixels;
    ``stretch``: the column shares out whatever room the others leave."""

    title: str
    text: Callable[[R], str]
    sorts: tuple[SortOrder, SortOrder] | None = None
    first: Qt.SortOrder = ASCENDING
    numeric: bool = False
    tip: str = ""
    width: int = 90
    stretch: bool = False


class ColumnTableModel(QAbstractTableModel, Generic[R]):
    """The table of ``source``'s rows; ``columns`` say what each column shows and how it sorts."""

    def __init__(
        self, source: RowListModel[R], columns: Sequence[Column[R]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.columns = tuple(columns)
        # A row's flags, when the rows' model gives every row the same (asked for each item a view paints).
        self._row_flags: Qt.ItemFlag | None = None
        self._same_flags = type(source).flags is RowListModel.flags
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self.endResetModel)
        source.rowsAboutToBeInserted.connect(self._inserting)
        source.rowsInserted.connect(self.endInsertRows)
        source.rowsAboutToBeRemoved.connect(self._removing)
        source.rowsRemoved.connect(self.endRemoveRows)
        source.dataChanged.connect(self._source_changed)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else self.source.rowCount()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        number, at = index.row(), index.column()
        if not 0 <= at < len(self.columns):
            return None
        if role in _FORWARDED and (at == 0 or role != _TOOLTIP):
            return self.source.row_data(number, role)
        row = self.source.row_at(number)
        if row is None:
            return None
        column = self.columns[at]
        if role == _DISPLAY:
            return column.text(row)
        if role == _ALIGNMENT:
            return _RIGHT if column.numeric else _LEFT
        if role == _TOOLTIP:
            return plain_tip(column.text(row) or None)  # the whole of a cell cut short by its width
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._row_flags is not None:
            return self._row_flags
        source = self.source.index(index.row())
        flags = self.source.flags(source) | _NEVER_HAS_CHILDREN
        if source.isValid() and self._same_flags:
            self._row_flags = flags
        return flags

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.source.canFetchMore(QModelIndex())

    def fetchMore(self, parent: Index) -> None:
        if not parent.isValid():
            self.source.fetchMore(QModelIndex())

    def mimeTypes(self) -> list[str]:
        return self.source.mimeTypes()

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return self.source.mimeData([self.source.index(row) for row in rows])

    def supportedDragActions(self) -> Qt.DropAction:
        return self.source.supportedDragActions()

    # -- sort orders ---------------------------------------------------------------------------------------
    def sort_for_click(self, section: int, current: SortOrder) -> SortOrder | None:
        """The sort order a click on ``section``'s header asks for: its other direction when it is the
        current one, else its first; None for a column the library cannot sort by."""
        sorts = self.columns[section].sorts if 0 <= section < len(self.columns) else None
        if sorts is None:
            return None
        if current in sorts:
            return sorts[1] if current == sorts[0] else sorts[0]
        return sorts[0] if self.columns[section].first == ASCENDING else sorts[1]

    def indicator(self, current: SortOrder) -> tuple[int, Qt.SortOrder] | None:
        """The header's sort indicator for ``current``; None when no column stands for it (newest, oldest)."""
        for section, column in enumerate(self.columns):
            if column.sorts is not None and current in column.sorts:
                return section, ASCENDING if current == column.sorts[0] else DESCENDING
        return None

    def _inserting(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.beginInsertRows(QModelIndex(), first, last)

    def _removing(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.beginRemoveRows(QModelIndex(), first, last)

    def _source_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        last = len(self.columns) - 1
        self.dataChanged.emit(self.index(top.row(), 0), self.index(bottom.row(), last), roles)
