"""``RowListModel[T]``: the one list model under the app's lists: rows of plain records, data by role.

A list names what each role answers with a getter per role; the model adds what every list needs alike:
paging further rows in as a view scrolls (``fetchMore``), finding rows by id, inserting, removing and
replacing rows with the right begin/end signals, and the picture of a row from the app's one thumbnail
pipeline, repainted when it arrives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.ui.widgets.plain_text import plain_tip

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row itself."""
CARD_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's :class:`~horde_style_studio.workflows.cards.Card`, for the card delegate."""
PICTURE_ROLE = Qt.ItemDataRole.UserRole + 3
"""The row's thumbnail (a QPixmap) or None; like DecorationRole, but only the card delegate asks for it."""
BROKEN_ROLE = Qt.ItemDataRole.UserRole + 4
"""True when the row's thumbnail could not be loaded (the delegate says "broken image")."""
ID_ROLE = Qt.ItemDataRole.UserRole + 5
HEALTH_ROLE = Qt.ItemDataRole.UserRole + 6
"""The row's health issues (a list; own styles only): the card delegate shows how many."""
PAINT_ROLE = Qt.ItemDataRole.UserRole + 7
"""What the card delegate paints, in one call: (card, picture, broken, health issues). Asking for each role
apart costs a call through every model layered over this one per role, most of a frame for a screenful."""
_PAINTED = (CARD_ROLE, PICTURE_ROLE, BROKEN_ROLE, HEALTH_ROLE)
# Read once: a member looked up through its enum class costs microseconds, and a view asks for every item's
# data and flags on every paint.
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_NEVER_HAS_CHILDREN = Qt.ItemFlag.ItemNeverHasChildren

Getter = Callable[[T], object]


