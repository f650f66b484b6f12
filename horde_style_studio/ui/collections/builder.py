"""The builder: the open collection's name, description, visibility and member cards.

It holds no logic beyond collecting the user's input: the member rules live in :class:`MemberListModel`, the
round trips in the presenter; the page wires the two.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.validation import MAX_INFO, MAX_NAME
from horde_style_studio.ui.collections.member_model import MemberListModel
from horde_style_studio.ui.collections.views import MemberView
from horde_style_studio.ui.widgets.inline import inline_label
from horde_style_studio.workflows.cards import Card
from horde_style_studio.workflows.collections.records import CollectionDraft, OpenCollection

ORDER_HINT = (
    "Drag styles here from the list on the right, several at once if you like. To remove one, select it and "
    "press Delete, or drag it out. The order does not matter to the server: a generation that names the "
    "collection uses one of its styles, drawn at random."
)
# The server never returns a collection's info (REFERENCE §3).
INFO_HINT = "Optional. The AI Horde never shows it again, so the app keeps a copy on this computer."
PICK_TIP = (
    "Show which member a random draw would choose, as a generation naming the collection does. "
    "AI Horde 5.1.5 fails every generation that names a collection; 5.1.13 draws like this."
)


class BuilderPanel(QWidget):
    """The open collection. ``members`` is the card model; ``view`` shows it."""

    def __init__(self, members: MemberListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.members = members
        self._opened = OpenCollection()
        self.title = QLabel("New collection")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.kind_label = QLabel()
        self.count_label = QLabel()
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.name = QLineEdit(placeholderText="A name, unique among your collections")
        self.name.setToolTip("The collection's name, unique among your collections")
        self.name.setMaxLength(MAX_NAME)
        self.info = QLineEdit(placeholderText=INFO_HINT)
        self.info.setToolTip(INFO_HINT)
        self.info.setMaxLength(MAX_INFO)
        self.public = QCheckBox("Public: anyone can find it and generate with it")
        self.public.setToolTip("Unticked, only you see the collection and can generate with it")
        self.public.setChecked(True)
        self.note = inline_label("InlineResult")
        self.blocked = inline_label("InlineError")
        self.refusal = inline_label("InlineError")
        self.pick_result = inline_label("InlineResult")
        self.hint = QLabel(ORDER_HINT, wordWrap=True)
        self.view = MemberView(members)
        self.view.setMinimumHeight(240)
        self.pick = QPushButton("Try a pick")
        self.pick.setToolTip(PICK_TIP)
        self.delete = QPushButton("Delete…")
        self.new = QPushButton("New collection")
        self.save = QPushButton("Save")
        self.delete.setToolTip("Delete this collection from the AI Horde, after asking")
        self.new.setToolTip("Start an empty collection in the builder")
        self.save.setToolTip("Create or update this collection on the AI Horde")
        self.save.setDefault(True)
        self._lay_out()
        members.changed.connect(self._show_count)
        members.kind_changed.connect(self._show_kind)
        self.show_collection(OpenCollection())

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.kind_label)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Description", self.info)
        form.addRow("", self.public)
        buttons = QHBoxLayout()
        for button in (self.pick, self.delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        buttons.addSpacing(12)
        for button in (self.new, self.save):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        for label in (self.blocked, self.note):
            layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.refusal)
        layout.addWidget(self.pick_result)
        layout.addLayout(buttons)

    # -- showing ---------------------------------------------------------------------------------------------
    @property
    def opened(self) -> OpenCollection:
        return self._opened

    def show_collection(self, opened: OpenCollection) -> None:
        self._opened = opened
        self.name.setText(opened.name)
        self.info.setText(opened.info)
        self.public.setChecked(opened.public)
        self.members.set_cards(opened.members, kind=opened.kind if opened.id else None)
        self.title.setText(self._title(opened))
        self._set(self.note, opened.note or None)
        self._set(self.refusal, None)
        self.show_pick(None)
        self.delete.setEnabled(opened.id is not None and opened.owned)
        self._show_kind(self.members.kind)
        self._show_count()

    def _title(self, opened: OpenCollection) -> str:
        if opened.id is None:
            return "New collection"
        if opened.gone:
            return f"“{opened.name}” (deleted on the server)"
        return f"“{opened.name}”" if opened.owned else f"“{opened.name}” (public)"

    def show_refusal(self, text: str | None) -> None:
        self._set(self.refusal, text)

    def show_blocked(self, reason: str | None) -> None:
        self._set(self.blocked, reason)
        self.save.setEnabled(reason is None)
        self.delete.setEnabled(reason is None and self._opened.id is not None and self._opened.owned)

    def show_pick(self, card: Card | None, *, empty: bool = False) -> None:
        self.view.delegate.picked_id = card.id if card else None
        self.view.viewport().update()
        if card is not None:
            text: str | None = f"This time the draw chose “{card.name}”. Every generation draws again."
            self.view.scrollTo(self.members.index(self.members.row_of(card.id)))
        else:
            text = "Add a style first: there is nothing to draw from." if empty else None
        self._set(self.pick_result, text)

    def _show_kind(self, kind: object) -> None:
        if isinstance(kind, StyleKind):
            self.kind_label.setText(f"{kind.value.capitalize()} collection")
        else:
            self.kind_label.setText("Kind: set by the first style")

    def _show_count(self) -> None:
        count = self.members.rowCount()
        self.count_label.setText(f"{count} style{'' if count == 1 else 's'}")

    @staticmethod
    def _set(label: QLabel, text: str | None) -> None:
        label.setText(text or "")
        label.setVisible(bool(text))

    # -- reading ---------------------------------------------------------------------------------------------
    def draft(self) -> CollectionDraft:
        opened = self._opened
        return CollectionDraft(opened.id, self.name.text(), self.info.text(), self.public.isChecked(),
                               self.members.cards(), opened.owned, opened.gone)  # fmt: skip

    def set_busy(self, busy: bool) -> None:
        for widget in (self.save, self.delete, self.new):
            widget.setEnabled(not busy)
        if not busy:
            self.show_blocked(self.blocked.text() or None)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
