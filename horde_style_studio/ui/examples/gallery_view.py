"""The gallery view: cards in a wrapping row, keyboard commands, and links dropped or pasted onto it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from horde_style_studio.ui.examples.delegate import CARD, GalleryDelegate

KEYS_HELP = (
    "Keys: P or Space makes the selected example primary, Enter shows it full size, Delete removes it, "
    "Ctrl+V adds the link on the clipboard."
)


class GalleryView(QListView):
    """Signals ``primary_requested(int)``, ``view_requested(int)``, ``remove_requested(int)`` with the row,
    and ``url_pasted(str)``; clicks on a card's star or thumbnail arrive through its delegate."""

    primary_requested = Signal(int)
    view_requested = Signal(int)
    remove_requested = Signal(int)
    url_pasted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)  # drops go to the model, not to moving cards around
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setSpacing(6)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)  # drops arrive at the viewport, not at the scroll area
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setAccessibleName("Example images")
        self.setToolTip(KEYS_HELP)
        self.setMinimumHeight(CARD.height() + 4 * self.spacing())  # one whole row of cards, never clipped
        self.card_delegate = GalleryDelegate(self)
        self.setItemDelegate(self.card_delegate)
        self.card_delegate.primary_clicked.connect(self.primary_requested)
        self.card_delegate.view_clicked.connect(self.view_requested)

    def current_row(self) -> int:
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        return indexes[0].row() if indexes else -1

    def select_row(self, row: int) -> None:
        model = self.model()
        if model is not None and 0 <= row < model.rowCount():
            self.setCurrentIndex(model.index(row, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.url_pasted.emit(QGuiApplication.clipboard().text().strip())
            return
        row = self.current_row()
        commands: dict[int, SignalInstance] = {
            Qt.Key.Key_P: self.primary_requested,
            Qt.Key.Key_Space: self.primary_requested,
            Qt.Key.Key_Return: self.view_requested,
            Qt.Key.Key_Enter: self.view_requested,
            Qt.Key.Key_Delete: self.remove_requested,
        }
        command = commands.get(event.key())
        if command is not None and row >= 0 and event.modifiers() in _PLAIN:
            command.emit(row)
            return
        super().keyPressEvent(event)


_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
