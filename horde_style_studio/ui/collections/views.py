"""The builder's card grid (the searchable style list is the shared ``StyleListView``).

Drag and drop itself lives in the models (``mimeData``/``dropMimeData``); the views only add what a model
cannot know: the Delete key, and that a card dragged out of the builder and dropped anywhere else leaves it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCursor, QDrag, QDragEnterEvent, QDragMoveEvent, QKeyEvent, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from horde_style_studio.ui.collections.member_model import MemberListModel
from horde_style_studio.ui.shared.card_delegate import CardDelegate, Layout
from horde_style_studio.ui.shared.mime import is_from_builder

CARD_SIZE = QSize(144, 190)


class MemberView(QListView):
    """The builder's cards in a wrapping grid. Delete or Backspace removes the selected cards; so does
    dragging them out and dropping them anywhere but the builder itself."""

    def __init__(self, model: MemberListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.delegate = CardDelegate(Layout.GRID, card_size=CARD_SIZE, parent=self)
        self.setItemDelegate(self.delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)  # order means nothing to the server (§3)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setGridSize(CARD_SIZE + QSize(8, 8))
        self.setSpacing(0)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setDropIndicatorShown(True)
        # setMovement(Static) switched the viewport's drops off, and drag events go to the viewport.
        self.viewport().setAcceptDrops(True)
        self.setAccessibleName("Member styles")

    def member_model(self) -> MemberListModel:
        model = self.model()
        assert isinstance(model, MemberListModel)  # set once in __init__
        return model

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.selectionModel().selectedIndexes())
        return [self.member_model().cards()[row].id for row in rows]

    def remove_selected(self) -> int:
        return self.member_model().remove_ids(self.selected_ids())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_ids():
            self.remove_selected()
            event.accept()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.source() is self or is_from_builder(event.mimeData()):
            event.ignore()  # the builder's own cards: nothing to add
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.source() is self or is_from_builder(event.mimeData()):
            event.ignore()
            return
        super().dragMoveEvent(event)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:  # noqa: N803  # Qt's own name
        ids = self.selected_ids()
        if not ids:
            return
        drag = QDrag(self)
        drag.setMimeData(self.member_model().mimeData(self.selectionModel().selectedIndexes()))
        drag.setPixmap(self._drag_pixmap())
        result = drag.exec(Qt.DropAction.MoveAction)
        self.finish_drag(ids, result, inside=self._cursor_inside())

    def finish_drag(self, ids: list[str], result: Qt.DropAction, *, inside: bool) -> int:
        """After a drag of ``ids`` out of the builder: a drop taken as a move (the style list takes it so),
        or one dropped where nothing takes it outside the builder, removes them. How many left."""
        if result == Qt.DropAction.MoveAction or (result == Qt.DropAction.IgnoreAction and not inside):
            return self.member_model().remove_ids(ids)
        return 0

    def _cursor_inside(self) -> bool:
        viewport = self.viewport()
        return viewport.rect().contains(viewport.mapFromGlobal(QCursor.pos()))

    def _drag_pixmap(self) -> QPixmap:
        indexes = self.selectionModel().selectedIndexes()
        rect = self.visualRect(indexes[0]) if indexes else self.rect()
        return self.viewport().grab(rect).scaledToWidth(96, Qt.TransformationMode.SmoothTransformation)
