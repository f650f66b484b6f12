"""The detail pane of Browse's Collections scope: one collection and its member styles."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from horde_style_studio.library import CollectionRow
from horde_style_studio.ui.shared.card_lists import StyleListModel, StyleListView
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.ui.stylesheet import styled
from horde_style_studio.ui.widgets.one_line import pane_heading
from horde_style_studio.ui.widgets.plain_text import plain_label
from horde_style_studio.workflows.cards import Card, styles_count

NO_INFO = "(no description: the server does not share collection descriptions, only yours are known here)"
NOT_IN_LIBRARY = "“{name}” is not in the local library: it is private to its creator, or was deleted."


class CollectionDetailPane(QWidget):
    """Shows one collection: kind, size, uses, visibility, who made it when that is known (§3: only the
    user's own), the description, and the member styles. ``open_style(str)``: the style id of a member
    the user activated (double-click, Enter or "Show style")."""

    open_style = Signal(str)

    def __init__(self, thumbnails: ThumbnailCache | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: CollectionRow | None = None
        # A collection's name and description are a stranger's text, and the buttons below them stay put.
        self.title, self.meta, self.info = pane_heading("Collection", meta_lines=2)
        self.members_model = StyleListModel(thumbnails, self)
        self.members = StyleListView(self.members_model)
        self.members.setAccessibleName("Styles in this collection")
        self.members.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)  # Browse only shows them
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.show_member = QPushButton("Show style")
        self.show_member.setToolTip("Show the chosen member among the styles (or double-click it)")
        self.copy_id = QPushButton("Copy id")
        self.copy_id.setToolTip("Copy the collection's id to the clipboard")
        self.status = plain_label(selectable=False)
        self.status.setObjectName("InlineError")
        styled(self.status)
        buttons = QHBoxLayout()
        for button in self.buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.meta, self.info):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("<b>Styles in this collection</b>"))
        layout.addWidget(self.members, 1)
        layout.addWidget(self.status)
        self.members.activated.connect(lambda index: self._open(index.row()))
        self.show_member.clicked.connect(lambda: self._open(self.members.currentIndex().row()))
        self.copy_id.clicked.connect(self._copy_id)
        self.members.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.show_collection(None, ())

    def buttons(self) -> tuple[QPushButton, ...]:
        return self.show_member, self.copy_id

    def show_collection(self, row: CollectionRow | None, members: Sequence[Card]) -> None:
        self.current = row
        self.members_model.set_cards(members)
        self.status.hide()
        self.copy_id.setEnabled(row is not None)
        if members:
            self.members.setCurrentIndex(self.members_model.index(0))
        self._enable()
        if row is None:
            self.title.setText("No collection selected")
            self.meta.clear()
            self.info.clear()
            return
        self.title.setText(row.name)
        kind = f"{row.kind.value} collection" if row.kind else "collection of no kind yet"
        size = styles_count(row.member_count)
        creator = "by you" if row.mine else "creator not shown by the server"
        self.meta.setText(
            f"{kind} · {size} · {row.use_count:,} uses\n{'public' if row.public else 'private'} · {creator}"
        )
        self.info.setText(row.info or NO_INFO)

    def show_missing(self, style_id: str) -> None:
        """Say that the member ``style_id`` cannot be shown among the styles."""
        name = next((card.name for card in self.members_model.cards() if card.id == style_id), style_id)
        self.status.setText(NOT_IN_LIBRARY.format(name=name))
        self.status.show()

    def _open(self, row: int) -> None:
        if 0 <= row < self.members_model.rowCount():
            self.open_style.emit(self.members_model.card(row).id)

    def _enable(self) -> None:
        self.show_member.setEnabled(self.members.currentIndex().isValid())

    def _copy_id(self) -> None:
        if self.current is not None:
            QGuiApplication.clipboard().setText(self.current.id)
