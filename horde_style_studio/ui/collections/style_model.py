"""The tab's searchable style list: library search results as rows, dragged into the builder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from horde_style_studio.ui.collections.cards import MARK_TEXT, Mark, StyleCard
from horde_style_studio.ui.shared.mime import (
    MEMBERS_MIME,
    STYLE_IDS_MIME,
    encode_style_ids,
    is_from_builder,
)
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.ui.widgets.plain_text import plain_tip

CardRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


def card_tooltip(card: StyleCard) -> str:
    kind = f"{card.kind.value} style" if card.kind else "style"
    lines = [f"{card.name} — {kind}" + (f" by {card.creator}" if card.creator else "")]
    if card.info:
        lines.append(card.info)
    if card.mark is not Mark.OK:
        lines.append(MARK_TEXT[card.mark])
    return "\n".join(lines)


def card_data(card: StyleCard, role: int, thumbnails: ThumbnailCache | None) -> Any:
    """What a card answers for ``role``; shared by the style list and the builder."""
    if role == Qt.ItemDataRole.DisplayRole:
        return card.name
    if role == Qt.ItemDataRole.ToolTipRole:
        return plain_tip(card_tooltip(card))
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return f"{card.name}, {card.kind.value if card.kind else 'unknown kind'}"
    if role == Qt.ItemDataRole.DecorationRole:
        return thumbnails.pixmap(card.thumbnail) if thumbnails is not None else None
    if role == CardRole:
        return card
    if role == IdRole:
        return card.id
    return None


class CardListModel(QAbstractListModel):
    """What both card lists share: rows of :class:`StyleCard` drawn with their thumbnails, repainted as the
    thumbnails arrive, every row draggable."""

    def __init__(self, thumbnails: ThumbnailCache | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cards: list[StyleCard] = []
        self._thumbnails = thumbnails
        if thumbnails is not None:
            thumbnails.ready.connect(self._thumbnail_ready)

    def cards(self) -> tuple[StyleCard, ...]:
        return tuple(self._cards)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        return card_data(self._cards[index.row()], role, self._thumbnails)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )  # fmt: skip

    def _selected_ids(self, indexes: Sequence[QModelIndex]) -> list[str]:
        return [self._cards[row].id for row in sorted({index.row() for index in indexes if index.isValid()})]

    def _thumbnail_ready(self, url: str) -> None:
        for row, card in enumerate(self._cards):
            if card.thumbnail == url:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class StyleListModel(CardListModel):
    """Rows of :class:`StyleCard`. Drags offer the selected ids (:data:`STYLE_IDS_MIME`); a drop is accepted
    only from the builder, as a move, which makes the builder remove those members (drag out to remove)."""

    def set_cards(self, cards: Sequence[StyleCard]) -> None:
        self.beginResetModel()
        self._cards = list(cards)
        self.endResetModel()

    def card(self, row: int) -> StyleCard:
        return self._cards[row]

    # -- drag and drop ---------------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [STYLE_IDS_MIME, MEMBERS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return encode_style_ids(self._selected_ids(indexes))

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return is_from_builder(data)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        # Nothing to insert: accepting the move is what tells the builder to let go of its members.
        return action == Qt.DropAction.MoveAction and is_from_builder(data)
