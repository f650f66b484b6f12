"""The Browse tab's list models: library rows for a view (one row per style or collection, data by role, no
widget per item), each row shown as a :class:`~horde_style_studio.workflows.cards.Card`. A column adapter
(:mod:`.table_model`) shows the same rows as a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from PySide6.QtCore import QMimeData, QModelIndex, QObject, Qt

from horde_style_studio.domain.health import HealthIssue
from horde_style_studio.library import CollectionRow, StyleRow
from horde_style_studio.ui.shared.mime import STYLE_IDS_MIME, encode_style_ids
from horde_style_studio.ui.shared.row_model import CARD_ROLE, HEALTH_ROLE, Getter, RowListModel
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.workflows.cards import MARKERS, Card, styles_count


def style_tooltip(row: StyleRow) -> str:
    lines = [f"{row.name} by {row.creator}", *([row.info] if row.info else [])]
    lines += [MARKERS[sign] for sign in Card.from_row(row).markers]
    return "\n".join(lines)


def collection_tooltip(row: CollectionRow) -> str:
    kind = f"{row.kind.value} collection" if row.kind else "collection"
    size = styles_count(row.member_count)
    return f"{row.name}: {kind} of {size}" + (f"\n{row.info}" if row.info else "")


class StyleCardModel(RowListModel[StyleRow]):
    """Style rows, a page at a time (``more_wanted``). Drags carry style ids in the shared MIME type, so a
    style can be dragged from Browse into a collection. Own styles carry their health issues
    (:meth:`set_health`) in HEALTH_ROLE and the tooltip."""

    def __init__(self, thumbnails: ThumbnailCache | None = None, parent: QObject | None = None) -> None:
        self._health: dict[str, list[HealthIssue]] = {}
        roles: dict[int, Getter[StyleRow]] = {
            Qt.ItemDataRole.DisplayRole: lambda r: r.name,
            Qt.ItemDataRole.ToolTipRole: self._tooltip,
            CARD_ROLE: Card.from_row,
            HEALTH_ROLE: lambda r: self._health.get(r.id, []),
        }
        super().__init__(
            roles, key=lambda r: r.id, pages=True, thumbnails=thumbnails, picture=lambda r: r.thumbnail,
            flags=Qt.ItemFlag.ItemIsDragEnabled, parent=parent,
        )  # fmt: skip

    def set_health(self, found: Mapping[str, list[HealthIssue]]) -> None:
        """Issues by style id, merged into what is known; the rows concerned repaint."""
        self._health.update(found)
        changed = [n for n, row in enumerate(self._rows) if row.id in found]
        if changed:
            self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)), [HEALTH_ROLE])

    def mark(self, style_id: str, **marks: bool) -> None:
        """The user starred a style or wrote a note on it (``favourite``, ``has_note``): its card shows it."""
        row_number = self.row_of(style_id)
        row = self.row_at(row_number)
        if row is not None:
            self.replace_row(row_number, replace(row, **marks))  # type: ignore[arg-type]  # StyleRow's flags

    def _tooltip(self, row: StyleRow) -> str:
        issues = self._health.get(row.id, [])
        if not issues:
            return style_tooltip(row)
        return "\n".join([style_tooltip(row), "", *(f"⚠ {issue}" for issue in issues)])

    def mimeTypes(self) -> list[str]:
        return [STYLE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return encode_style_ids([row.id for row in self.selected_rows(indexes)])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class CollectionCardModel(RowListModel[CollectionRow]):
    """Collection rows, all of them at once (collections are few: no paging)."""

    def __init__(self, thumbnails: ThumbnailCache | None = None, parent: QObject | None = None) -> None:
        roles: dict[int, Getter[CollectionRow]] = {
            Qt.ItemDataRole.DisplayRole: lambda r: r.name,
            Qt.ItemDataRole.ToolTipRole: collection_tooltip,
            CARD_ROLE: Card.from_collection_row,
        }
        super().__init__(
            roles, key=lambda r: r.id, thumbnails=thumbnails, picture=lambda r: r.thumbnail, parent=parent
        )
