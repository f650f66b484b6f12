"""The two side panes of the Collections tab: the collection lists, and the searchable style list."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.collections.collection_model import CollectionFilter, CollectionListModel
from horde_style_studio.ui.shared.card_lists import StyleListModel, StyleListView
from horde_style_studio.ui.widgets.inline import inline_label

SEARCH_DELAY_MS = 150
KINDS: tuple[tuple[str, StyleKind | None], ...] = (
    ("Any kind", None), ("Image styles", StyleKind.IMAGE), ("Text styles", StyleKind.TEXT),
)  # fmt: skip
EMPTY_LIBRARY = (
    "The style library on this computer is empty. Refresh it from the Browse tab, and its styles appear "
    "here, ready to drag into a collection."
)


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def _list_view(model: CollectionFilter, name: str) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSpacing(2)
    view.setWordWrap(True)
    return view


class CollectionsPane(QWidget):
    """The user's collections (remembered here, §3: the server cannot list them), a find-by-name field for
    ones made elsewhere, and the public collections with a filter and a refresh button."""

    def __init__(self, model: CollectionListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.mine = CollectionFilter(model, mine=True, parent=self)
        self.public = CollectionFilter(model, mine=False, parent=self)
        self.mine_view = _list_view(self.mine, "Your collections")
        self.public_view = _list_view(self.public, "Public collections")
        self.find_name = QLineEdit(placeholderText="Name of one of yours")
        self.find_name.setAccessibleName("Find a collection of yours by name")
        self.find_name.setToolTip("Open one of your collections by its exact name")
        self.find_button = QPushButton("Find")
        self.find_button.setToolTip("Open your collection of that name in the builder")
        self.find_button.setToolTip("The AI Horde cannot list your collections: find yours by name.")
        self.filter = QLineEdit(placeholderText="Filter public collections")
        self.filter.setAccessibleName("Filter public collections")
        self.filter.setToolTip("Show only the collections whose name holds this text")
        self.filter.setClearButtonEnabled(True)
        self.refresh = QPushButton("Refresh")
        self.refresh.setToolTip("Read the collections from the server again")
        self.refresh.setToolTip("Read the public collections from the AI Horde again")
        self.filter.textChanged.connect(self.public.set_text)
        self.find_name.returnPressed.connect(self.find_button.click)
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_name, 1)
        find_row.addWidget(self.find_button)
        public_row = QHBoxLayout()
        public_row.addWidget(self.filter, 1)
        public_row.addWidget(self.refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Your collections"))
        layout.addWidget(self.mine_view, 2)
        layout.addLayout(find_row)
        layout.addSpacing(8)
        layout.addWidget(heading("Public collections"))
        layout.addLayout(public_row)
        layout.addWidget(self.public_view, 3)


class StylePane(QWidget):
    """The library's styles, searched as you type (the same FTS search as Browse), to drag into the builder.

    Signal: ``search_changed(str, object)`` with the text and the kind (a ``StyleKind`` or None), after a
    short pause in typing.
    """

    search_changed = Signal(str, object)

    def __init__(self, model: StyleListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit(placeholderText="Search styles: name, tag, model, creator…")
        self.search.setAccessibleName("Search styles")
        self.search.setToolTip("Find styles to add: name, tag, model or creator")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.setToolTip("Image or text styles (a collection holds one kind)")
        self.kind.addItems([text for text, _ in KINDS])
        self.view = StyleListView(model)
        self.add = QPushButton("Add to collection")
        self.add.setToolTip("Add the selected styles to the collection in the builder")
        self.empty = inline_label("InlineResult")
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.emit_search)
        self.search.textChanged.connect(self._timer.start)
        self.kind.currentIndexChanged.connect(self.emit_search)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Styles"))
        layout.addLayout(search_row)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.add)

    def current_kind(self) -> StyleKind | None:
        # By position: a StyleKind stored as item data would come back as a plain str.
        return KINDS[max(0, self.kind.currentIndex())][1]

    def set_kind(self, kind: StyleKind | None) -> None:
        index = next(i for i, (_, k) in enumerate(KINDS) if k is kind)
        self.kind.setCurrentIndex(index)

    def emit_search(self) -> None:
        self._timer.stop()
        self.search_changed.emit(self.search.text(), self.current_kind())

    def show_empty_library(self, empty: bool) -> None:
        self.empty.setText(EMPTY_LIBRARY if empty else "")
        self.empty.setVisible(empty)
