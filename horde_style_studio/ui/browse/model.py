"""The Browse tab's list models: library rows for a view (one row per style or collection, data by role, no
widget per item), each row shown as a :class:`~horde_style_studio.workflows.cards.Card`. A column adapter
(:mod:`.table_model`) shows the same rows as a table."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, QObject, Qt

from horde_style_studio.library import CollectionRow, StyleRow
from horde_style_studio.ui.shared.mime import STYLE_IDS_MIME, encode_style_ids
from horde_style_studio.ui.shared.row_model import CARD_ROLE, HEALTH_ROLE, Getter, Index, RowListModel
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.workflows.cards import MARKERS, Card, styles_count

if TYPE_CHECKING:
    from horde_style_studio.domain.health import HealthIssue


def style_tooltip(row: StyleRow) -> str:
    lines = [f"{row.name} by {row.creator}", *([row.info] if row.info else [])]
    lines += [MARKERS[sign] for sign in Card.from_row(row).markers]
    return "\n".join(lines)


def collection_tooltip(row: CollectionRow) -> str:
    kind = f"{row.kind.value} collection" if row.kind else "collection"
    size = styles_count(row.member_count)
    return f"{row.name}: {kind} of {size}" + (f"\n{row.info}" if row.info else "")


# Rows read by id at most at once, once a list's whole order is known: about a screenful (a jump to anywhere
# reads the rows from the first it shows on in one query, a millisecond, and a frame has 16).
LOADED_PAGE = 24
KEPT_ROWS = 3000  # rows read by id kept in memory, so scrolling through 100,000 stays small


class StyleCardModel(RowListModel[StyleRow]):
    """Style rows, a page at a time (``more_wanted``). Drags carry style ids in the shared MIME type, so a
    style can be dragged from Browse into a collection. Own styles carry their health issues
    (:meth:`set_health`) in HEALTH_ROLE and the tooltip.

    Once :meth:`set_order` gives every matching style's id, the model counts them all at once (the view
    lays its geometry out once, and its scroll bar spans the whole list) and reads rows by id, through
    ``load``, when one is first asked for: the rows from it on that are not read yet, up to ``page`` of them
    (scrolling up, the rows coming into sight and those above them), in one query. A view asks for the
    rows it shows in order, so any scroll position costs one query.
    """

    def __init__(
        self,
        thumbnails: ThumbnailCache | None = None,
        parent: QObject | None = None,
        *,
        load: Callable[[Sequence[str]], Sequence[StyleRow]] | None = None,
        page: int = LOADED_PAGE,
    ) -> None:
        self._health: dict[str, list[HealthIssue]] = {}
        self._load = load
        self._page = page
        self._order: list[str] | None = None
        # Rows read by id past the rows paged in from the start, by row number (None: an id the library no
        # longer holds); the oldest read are dropped.
        self._read: OrderedDict[int, StyleRow | None] = OrderedDict()
        self._last_read = 0  # the row last read from: a row above it means the view goes up the list
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

    def set_rows(self, rows: Iterable[StyleRow], *, page: int = 0) -> None:
        self._order, self._read, self._last_read = None, OrderedDict(), 0
        super().set_rows(rows, page=page)

    def set_order(self, ids: Sequence[str]) -> None:
        """Every style of the current results, by id in order. Ignored unless it begins with the rows
        shown (results that changed since it was read are not mixed with it)."""
        shown = [row.id for row in self._rows]
        if self._load is None or self._order is not None or list(ids[: len(shown)]) != shown:
            return
        self._exhausted = True
        if len(ids) > len(shown):
            self.beginInsertRows(QModelIndex(), len(shown), len(ids) - 1)
            self._order = list(ids)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        if parent.isValid():
            return 0
        return len(self._order) if self._order is not None else len(self._rows)

    def row_at(self, row: int) -> StyleRow | None:
        if row < len(self._rows) or self._order is None:
            return super().row_at(row)
        if not 0 <= row < len(self._order):
            return None
        if row not in self._read:
            self._read_from(row, self._order)
        return self._read.get(row)

    def _read_from(self, row: int, order: list[str]) -> None:
        """Reads ``row`` and the rows a view shows with it that are not read yet, in one query: the first
        row it asks for is the first it shows. Going up the list, the rows above come too, so that the next
        screenfuls up are read already."""
        assert self._load is not None  # an order is only taken with a loader
        read, first, page = self._read, len(self._rows), self._page

        def known(n: int) -> bool:
            return n < first or n in read

        end = min(len(order), row + page)
        if row < self._last_read:
            end = next((n for n in range(row + 1, end) if known(n)), end)  # the rows come into sight
            wanted = range(max(first, end - page), end)
        else:
            wanted = range(row, end)
        self._last_read = row
        numbers = [n for n in wanted if not known(n)]
        found = {r.id: r for r in self._load([order[n] for n in numbers])}
        for _ in range(len(read) + len(numbers) - KEPT_ROWS):
            read.popitem(last=False)  # the oldest
        for n in numbers:
            read[n] = found.get(order[n])

    def row_of(self, row_id: str) -> int:
        if self._order is None:
            return super().row_of(row_id)
        try:
            return self._order.index(row_id)
        except ValueError:
            return -1

    def replace_row(self, at: int, row: StyleRow) -> None:
        if at < len(self._rows):
            super().replace_row(at, row)
            return
        if at in self._read:
            self._read[at] = row
            index = self.index(at)
            self.dataChanged.emit(index, index)

    def loaded_rows(self) -> list[tuple[int, StyleRow]]:
        """The rows read so far, by row number (none is read for this)."""
        found = list(enumerate(self._rows))
        return found + [(n, row) for n, row in self._read.items() if row is not None]

    def set_health(self, found: Mapping[str, list[HealthIssue]]) -> None:
        """Issues by style id, merged into what is known; the rows concerned repaint."""
        self._health.update(found)
        changed = [n for n, row in self.loaded_rows() if row.id in found]
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
