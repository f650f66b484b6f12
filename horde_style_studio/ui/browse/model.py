"""The Browse tab's list models: library rows for a view (one row per style or collection, data by role, no
widget per item). A column adapter (:mod:`.table_model`) shows the same rows as a table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from horde_style_studio.library import CollectionRow, StyleRow
from horde_style_studio.ui.shared.mime import STYLE_IDS_MIME, encode_style_ids

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class Listed(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


R = TypeVar("R", bound=Listed)


class RowListModel(QAbstractListModel, Generic[R]):
    """Holds the rows of the current query; ``more(offset)``, when given, pages further rows in as a view
    scrolls (``fetchMore``). ``tooltip`` says what hovering a row shows."""

    def __init__(
        self,
        tooltip: Callable[[R], str],
        more: Callable[[int], Sequence[R]] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._tooltip = tooltip
        self._more = more
        self._exhausted = True

    def set_rows(self, rows: Sequence[R], *, page: int = 0) -> None:
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

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: str) -> int:
        return next((n for n, row in enumerate(self._rows) if row.id == row_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == ROW_ROLE:
            return row
        return None


def styles_count(n: int) -> str:
    return f"{n} style{'' if n == 1 else 's'}"


def style_tooltip(row: StyleRow) -> str:
    return f"{row.name} by {row.creator}\n{row.info}" if row.info else f"{row.name} by {row.creator}"


def collection_tooltip(row: CollectionRow) -> str:
    kind = f"{row.kind.value} collection" if row.kind else "collection"
    size = styles_count(row.member_count)
    return f"{row.name}: {kind} of {size}" + (f"\n{row.info}" if row.info else "")


class StyleCardModel(RowListModel[StyleRow]):
    """Style rows. Drags carry style ids in the Collections tab's MIME type, so a style can be dragged from
    Browse into a collection."""

    def __init__(self, more: Callable[[int], Sequence[StyleRow]] | None = None, parent: Any = None) -> None:
        super().__init__(style_tooltip, more, parent)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [STYLE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return encode_style_ids([row.id for n in rows if (row := self.row_at(n)) is not None])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class CollectionCardModel(RowListModel[CollectionRow]):
    """Collection rows, all of them at once (collections are few: no paging)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(collection_tooltip, None, parent)
