"""The builder's members: the open collection's styles as cards, filled by drag and drop.

The rules of issue 7 live here, so a drop, "Add to collection" and a test calling :meth:`dropMimeData` all
behave alike: several styles at once, duplicates refused, and the first style fixes the collection's kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QMimeData, QModelIndex, QObject, Qt, Signal

from horde_style_studio.domain.base import StyleKind
from horde_style_studio.ui.collections.cards import StyleCard
from horde_style_studio.ui.collections.style_model import AnyIndex, CardListModel
from horde_style_studio.ui.shared.mime import (
    STYLE_IDS_MIME,
    decode_style_ids,
    encode_style_ids,
    is_from_builder,
)
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.workflows.collections.messages import styles

Resolve = Callable[[Sequence[str]], list[StyleCard]]
"""Style ids to cards (the presenter looks them up in the library); unknown ids are left out."""


@dataclass
class AddOutcome:
    """What one drop (or "Add to collection") did."""

    added: list[StyleCard] = field(default_factory=list)
    duplicates: list[StyleCard] = field(default_factory=list)
    wrong_kind: list[StyleCard] = field(default_factory=list)
    unknown: int = 0

    def refusal(self, kind: StyleKind | None) -> str | None:
        """The sentence to show when something was refused, or None when everything went in."""
        parts = [text for text in (_duplicates(self.duplicates), _mismatch(self.wrong_kind, kind)) if text]
        if self.unknown:
            parts.append(f"{styles(self.unknown, 'style')} could not be found in the local library.")
        return " ".join(parts) or None


def _duplicates(cards: list[StyleCard]) -> str:
    if not cards:
        return ""
    if len(cards) == 1:
        return f"“{cards[0].name}” is already in the collection."
    return f"{styles(len(cards), 'style')} already in the collection were skipped."


def _mismatch(cards: list[StyleCard], kind: StyleKind | None) -> str:
    if not cards or kind is None:
        return ""
    other = StyleKind.TEXT if kind is StyleKind.IMAGE else StyleKind.IMAGE
    article = "an" if other is StyleKind.IMAGE else "a"
    if len(cards) == 1:
        what = f"“{cards[0].name}” is {article} {other.value} style"
    else:
        what = f"{styles(len(cards), other.value + ' style')} were refused"
    return f"{what}: a collection holds styles of one kind, and this one is for {kind.value} styles."


class MemberListModel(CardListModel):
    """The members, in the order the user placed them (the server keeps none, §3).

    Signals: ``changed()`` after any change of membership, ``refused(str)`` when a drop or an add was
    (partly) refused, ``kind_changed(object)`` with the collection's kind (a ``StyleKind`` or None).
    """

    changed = Signal()
    refused = Signal(str)
    kind_changed = Signal(object)

    def __init__(
        self, resolve: Resolve, thumbnails: ThumbnailCache | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(thumbnails, parent)
        self._resolve = resolve
        self._fixed_kind: StyleKind | None = None

    # -- state -----------------------------------------------------------------------------------------------
    @property
    def kind(self) -> StyleKind | None:
        """A saved collection keeps its server kind; a new one takes the kind of its first style."""
        if self._fixed_kind is not None:
            return self._fixed_kind
        return next((card.kind for card in self._cards if card.kind is not None), None)

    def set_cards(self, cards: Iterable[StyleCard], *, kind: StyleKind | None = None) -> None:
        before = self.kind
        self.beginResetModel()
        self._cards = list({card.id: card for card in cards}.values())
        self._fixed_kind = kind
        self.endResetModel()
        self._after_change(before)

    def ids(self) -> list[str]:
        return [card.id for card in self._cards]

    def row_of(self, style_id: str) -> int:
        return next((row for row, card in enumerate(self._cards) if card.id == style_id), -1)

    # -- adding and removing ---------------------------------------------------------------------------------
    def add_ids(self, ids: Sequence[str], row: int = -1) -> AddOutcome:
        """Add the styles ``ids`` at ``row`` (-1: at the end), refusing duplicates and the other kind."""
        cards = self._resolve(list(dict.fromkeys(ids)))
        outcome = AddOutcome(unknown=len(set(ids)) - len(cards))
        kind, present = self.kind, set(self.ids())
        for card in cards:
            if card.id in present:
                outcome.duplicates.append(card)
            elif kind is not None and card.kind is not None and card.kind is not kind:
                outcome.wrong_kind.append(card)
            else:
                kind = kind or card.kind
                present.add(card.id)
                outcome.added.append(card)
        self._insert(outcome.added, row)
        refusal = outcome.refusal(kind)
        if refusal:
            self.refused.emit(refusal)
        return outcome

    def _insert(self, cards: list[StyleCard], row: int) -> None:
        if not cards:
            return
        before = self.kind
        at = len(self._cards) if row < 0 or row > len(self._cards) else row
        self.beginInsertRows(QModelIndex(), at, at + len(cards) - 1)
        self._cards[at:at] = cards
        self.endInsertRows()
        self._after_change(before)

    def removeRows(self, row: int, count: int, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008  # Qt's own default
        if parent.isValid() or count <= 0 or row < 0 or row + count > len(self._cards):
            return False
        before = self.kind
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._cards[row : row + count]
        self.endRemoveRows()
        self._after_change(before)
        return True

    def remove_ids(self, ids: Iterable[str]) -> int:
        """Remove the members ``ids``; how many were there."""
        rows = sorted({self.row_of(i) for i in ids} - {-1}, reverse=True)
        for row in rows:
            self.removeRows(row, 1)
        return len(rows)

    def replace_card(self, card: StyleCard) -> None:
        """Update a member's card (say, a mark found by a later check) without moving it."""
        row = self.row_of(card.id)
        if row >= 0:
            self._cards[row] = card
            index = self.index(row)
            self.dataChanged.emit(index, index)

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
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        # The builder's own cards dropped back on it: order means nothing to the server, so nothing to do.
        return data.hasFormat(STYLE_IDS_MIME) and not is_from_builder(data)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        at = parent.row() if parent.isValid() else row
        return bool(self.add_ids(decode_style_ids(data), at).added)
