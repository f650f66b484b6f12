"""The collection lists: the user's own (remembered in the library) and the public ones, in one model,
shown through two filtering proxies."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from horde_style_studio.ui.shared.row_model import ROW_ROLE, Getter, Index, RowListModel
from horde_style_studio.workflows.collections.records import CollectionEntry

EntryRole = ROW_ROLE
MineRole = Qt.ItemDataRole.UserRole + 10


class CollectionListModel(RowListModel[CollectionEntry]):
    """Rows of :class:`CollectionEntry`: name on the first line, kind, size and visibility on the second."""

    def __init__(self, parent: QObject | None = None) -> None:
        roles: dict[int, Getter[CollectionEntry]] = {
            Qt.ItemDataRole.DisplayRole: lambda entry: f"{entry.name}\n{entry.summary}",
            Qt.ItemDataRole.ToolTipRole: lambda entry: f"{entry.name}: {entry.summary}",
            Qt.ItemDataRole.AccessibleTextRole: lambda entry: f"{entry.name}: {entry.summary}",
            MineRole: lambda entry: entry.mine,
        }
        super().__init__(roles, key=lambda entry: entry.id, parent=parent)

    def set_entries(self, entries: Sequence[CollectionEntry]) -> None:
        self.set_rows(entries)

    def entries(self) -> tuple[CollectionEntry, ...]:
        return self.rows()


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

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        entry = model.data(model.index(source_row, 0, source_parent), EntryRole)
        if not isinstance(entry, CollectionEntry) or entry.mine is not self._mine:
            return False
        return not self._text or self._text in entry.name.casefold()