class RowListModel(QAbstractListModel, Generic[T]):
    """Rows of ``T``; ``roles`` maps a role to what it answers for a row (ROW_ROLE always answers the row).

    ``key`` gives a row's id (for :meth:`row_of`); with ``pages``, a view scrolling to the end makes the model
    emit ``more_wanted(offset, after)``: it holds ``offset`` rows, the last with the key ``after`` (keyset
    paging: the next page starts after that row), and whoever wires it (a page, asking its presenter)
    answers with :meth:`append_page` at once; ``thumbnails`` and ``picture`` (a row's thumbnail URL) give
    the rows pictures, asked for only when a row is painted; ``flags`` adds item flags (dragging, say) to
    every valid row.

    Signals: ``more_wanted(int, str)``.
    """

    more_wanted = Signal(int, str)

    def __init__(
        self,
        roles: Mapping[int, Getter[T]],
        *,
        key: Callable[[T], str] | None = None,
        pages: bool = False,
        thumbnails: ThumbnailCache | None = None,
        picture: Callable[[T], str | None] | None = None,
        flags: Qt.ItemFlag = Qt.ItemFlag.NoItemFlags,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._roles: dict[int, Getter[T]] = {ROW_ROLE: lambda row: row, **roles}
        if key is not None:
            self._roles.setdefault(ID_ROLE, key)
        self._key = key
        self._pages = pages
        self._exhausted = True
        self._extra_flags = flags
        self._picture = picture
        # A valid row's flags, the same for every row: asked for each item a view paints, through every model
        # layered over this one.
        self._row_flags: Qt.ItemFlag | None = None
        if thumbnails is not None and picture is not None:
            self._add_pictures(thumbnails, picture)

    # -- the rows --------------------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[T], *, page: int = 0) -> None:
        """All rows anew. ``page``: how many rows a full page holds (a full first page: more may follow)."""
        # No paging until the reset is over: whoever hears modelReset (a model tester, a proxy) and asks for
        # more at once would otherwise get an insert inside the reset it is still handling.
        self._exhausted = True
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        self._exhausted = not self._pages or not page or len(self._rows) < page

    def rows(self) -> tuple[T, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def loaded_rows(self) -> list[tuple[int, T]]:
        """The rows in memory by row number (a model that reads rows as they show has more than it holds)."""
        return list(enumerate(self._rows))

    def row_of(self, row_id: str) -> int:
        """The row number of the row whose key is ``row_id``; -1 when there is none."""
        key = self._key
        if key is None:
            return -1
        return next((n for n, row in enumerate(self._rows) if key(row) == row_id), -1)

    def insert_rows(self, at: int, rows: Sequence[T]) -> None:
        """Insert ``rows`` before row ``at`` (-1 or beyond the end: at the end)."""
        if not rows:
            return
        at = len(self._rows) if at < 0 or at > len(self._rows) else at
        self.beginInsertRows(QModelIndex(), at, at + len(rows) - 1)
        self._rows[at:at] = rows
        self.endInsertRows()

    def replace_row(self, at: int, row: T) -> None:
        """Row ``at`` becomes ``row``, in place."""
        if 0 <= at < len(self._rows):
            self._rows[at] = row
            index = self.index(at)
            self.dataChanged.emit(index, index)

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008  # Qt's own default
        if parent.isValid() or count <= 0 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        self.endRemoveRows()
        return True

    # -- paging ----------------------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted or not self._rows:
            return
        # Exhausted until a page comes: a listener of the insert signals that asks for more (a model tester
        # does) would otherwise ask for the same offset again, before the rows are counted.
        self._exhausted = True
        after = self._key(self._rows[-1]) if self._key is not None else ""
        self.more_wanted.emit(len(self._rows), after)

    def append_page(self, rows: Sequence[T]) -> None:
        """The rows that follow, as ``more_wanted`` asked; none means there are no more."""
        self._exhausted = True
        self.insert_rows(len(self._rows), rows)
        self._exhausted = not rows

    # -- the model interface ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.row_data(index.row(), role) if index.isValid() else None

    def row_data(self, number: int, role: int) -> Any:
        """What :meth:`data` answers for row ``number`` (a model over this one asks without an index)."""
        row = self.row_at(number)
        if row is None:
            return None
        roles = self._roles
        if role == PAINT_ROLE and CARD_ROLE in roles:
            return tuple(roles[r](row) if r in roles else None for r in _PAINTED)
        getter = roles.get(role)
        if getter is None:
            return None
        # Tooltips quote names and descriptions from the server: shown literally, never as markup.
        return plain_tip(getter(row)) if role == _TOOLTIP else getter(row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return super().flags(index)
        if self._row_flags is None:
            self._row_flags = super().flags(index) | _NEVER_HAS_CHILDREN | self._extra_flags
        return self._row_flags

    def selected_rows(self, indexes: Iterable[QModelIndex]) -> list[T]:
        """The rows of ``indexes`` (a selection, say), each once, in row order."""
        numbers = sorted({index.row() for index in indexes if index.isValid()})
        return [row for n in numbers if (row := self.row_at(n)) is not None]

    # -- pictures --------------------------------------------------------------------------------------------
    def _add_pictures(self, thumbnails: ThumbnailCache, picture: Callable[[T], str | None]) -> None:
        def pixmap(row: T) -> object:
            return thumbnails.pixmap(picture(row))

        def broken(row: T) -> bool:
            url = picture(row)
            return url is not None and thumbnails.failed(url)

        self._roles[Qt.ItemDataRole.DecorationRole] = pixmap
        self._roles[PICTURE_ROLE] = pixmap
        self._roles[BROKEN_ROLE] = broken
        thumbnails.ready.connect(self._thumbnail_ready)

    def _thumbnail_ready(self, url: str) -> None:
        picture = self._picture
        changed = [Qt.ItemDataRole.DecorationRole, PICTURE_ROLE, BROKEN_ROLE]
        for n, row in self.loaded_rows():
            if picture is not None and picture(row) == url:
                index = self.index(n)
                self.dataChanged.emit(index, index, changed)
