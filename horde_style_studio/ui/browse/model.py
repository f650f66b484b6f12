"""The Browse tab's list models: library rows for a view (one row per style or collection, data by role, no
widget per item). A column adapter (:mod:`.table_model`) shows the same rows as a table."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from horde_style_studio.domain.health import HealthIssue
from horde_style_studio.library import CollectionRow, StyleRow
from horde_style_studio.ui.shared.mime import STYLE_IDS_MIME, encode_style_ids
from horde_style_studio.ui.widgets.plain_text import plain_tip

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
HEALTH_ROLE = Qt.ItemDataRole.UserRole + 2  # a list of domain.health.HealthIssue (own styles only)
Index = QModelIndex | QPersistentModelIndex


class Listed(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


R = TypeVar("R", bound=Listed)


class RowListModel(QAbstractListModel, Generic[R]):
    """Holds the rows of the current query; ``more(offset, last_id)``, when given, pages further rows in as
    a view scrolls (``fetchMore``): those after the row ``last_id``, ``offset`` rows in. ``tooltip`` says
    what hovering a row shows."""

    def __init__(
        self,
        tooltip: Callable[[R], str],
        more: Callable[[int, str], Sequence[R]] | None = None,
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
        if parent.isValid() or self._more is None or self._exhausted or not self._rows:
            return
        extra = list(self._more(len(self._rows), self._rows[-1].id))
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
            return plain_tip(self._tooltip(row))
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

    def __init__(
        self, more: Callable[[int, str], Sequence[StyleRow]] | None = None, parent: Any = None
    ) -> None:
        super().__init__(style_tooltip, more, parent)
        self._health: dict[str, list[HealthIssue]] = {}

    def set_health(self, found: Mapping[str, list[HealthIssue]]) -> None:
        """Issues by style id, merged into what is known; the rows concerned repaint."""
        self._health.update(found)
        rows = (self.row_at(n) for n in range(self.rowCount()))
        changed = [n for n, row in enumerate(rows) if row is not None and row.id in found]
        if changed:
            self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)), [HEALTH_ROLE])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (HEALTH_ROLE, Qt.ItemDataRole.ToolTipRole) and index.isValid():
            row = self.row_at(index.row())
            issues = self._health.get(row.id, []) if row is not None else []
            if role == HEALTH_ROLE:
                return issues
            if issues:
                return "\n".join([super().data(index, role), "", *(f"⚠ {issue}" for issue in issues)])
        return super().data(index, role)

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
