"""Lists of style cards any tab can show: the model (rows of :class:`~horde_style_studio.workflows.cards.Card`
with their thumbnails, every row draggable) and the compact view of searchable style lists.

Drag and drop lives in the models (``mimeData``/``dropMimeData``): a style list offers the selected ids in
:data:`~.mime.STYLE_IDS_MIME`, and takes a drop only from the collection builder, as a move, which makes the
builder let go of those members (drag out to remove).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from horde_style_studio.ui.shared.card_delegate import CardDelegate, Layout
from horde_style_studio.ui.shared.mime import MEMBERS_MIME, STYLE_IDS_MIME, encode_style_ids, is_from_builder
from horde_style_studio.ui.shared.row_model import CARD_ROLE, Getter, Index, RowListModel
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.workflows.cards import Card


def _accessible(card: Card) -> str:
    return f"{card.name}, {card.kind.value if card.kind else 'unknown kind'}"


class CardListModel(RowListModel[Card]):
    """Rows of :class:`Card` drawn with their thumbnails (repainted as they arrive), every row draggable."""

    def __init__(self, thumbnails: ThumbnailCache | None = None, parent: QObject | None = None) -> None:
        roles: dict[int, Getter[Card]] = {
            Qt.ItemDataRole.DisplayRole: lambda card: card.name,
            Qt.ItemDataRole.ToolTipRole: lambda card: card.tooltip,
            Qt.ItemDataRole.AccessibleTextRole: _accessible,
            CARD_ROLE: lambda card: card,
        }
        super().__init__(
            roles, key=lambda card: card.id, thumbnails=thumbnails, picture=lambda card: card.thumbnail,
            flags=Qt.ItemFlag.ItemIsDragEnabled, parent=parent,
        )  # fmt: skip

    def cards(self) -> tuple[Card, ...]:
        return self.rows()

    def card(self, row: int) -> Card:
        return self._rows[row]

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def _selected_ids(self, indexes: Iterable[QModelIndex]) -> list[str]:
        return [card.id for card in self.selected_rows(indexes)]


class StyleListModel(CardListModel):
    """A searchable list of styles: drags offer the selected ids; a drop is taken only from the builder."""

    def set_cards(self, cards: Iterable[Card]) -> None:
        self.set_rows(cards)

    def mimeTypes(self) -> list[str]:
        return [STYLE_IDS_MIME, MEMBERS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return encode_style_ids(self._selected_ids(indexes))

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return is_from_builder(data)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        # Nothing to insert: accepting the move is what tells the builder to let go of its members.
        return action == Qt.DropAction.MoveAction and is_from_builder(data)


class StyleListView(QListView):
    """Styles as compact rows; several can be selected and dragged at once. Members dragged here out of the
    builder are taken as a move, so the builder lets them go."""

    def __init__(self, model: StyleListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.delegate = CardDelegate(Layout.COMPACT, parent=self)
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(True)
        # Rows are as wide as the list: they follow its width instead of scrolling sideways.
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)
        self.setAccessibleName("Styles in the library")

    def style_model(self) -> StyleListModel:
        model = self.model()
        assert isinstance(model, StyleListModel)  # set once in __init__
        return model

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.selectionModel().selectedIndexes())
        return [self.style_model().card(row).id for row in rows]

    def row_center(self, row: int) -> QPoint:
        return self.visualRect(self.style_model().index(row)).center()
