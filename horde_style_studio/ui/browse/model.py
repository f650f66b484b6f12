"""``StyleCardModel``: library rows for a list view (one row per style, data by role, no widget per item)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from horde_style_studio.library import StyleRow
from horde_style_studio.ui.collections.mime import STYLE_IDS_MIME, encode_style_ids

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class StyleCardModel(QAbstractListModel):
    """Holds the rows of the current query. Drags carry style ids in the Collections tab's MIME type, so a
    style can be dragged from Browse into a collection."""

    def __init__(self, more: Callable[[int], Sequence[StyleRow]] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StyleRow] = []
        self._more = more
        self._exhausted = True

    def set_rows(self, rows: Sequence[StyleRow], *, page: int = 0) -> None:
        """``page``: how many rows a full page holds; a full first page means more may follow."""
        self.beginResetModel()
        self._rows = list(rows)
        self._exhausted = self._more is None or not page or len(rows) < page
        self.endResetModel()

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._more is None or self._exhausted:
            return
        extra = list(self._more(len(self._rows)))
        if not extra:
            self._exhausted = True
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(extra) - 1)
        self._rows.extend(extra)
        self.endInsertRows()

    def row_at(self, row: int) -> StyleRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, style_id: str) -> int:
        return next((n for n, row in enumerate(self._rows) if row.id == style_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name} by {row.creator}\n{row.info}" if row.info else f"{row.name} by {row.creator}"
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [STYLE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [row.id for index in indexes if (row := self.row_at(index.row())) is not None]
        return encode_style_ids(ids)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
