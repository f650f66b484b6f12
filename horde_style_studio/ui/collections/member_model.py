"""The builder's members: the open collection's styles as cards, filled by drag and drop.

A drop, "Add to collection" and a test calling :meth:`dropMimeData` all end in :meth:`add_cards`, so the
rules of issue 7 (``workflows.collections.membership``) hold alike for each. The model knows no library: a
drop hands the dropped ids to whoever wires it (``ids_dropped``), who looks them up and adds the cards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QObject, Qt, Signal

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.shared.card_lists import CardListModel
from horde_style_studio.ui.shared.mime import (
    STYLE_IDS_MIME,
    decode_style_ids,
    encode_style_ids,
    is_from_builder,
)
from horde_style_studio.ui.shared.row_model import Index
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.workflows.cards import Card
from horde_style_studio.workflows.collections.membership import AddOutcome, admit


class MemberListModel(CardListModel):
    """The members, in the order the user placed them (the server keeps none, §3).

    Signals: ``changed()`` after any change of membership, ``refused(str)`` when a drop or an add was
    (partly) refused, ``kind_changed(object)`` with the collection's kind (a ``StyleKind`` or None),
    ``ids_dropped(list, int)``: style ids dropped at a row, to be looked up and given to :meth:`add_cards`
    (at once: the drop's outcome is what was added by the time the signal returns).
    """

    changed = Signal()
    refused = Signal(str)
    kind_changed = Signal(object)
    ids_dropped = Signal(list, int)

    def __init__(self, thumbnails: ThumbnailCache | None = None, parent: QObject | None = None) -> None:
        super().__init__(thumbnails, parent)
        self._fixed_kind: StyleKind | None = None

    # -- state -----------------------------------------------------------------------------------------------
    @property
    def kind(self) -> StyleKind | None:
        """A saved collection keeps its server kind; a new one takes the kind of its first style."""
        if self._fixed_kind is not None:
            return self._fixed_kind
        return next((card.kind for card in self._rows if card.kind is not None), None)

    def set_cards(self, cards: Iterable[Card], *, kind: StyleKind | None = None) -> None:
        before = self.kind
        self._fixed_kind = kind
        self.set_rows({card.id: card for card in cards}.values())
        self._after_change(before)

    def ids(self) -> list[str]:
        return [card.id for card in self._rows]

    # -- adding and removing ---------------------------------------------------------------------------------
    def add_cards(self, cards: Sequence[Card], row: int = -1, *, asked: int | None = None) -> AddOutcome:
        """Add ``cards`` at ``row`` (-1: at the end), refusing duplicates and the other kind; ``asked``: how
        many distinct styles were asked for (those not found are said to be missing)."""
        outcome = admit(self._rows, self.kind, cards, len(cards) if asked is None else asked)
        self._insert(outcome.added, row)
        refusal = outcome.refusal(outcome.kind)
        if refusal:
            self.refused.emit(refusal)
        return outcome

    def _insert(self, cards: list[Card], row: int) -> None:
        if not cards:
            return
        before = self.kind
        self.insert_rows(row, cards)
        self._after_change(before)

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008  # Qt's own default
        before = self.kind
        removed = super().removeRows(row, count, parent)
        if removed:
            self._after_change(before)
        return removed

    def remove_ids(self, ids: Iterable[str]) -> int:
        """Remove the members ``ids``; how many were there."""
        rows = sorted({self.row_of(i) for i in ids} - {-1}, reverse=True)
        for row in rows:
            self.removeRows(row, 1)
        return len(rows)

    def replace_card(self, card: Card) -> None:
        """Update a member's card (say, a mark found by a later check) without moving it."""
        self.replace_row(self.row_of(card.id), card)

    def _after_change(self, kind_before: StyleKind | None) -> None:
        self.changed.emit()
        if self.kind is not kind_before:
            self.kind_changed.emit(self.kind)

    # -- the model interface ---------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [STYLE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return encode_style_ids(self._selected_ids(indexes), from_builder=True)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        # The builder's own cards dropped back on it: order means nothing to the server, so nothing to do.
        return data.hasFormat(STYLE_IDS_MIME) and not is_from_builder(data)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        at = parent.row() if parent.isValid() else row
        before = self.rowCount()
        self.ids_dropped.emit(decode_style_ids(data), at)
        return self.rowCount() > before
