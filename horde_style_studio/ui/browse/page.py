"""``BrowsePage``: the library's styles or collections as a grid, a list or a table, under one filter bar,
with the selected one's detail pane."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import CollectionRow, Facets, SortOrder, StyleRow
from horde_style_studio.services.settings import BrowseFilters
from horde_style_studio.ui.browse.bulk_actions import BulkEditButton
from horde_style_studio.ui.browse.bulk_presenter import BulkPresenter
from horde_style_studio.ui.browse.collections_presenter import CollectionBrowsePresenter
from horde_style_studio.ui.browse.columns import COLLECTION_COLUMNS, STYLE_COLUMNS
from horde_style_studio.ui.browse.detail import DetailPane
from horde_style_studio.ui.browse.filters import FilterBar, Scope
from horde_style_studio.ui.browse.health import HealthPresenter
from horde_style_studio.ui.browse.model import CollectionCardModel, StyleCardModel
from horde_style_studio.ui.browse.presenter import BrowsePresenter
from horde_style_studio.ui.browse.results import ResultsView, ViewMode
from horde_style_studio.ui.shared.card_delegate import CARD
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache

if TYPE_CHECKING:
    from horde_style_studio.ui.browse.bulk_panel import BulkPanel
    from horde_style_studio.ui.browse.bulk_presenter import BulkTarget
    from horde_style_studio.ui.browse.collection_detail import CollectionDetailPane
    from horde_style_studio.workflows.bulk import BulkOperation  # pydantic: not before the first paint

DETAIL_MIN = 360  # px: the detail pane's buttons in two rows
# The filters both scopes share; the search text and the styles-only filters belong to one scope.
SHARED = ("kind", "show_nsfw", "mine_only", "sort")
NO_OWN_COLLECTIONS = "Your collections show here once opened or saved in the Collections tab"
# After a new sort order, the current style is looked for this many pages deep (a few ms each).
RESORT_PAGES = 10


class BrowsePage(QWidget):
    """Signals: ``add_to_collection(list, str)`` of style ids and the collection the user picked ("" for a
    new one), and ``open_examples(str)`` and
    ``fork_into_editor(str)`` of one style id, for the other tabs."""

    add_to_collection = Signal(list, str)
    open_examples = Signal(str)
    fork_into_editor = Signal(str)
    edit_style = Signal(str)
    delete_style = Signal(str)
    try_styles = Signal(list)
    export_styles = Signal(list)
    save_style = Signal(str)

    def __init__(
        self,
        presenter: BrowsePresenter,
        thumbnails: ThumbnailCache | None,
        parent: QWidget | None = None,
        *,
        collections: CollectionBrowsePresenter | None = None,
        bulk: BulkPresenter | None = None,
        health: HealthPresenter | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.bulk = bulk
        self.health = health
        self.collections = collections or CollectionBrowsePresenter(
            presenter.library, show_nsfw=presenter.query.show_nsfw, parent=self
        )
        self.model = StyleCardModel(thumbnails, self, load=presenter.load)
        # The next page of styles as the list scrolls to its end, read by the presenter.
        self.model.more_wanted.connect(
            lambda offset, after: self.model.append_page(presenter.more(offset, after))
        )
        self.collection_model = CollectionCardModel(thumbnails, self)
        self._reveal: str | None = None
        self._thumbnails = thumbnails
        # The Collections scope's view and pane, built when first shown (issue 18: not before first paint).
        self._collections_side: tuple[ResultsView, CollectionDetailPane] | None = None
        self.collection_menu: QMenu | None = None  # the last "Add to collection" question
        self._resorting = False  # the results that come are the same styles in another order
        # After new results the detail pane follows in the next turn of the event loop, so the cards of a
        # keystroke are painted first (issue 4's 16 ms); a style the user picks shows at once.
        self._total: int | None = None  # how many match in all, counted after the first page is shown
        self._detail_timer = QTimer(self, singleShot=True, interval=0)
        self._detail_timer.timeout.connect(lambda: self._style_chosen(self.styles_view.current_row()))
        # While held (see hold_details): None when not held, else whether a fill waits for the release.
        self._held: bool | None = None
        self._build(thumbnails)
        self._wire()
        self._show_filters()

    def _build(self, thumbnails: ThumbnailCache | None) -> None:
        self.filters = FilterBar()
        self.styles_view = ResultsView(self.model, STYLE_COLUMNS, name="Styles", multi=True)
        self.detail = DetailPane(thumbnails)
        self.results, self.details = QStackedWidget(), QStackedWidget()
        self.results.addWidget(self.styles_view)
        self.details.addWidget(self.detail)
        self.count = QLabel()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.results, 1)
        below = QHBoxLayout()
        below.addWidget(self.count, 1)
        column.addLayout(below)
        self.bulk_button: BulkEditButton | None = None
        # The bulk edits' panel, built when there is a job to show (issue 18: not before the first paint).
        self._bulk_panel: BulkPanel | None = None
        self._left_column = column
        self._newest_job = 0  # of those known when Browse opened: a newer one brings the panel up
        if self.bulk is not None:
            self.bulk_button = BulkEditButton(self.presenter.own_collection_choices)
            below.addWidget(self.bulk_button)
            queued = self.bulk.glance()
            self._newest_job = queued.newest_job
            if queued.unfinished:
                self.bulk_panel  # noqa: B018  # built (and shown) for the jobs left unfinished
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.details)
        # Set, not hinted: the pane's content (a long name, four examples) never changes its width, so the
        # grid keeps its columns and a card stays under the pointer while a style loads (issue 16).
        self.details.setMinimumWidth(DETAIL_MIN)
        left.setMinimumWidth(CARD.width() + 40)
        split.setChildrenCollapsible(False)
        # Room the window gains goes mostly to the results.
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([3 * CARD.width() + 40, 2 * CARD.width()])  # three columns of cards at 1280 px
        self.split = split
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(split, 1)

    def _wire(self) -> None:
        p, c, f = self.presenter, self.collections, self.filters
        f.search.textChanged.connect(lambda text: self._active().set_text(text))
        f.kind.currentIndexChanged.connect(lambda: self._share(kind=_kind(f.kind.currentData())))
        f.tag.activated.connect(lambda: p.update(tag=f.tag.currentData()))
        f.model_filter.activated.connect(lambda: p.update(model=f.model_filter.currentData()))
        f.sort.currentIndexChanged.connect(self._sort_changed)
        f.nsfw.toggled.connect(lambda on: self._share(show_nsfw=on))
        f.favourites.toggled.connect(lambda on: p.update(favourites_only=on))
        f.mine.toggled.connect(lambda on: self._share(mine_only=on))
        f.scope_buttons.buttonClicked.connect(lambda _button: self.set_scope(f.scope))
        f.mode_actions.triggered.connect(lambda action: self.set_view_mode(ViewMode(action.data())))
        p.results.connect(self._show_rows)
        p.facets.connect(self._show_facets)
        p.total.connect(self._show_total)
        p.order.connect(self.model.set_order)
        c.results.connect(self._show_collections)
        self.styles_view.sort_requested.connect(self._sort_requested)
        self.styles_view.current_changed.connect(self._style_chosen)
        self.styles_view.menu_offers(self._detail_buttons)
        self.detail.favourite_toggled.connect(self._favourite)
        self.detail.note_edited.connect(self._note)
        self.detail.add_to_collection.connect(lambda _id: self.ask_collection())
        self.detail.open_examples.connect(self.open_examples)
        self.detail.fork_into_editor.connect(self.fork_into_editor)
        self.detail.edit_style.connect(self.edit_style)
        self.detail.delete_style.connect(self.delete_style)
        self.styles_view.activated.connect(self._open_row)
        # Try one style, or compare the selected ones (issue 15); the Trials feature opens the window.
        self.detail.try_style.connect(lambda _id: self.try_styles.emit(self.selected_ids()))
        self.detail.save_json.connect(self.save_style)
        self.detail.export_selection.connect(lambda _id: self.export_styles.emit(self.selected_ids()))
        if self.health is not None:
            self.health.checked.connect(self.model.set_health)
        if self.bulk_button is not None and self.bulk is not None:
            self.bulk_button.requested.connect(self.request_bulk)
            menu = self.bulk_button.menu()
            menu.aboutToShow.connect(self._count_selected)
            self.bulk.styles_changed.connect(self.refresh)
            self.bulk.changed.connect(self._bulk_job_changed)

    @property
    def collections_view(self) -> ResultsView:
        return self._collection_widgets()[0]

    @property
    def collection_detail(self) -> CollectionDetailPane:
        return self._collection_widgets()[1]

    def _collection_widgets(self) -> tuple[ResultsView, CollectionDetailPane]:
        """The Collections scope's results view and detail pane, built on first use."""
        if self._collections_side is None:
            from horde_style_studio.ui.browse.collection_detail import CollectionDetailPane

            view = ResultsView(self.collection_model, COLLECTION_COLUMNS, name="Collections", multi=False)
            pane = CollectionDetailPane(self._thumbnails)
            self._collections_side = view, pane
            self.results.addWidget(view)
            self.details.addWidget(pane)
            view.set_mode(self.styles_view.mode)
            view.show_sort(self.presenter.query.sort)
            view.sort_requested.connect(self._sort_requested)
            view.current_changed.connect(self._collection_chosen)
            pane.open_style.connect(self.open_member)
            view.menu_offers(pane.buttons)
        return self._collections_side

    def _views(self) -> tuple[ResultsView, ...]:
        """The results views built so far."""
        side = self._collections_side
        return (self.styles_view,) if side is None else (self.styles_view, side[0])

    def _sort_requested(self, sort: object) -> None:
        self.filters.sort.setCurrentIndex(self.filters.sort.findData(sort))

    # -- scope, view mode and shared filters ---------------------------------------------------------------
    @property
    def scope(self) -> Scope:
        return Scope.STYLES if self.results.currentWidget() is self.styles_view else Scope.COLLECTIONS

    def set_scope(self, scope: Scope, *, run: bool = True) -> None:
        styles = scope is Scope.STYLES
        self.results.setCurrentWidget(self.styles_view if styles else self.collections_view)
        self.details.setCurrentWidget(self.detail if styles else self.collection_detail)
        self._show_filters()
        if run:
            self._active().run()
        self._show_count()
        self._results().scroll_to_current()

    @property
    def view_mode(self) -> ViewMode:
        return self.styles_view.mode

    def set_view_mode(self, mode: ViewMode | str) -> None:
        """Grid, list or table, for both scopes; an unknown name (from an older settings file) is the grid."""
        chosen = ViewMode(mode) if mode in tuple(ViewMode) else ViewMode.GRID
        for view in self._views():
            view.set_mode(chosen)
        self.filters.mode_action(chosen).setChecked(True)

    def _active(self) -> BrowsePresenter | CollectionBrowsePresenter:
        return self.presenter if self.scope is Scope.STYLES else self.collections

    def _results(self) -> ResultsView:
        return self.styles_view if self.scope is Scope.STYLES else self.collections_view

    def _share(self, **changes: object) -> None:
        """A shared filter changed: the scope on screen asks at once, the other when it is shown."""
        style_changes = {**changes, "tag": None, "model": None} if "kind" in changes else changes
        if self.scope is Scope.STYLES:
            self.collections.query = self.collections.query._replace(**changes)  # type: ignore[arg-type]
            self.presenter.update(**style_changes)
        else:
            self.presenter.query = replace(self.presenter.query, **style_changes)  # type: ignore[arg-type]
            self.collections.update(**changes)
        self._show_columns()

    def saved_filters(self) -> BrowseFilters:
        """The filters, sort order and scope, to start with next time."""
        q = self.presenter.query
        return BrowseFilters(scope=self.scope.value, sort=q.sort.value, kind=q.kind.value if q.kind else "",
                             tag=q.tag or "", model=q.model or "", favourites_only=q.favourites_only,
                             mine_only=q.mine_only)  # fmt: skip

    def restore_filters(self, saved: BrowseFilters) -> None:
        """Put back what :meth:`saved_filters` gave, without asking the library (the first refresh does)."""
        sort = SortOrder(saved.sort) if saved.sort in tuple(SortOrder) else self.presenter.query.sort
        kind, mine = _kind(saved.kind), saved.mine_only
        self.presenter.query = replace(self.presenter.query, kind=kind, sort=sort, mine_only=mine,
                                       tag=saved.tag or None, model=saved.model or None,
                                       favourites_only=saved.favourites_only)  # fmt: skip
        self.collections.query = self.collections.query._replace(kind=kind, sort=sort, mine_only=mine)
        self.set_scope(Scope(saved.scope), run=False)

    def _show_filters(self) -> None:
        """Put the active scope's query into the filter widgets without asking the library again."""
        self.filters.show_query(self.scope, self._active().query.text, self.presenter.query)
        self._show_columns()

    def _show_columns(self) -> None:
        """The table headers follow the sort order; with NSFW styles hidden, their column would be blank."""
        for view in self._views():
            view.show_sort(self.presenter.query.sort)
        self.styles_view.set_column_hidden("NSFW", not self.presenter.query.show_nsfw)

    def message_area(self) -> QWidget:
        """Where the window's messages float: over the bottom of the results."""
        return self.results

    def refresh(self) -> None:
        self._active().run()

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def refresh_collections(self) -> None:
        """The collections may have changed: ask again if they are on screen (switching to them asks too)."""
        if self.scope is Scope.COLLECTIONS:
            self.collections.run()

    # -- bulk edits ----------------------------------------------------------------------------------------
    def own_selection(self) -> list[BulkTarget]:
        """The selected styles that are the user's own (bulk edits change nothing else)."""
        rows = [self.model.row_at(n) for n in self.styles_view.selected_rows()]
        return self.presenter.bulk_targets([row for row in rows if row is not None])

    @property
    def bulk_panel(self) -> BulkPanel | None:
        """The bulk edits' panel (built on first use), or None when Browse has no bulk edits."""
        if self._bulk_panel is None and self.bulk is not None:
            from horde_style_studio.ui.browse.bulk_panel import BulkPanel

            self._bulk_panel = BulkPanel(self.bulk)
            self._left_column.addWidget(self._bulk_panel)
        return self._bulk_panel

    def _bulk_job_changed(self, job_id: int) -> None:
        """Before its panel exists, a new job builds and shows it (the panel follows the jobs after that)."""
        if self._bulk_panel is None and job_id > self._newest_job and (panel := self.bulk_panel) is not None:
            panel.reload(select=job_id)
            panel.show()

    def request_bulk(self, operation: BulkOperation) -> None:
        if self.bulk is not None and self.bulk.start(operation, self.own_selection()) is not None:
            panel = self.bulk_panel
            assert panel is not None  # Browse has bulk edits
            panel.show()

    def _count_selected(self) -> None:
        if self.bulk_button is not None:
            self.bulk_button.selected_count = len(self.own_selection())

    # -- styles --------------------------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = [self.model.row_at(n) for n in self.styles_view.selected_rows()]
        return [row.id for row in rows if row is not None]

    def _sort_changed(self) -> None:
        # The same styles in another order: the selected ones stay selected, even further down the list.
        self._resorting = True
        try:
            self._share(sort=SortOrder(self.filters.sort.currentData()))
        finally:
            self._resorting = False

    def _show_rows(self, rows: list[StyleRow]) -> None:
        keep = self._reveal or (self.detail.current.id if self.detail.current else None)
        selected = [*self.selected_ids(), *([keep] if keep else [])]
        self.model.set_rows(rows, page=self.presenter.query.limit or 0)
        if self.health is not None:
            self.health.check(rows)
        self._total = None
        self._show_count()
        if self._resorting:
            self._find_all(selected, pages=RESORT_PAGES)
        row = self._find(keep, fetch=keep == self._reveal) if keep is not None else -1
        self._reveal = None
        if rows:
            # Keep the selected styles when they are still there; else show the first, never an empty pane.
            with QSignalBlocker(self.styles_view):
                self.styles_view.set_current_row(max(row, 0))
                if row >= 0:
                    found = (self.model.row_of(style_id) for style_id in selected if style_id != keep)
                    self.styles_view.add_to_selection([n for n in found if n >= 0])
            if self._held is None:
                self._detail_timer.start()
            else:
                self._held = True
        else:
            self._style_chosen(-1)

    def hold_details(self) -> None:
        """New results leave the detail pane as it is until :meth:`release_details`: under a real X server
        the window's first paint waits for the server's expose, which comes after the pane's zero timer, and
        the pane's fill (the style's model, pydantic with it) would delay that paint (issue 18)."""
        self._held = bool(self._held) or self._detail_timer.isActive()
        self._detail_timer.stop()

    def release_details(self) -> None:
        """The pane shows the current style in the next turn, when results came while it was held."""
        due, self._held = self._held, None
        if due:
            self._detail_timer.start()

    def _show_total(self, total: int) -> None:
        self._total = total
        self._show_count()

    def _find(self, style_id: str, *, fetch: bool) -> int:
        """The row of ``style_id``; with ``fetch``, pages further rows in until it turns up."""
        row = self.model.row_of(style_id)
        while row < 0 and fetch and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
            row = self.model.row_of(style_id)
        return row

    def _find_all(self, style_ids: list[str], *, pages: int) -> None:
        """Page further rows in until every one of ``style_ids`` is there, at most ``pages`` pages."""
        while pages > 0 and self.model.canFetchMore(QModelIndex()) and any(
                self.model.row_of(style_id) < 0 for style_id in style_ids):  # fmt: skip
            self.model.fetchMore(QModelIndex())
            pages -= 1

    def _show_count(self) -> None:
        if self.scope is Scope.COLLECTIONS:
            n = self.collection_model.rowCount()
            text = f"{n:,} collection{'s' if n != 1 else ''}" if n else (
                "No collection matches. Refresh the library or loosen the filters.")  # fmt: skip
        elif not (n := self.model.rowCount()):
            text = "No style matches. Refresh the library or loosen the filters."
        elif self.model.canFetchMore(QModelIndex()):
            text = (f"The first {n:,} styles; more appear as you scroll." if self._total is None
                    else f"{self._total:,} styles")  # fmt: skip
        else:
            text = f"{n:,} style{'s' if n != 1 else ''}"
        self.count.setText(text)

    def _show_facets(self, facets: Facets) -> None:
        self.filters.show_facets(facets, self.presenter.query.tag, self.presenter.query.model)

    def _style_chosen(self, row_number: int) -> None:
        self._detail_timer.stop()
        if self._held:
            self._held = False
        row = self.model.row_at(row_number)
        style, note = self.presenter.style_detail(row.id) if row is not None else (None, "")
        self.detail.show_style(style, favourite=row.favourite if row is not None else False, note=note,
                               own=row is not None and row.mine)  # fmt: skip
        if row is not None:
            history, gained = self.presenter.usage(row.id)
            self.detail.show_usage(history, gained=gained, own=row.mine)

    def _detail_buttons(self) -> tuple[QAbstractButton, ...]:
        """The detail pane's buttons for the current row, the pane brought up to date first (right after new
        results it follows a turn later), so the menu never offers what belongs to another style."""
        if self._detail_timer.isActive() or self._held:
            self._style_chosen(self.styles_view.current_row())
        return self.detail.buttons()

    def _open_row(self, row_number: int) -> None:
        """Enter or a double-click: the user's own style opens in the Editor; anyone else's shows its details
        (the pane takes the keyboard, so the next keys read or act on it)."""
        row = self.model.row_at(row_number)
        if row is None:
            return
        if row.mine:
            self.edit_style.emit(row.id)
            return
        if self.detail.current is None or self.detail.current.id != row.id:
            self._style_chosen(row_number)
        self.detail.tabs.setCurrentIndex(0)
        self.detail.tabs.setFocus(Qt.FocusReason.OtherFocusReason)

    def _favourite(self, style_id: str, on: bool) -> None:
        self.presenter.set_favourite(style_id, on)
        self.model.mark(style_id, favourite=on)

    def _note(self, style_id: str, text: str) -> None:
        self.presenter.set_note(style_id, text)
        self.model.mark(style_id, has_note=bool(text.strip()))

    def ask_collection(self) -> QMenu:
        """Which collection the selected styles go to: one of the user's, or a new one (a menu under the
        button, or at the pointer when the results' own menu asked; opened without blocking)."""
        ids = self.selected_ids()
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for collection_id, name in self.presenter.own_collection_choices():
            action = menu.addAction(name)
            action.triggered.connect(partial(self.add_to_collection.emit, ids, collection_id))
        if not menu.actions():
            # §6: the server lists no one's collections by owner, so the app knows those it has seen.
            menu.addAction(NO_OWN_COLLECTIONS).setEnabled(False)
        menu.addSeparator()
        new = menu.addAction("New collection…")
        new.setToolTip("Start a new collection in the Collections tab with these styles")
        new.triggered.connect(lambda: self.add_to_collection.emit(ids, ""))
        button = self.detail.to_collection
        under = button.isVisible() and button.rect().contains(button.mapFromGlobal(QCursor.pos()))
        self.collection_menu = menu
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()) if under else QCursor.pos())
        return menu

    # -- collections ---------------------------------------------------------------------------------------
    def _show_collections(self, rows: list[CollectionRow]) -> None:
        keep = self.collection_detail.current.id if self.collection_detail.current else None
        self.collection_model.set_rows(rows)
        self._show_count()
        if rows:
            self.collections_view.set_current_row(max(self.collection_model.row_of(keep or ""), 0))
        else:
            self._collection_chosen(-1)

    def _collection_chosen(self, row_number: int) -> None:
        row = self.collection_model.row_at(row_number)
        self.collection_detail.show_collection(row, self.collections.members(row) if row else [])

    def open_member(self, style_id: str) -> None:
        """Show one member of the collection among the styles, selected; or say why it cannot be shown."""
        self._reveal = style_id  # the results it asks for select it (see _show_rows)
        found = self.presenter.reveal(style_id)
        self._reveal = None
        if found is None:
            self.collection_detail.show_missing(style_id)
            return
        shared = {name: getattr(self.presenter.query, name) for name in SHARED}
        self.collections.query = self.collections.query._replace(**shared)
        self.set_scope(Scope.STYLES, run=False)
        self.styles_view.view().setFocus()


def _kind(data: object) -> StyleKind | None:
    """A combo's data comes back from Qt as the enum's plain string."""
    return StyleKind(data) if isinstance(data, str) and data else None
