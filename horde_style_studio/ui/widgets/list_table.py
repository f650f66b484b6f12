"""A read-only table over a plain list of items, one column per (title, text) pair."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[T], str]]


class ListTableModel(QAbstractTableModel, Generic[T]):
    """``colour(item, column)`` may tint a cell's text (None: the palette's)."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        colour: Callable[[T, int], QColor | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._colour = colour
        self._items: list[T] = []

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0] if 0 <= section < len(self._columns) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._columns[index.column()][1](item)
        if role == Qt.ItemDataRole.ForegroundRole and self._colour is not None:
            return self._colour(item, index.column())
        return None
