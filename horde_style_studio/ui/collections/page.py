"""``CollectionsPage``: the Collections tab, three panes in a splitter, wired to its presenter."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QSplitter, QWidget

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.collections.builder import BuilderPanel
from horde_style_studio.ui.collections.collection_model import CollectionListModel, EntryRole
from horde_style_studio.ui.collections.member_model import MemberListModel
from horde_style_studio.ui.collections.panes import CollectionsPane, StylePane
from horde_style_studio.ui.collections.presenter import CollectionsPresenter
from horde_style_studio.ui.shared.card_lists import StyleListModel
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.ui.widgets.questions import ask_delete
from horde_style_studio.workflows.cards import Card
from horde_style_studio.workflows.collections.membership import AddOutcome
from horde_style_studio.workflows.collections.records import CollectionEntry, OpenCollection


class CollectionsPage(QWidget):
    """The tab: collection lists | builder | style list. Owns the three models; every round trip goes
    through ``presenter``. A delete is confirmed in a non-modal box before the presenter is asked."""

    def __init__(
        self, presenter: CollectionsPresenter, thumbnails: ThumbnailCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.collections = CollectionListModel(self)
        self.members = MemberListModel(thumbnails, self)
        self.styles = StyleListModel(thumbnails, self)
        self.lists = CollectionsPane(self.collections)
        self.builder = BuilderPanel(self.members)
        self.style_pane = StylePane(self.styles)
        self.confirm_box: QMessageBox | None = None
        self._style_count = -1
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for pane, stretch in ((self.lists, 0), (self.builder, 1), (self.style_pane, 0)):
            splitter.addWidget(pane)
            splitter.setStretchFactor(splitter.indexOf(pane), stretch)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([260, 640, 340])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self.splitter = splitter
        self._wire()
        self.builder.show_blocked(presenter.save_blocked)

    def _wire(self) -> None:
        p, b = self.presenter, self.builder
        p.listed.connect(self.collections.set_entries)
        p.opened.connect(self._show_opened)
        p.styles_found.connect(self.styles.set_cards)
        p.busy.connect(b.set_busy)
        p.busy.connect(self.lists.find_button.setDisabled)
        p.can_save.connect(b.show_blocked)
        p.picked.connect(self._show_pick)
        p.add_requested.connect(self.add_ids)
        self.members.ids_dropped.connect(self.add_ids)
        self.members.refused.connect(b.show_refusal)
        self.members.changed.connect(partial(b.show_refusal, None))
        self.members.kind_changed.connect(self._follow_kind)
        self.lists.mine_view.clicked.connect(self._open_index)
        self.lists.public_view.clicked.connect(self._open_index)
        self.lists.find_button.clicked.connect(self._find)
        self.lists.refresh.clicked.connect(p.refresh_public)
        self.style_pane.search_changed.connect(p.search_styles)
        self.style_pane.add.clicked.connect(self._add_selected)
        self.style_pane.view.doubleClicked.connect(self._add_selected)
        b.save.clicked.connect(self._save)
        b.new.clicked.connect(p.new_collection)
        b.delete.clicked.connect(self.ask_delete)
        b.pick.clicked.connect(self._try_pick)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def message_area(self) -> QWidget:
        """Where the window's messages float: over the bottom of the builder's cards."""
        return self.builder.view

    def refresh(self) -> None:
        """List the collections again, and search again when the library changed size (a sync ran): the
        tab was shown, or the composition root says the library was refreshed."""
        self.presenter.refresh_list()
        count = self.presenter.style_count()
        self.style_pane.show_empty_library(count == 0)
        if count != self._style_count:
            self._style_count = count
            self.style_pane.emit_search()

    def add_ids(self, ids: Sequence[str], row: int = -1) -> AddOutcome:
        """Add the styles ``ids`` (a drop, "Add to collection") to the builder at ``row``, as the library
        knows them."""
        distinct = list(dict.fromkeys(ids))
        return self.members.add_cards(self.presenter.cards_for(distinct), row, asked=len(distinct))

    # -- slots -----------------------------------------------------------------------------------------------
    def _show_opened(self, opened: OpenCollection) -> None:
        self.builder.show_collection(opened)

    def _open_index(self, index: QModelIndex) -> None:
        entry = index.data(EntryRole)
        if isinstance(entry, CollectionEntry):
            self.presenter.open(entry.id)

    def _find(self) -> None:
        self.presenter.find_by_name(self.lists.find_name.text())

    def _add_selected(self) -> None:
        self.presenter.add_to_collection(self.style_pane.view.selected_ids())

    def _save(self) -> None:
        self.presenter.save(self.builder.draft())

    def _try_pick(self) -> None:
        cards = self.members.cards()
        if self.presenter.try_pick(cards) is None:
            self.builder.show_pick(None, empty=True)

    def _show_pick(self, card: Card | None) -> None:
        if card is not None:
            self.builder.show_pick(card)

    def _follow_kind(self, kind: object) -> None:
        # Styles of the other kind would be refused on drop, so the list offers the collection's kind.
        if isinstance(kind, StyleKind):
            self.style_pane.set_kind(kind)

    def ask_delete(self) -> QMessageBox | None:
        """Ask, without blocking the loop (DESIGN qasync rule 4), before deleting the open collection."""
        opened = self.builder.opened
        if opened.id is None or not opened.owned:
            return None
        question = (
            f"Forget “{opened.name}”? It is already gone from the AI Horde." if opened.gone
            else f"Delete “{opened.name}” from the AI Horde? This cannot be undone."
        )  # fmt: skip
        box = ask_delete(self, "Delete collection", question, partial(self.presenter.delete, opened.id),
                         confirm="Forget" if opened.gone else "Delete")  # fmt: skip
        box.finished.connect(self._forget_box)
        self.confirm_box = box
        return box

    def _forget_box(self) -> None:
        self.confirm_box = None
