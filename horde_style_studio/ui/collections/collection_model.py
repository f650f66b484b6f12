"""The collection lists: the user's own (remembered in the library) and the public ones, in one model,
shown through two filtering proxies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from horde_style_studio.ui.collections.cards import CollectionEntry
from horde_style_studio.ui.collections.style_model import AnyIndex
from horde_style_studio.ui.widgets.plain_text import plain_tip

EntryRole = Qt.ItemDataRole.UserRole + 1
MineRole = Qt.ItemDataRole.UserRole + 2


def entry_summary(entry: CollectionEntry) -> str:
    kind = f"{entry.kind.value} · " if entry.kind else ""
    count = f"{entry.member_count} style{'' if entry.member_count == 1 else 's'}"
    state = " · gone from the server" if entry.gone else ("" if entry.public else " · private")
    return f"{kind}{count}{state}"


class CollectionListModel(QAbstractListModel):
    """Rows of :class:`CollectionEntry`: name on the first line, kind, size and visibility on the second."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[CollectionEntry] = []

    def set_entries(self, entries: Sequence[CollectionEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> tuple[CollectionEntry, ...]:
        return tuple(self._entries)

    def row_of(self, collection_id: str) -> int:
        return next((row for row, e in enumerate(self._entries) if e.id == collection_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{entry.name}\n{entry_summary(entry)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(f"{entry.name}: {entry_summary(entry)}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.name}: {entry_summary(entry)}"
        if role == EntryRole:
            return entry
        if role == MineRole:
            return entry.mine
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class CollectionFilter(QSortFilterProxyModel):
    """The user's own rows or the public ones, narrowed by a case-insensitive name filter."""

    def __init__(self, source: CollectionListModel, *, mine: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mine = mine
        self._text = ""
        self.setSourceModel(source)

    def set_text(self, text: str) -> None:
        self._text = text.strip().casefold()
        # invalidate(): the filter-only variants are deprecated from Qt 6.10 and their successor
        # (beginFilterChange) is missing before 6.9; the lists are short, so a full refresh costs nothing.
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        entry = model.data(model.index(source_row, 0, source_parent), EntryRole)
        if not isinstance(entry, CollectionEntry) or entry.mine is not self._mine:
            return False
        return not self._text or self._text in entry.name.casefold()
