"""``BrowsePage``: filters over a grid (or list) of style cards, and the selected style's detail pane."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.base import StyleKind
from horde_style_studio.library import Facets, SortOrder, StyleRow
from horde_style_studio.ui.browse.delegate import CARD, CardDelegate
from horde_style_studio.ui.browse.detail import DetailPane
from horde_style_studio.ui.browse.model import StyleCardModel
from horde_style_studio.ui.browse.presenter import BrowsePresenter
from horde_style_studio.ui.collections.thumbnails import ThumbnailCache

ANY = "Any"
SORTS = (("Most used", SortOrder.POPULAR), ("Newest", SortOrder.NEWEST), ("Oldest", SortOrder.OLDEST),
         ("Name", SortOrder.NAME))  # fmt: skip


class BrowsePage(QWidget):
    """Signals: ``add_to_collection(list)`` of style ids and ``open_examples(str)`` and
    ``fork_into_editor(str)`` of one style id, for the other tabs."""

    add_to_collection = Signal(list)
    open_examples = Signal(str)
    fork_into_editor = Signal(str)

    def __init__(
        self, presenter: BrowsePresenter, thumbnails: ThumbnailCache | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.model = StyleCardModel(presenter.more, self)
        self._build(thumbnails)
        self._wire(thumbnails)

    def _build(self, thumbnails: ThumbnailCache | None) -> None:
        self.search = QLineEdit(placeholderText="Search name, description, prompt, tags, models, creator…")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem("Image and text", None)
        self.kind.addItem("Image styles", StyleKind.IMAGE)
        self.kind.addItem("Text styles", StyleKind.TEXT)
        self.tag, self.model_filter = QComboBox(), QComboBox()
        for combo, label in ((self.tag, "Tag"), (self.model_filter, "Model")):
            combo.setAccessibleName(label)
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sort = QComboBox()
        for label, order in SORTS:
            self.sort.addItem(label, order)
        self.nsfw = QCheckBox("NSFW")
        self.nsfw.setChecked(self.presenter.query.show_nsfw)
        self.favourites = QCheckBox("Favourites")
        self.mine = QCheckBox("Mine")
        self.layout_toggle = QToolButton()
        self.layout_toggle.setCheckable(True)
        self.layout_toggle.setToolTip("Switch between a grid of cards and a list")
        self.count = QLabel()
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(thumbnails, self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setUniformItemSizes(True)
        self._grid(True)
        self.detail = DetailPane(thumbnails)
        filters = QHBoxLayout()
        for widget in (self.search, self.kind, QLabel("Tag"), self.tag, QLabel("Model"), self.model_filter,
                       self.sort, self.nsfw, self.favourites, self.mine, self.layout_toggle):
            filters.addWidget(widget)
        filters.setStretch(0, 1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addWidget(self.count)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([3 * CARD.width() + 40, 2 * CARD.width()])  # three columns of cards at 1280 px
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)

    def _wire(self, thumbnails: ThumbnailCache | None) -> None:
        p = self.presenter
        self.search.textChanged.connect(p.set_text)
        self.kind.currentIndexChanged.connect(
            lambda: p.update(kind=self.kind.currentData(), tag=None, model=None)
        )
        self.tag.activated.connect(lambda: p.update(tag=self.tag.currentData()))
        self.model_filter.activated.connect(lambda: p.update(model=self.model_filter.currentData()))
        self.sort.currentIndexChanged.connect(lambda: p.set_sort(self.sort.currentData()))
        self.nsfw.toggled.connect(lambda on: p.update(show_nsfw=on))
        self.favourites.toggled.connect(lambda on: p.update(favourites_only=on))
        self.mine.toggled.connect(lambda on: p.update(mine_only=on))
        self.layout_toggle.toggled.connect(lambda on: self._grid(not on))
        p.results.connect(self._show_rows)
        p.facets.connect(self._show_facets)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail.favourite_toggled.connect(self._favourite)
        self.detail.note_edited.connect(self.presenter.library.set_note)
        self.detail.add_to_collection.connect(lambda _id: self.add_to_collection.emit(self.selected_ids()))
        self.detail.open_examples.connect(self.open_examples)
        self.detail.fork_into_editor.connect(self.fork_into_editor)
        if thumbnails is not None:
            thumbnails.ready.connect(self.view.viewport().update)

    def _grid(self, grid: bool) -> None:
        self.view.setViewMode(QListView.ViewMode.IconMode if grid else QListView.ViewMode.ListMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setGridSize(CARD if grid else QSize())
        self.view.setSpacing(0 if grid else 2)
        self.layout_toggle.setText("Grid" if not grid else "List")

    def refresh(self) -> None:
        self.presenter.run()

    def selected_ids(self) -> list[str]:
        rows = [self.model.row_at(i.row()) for i in self.view.selectionModel().selectedIndexes()]
        return [row.id for row in rows if row is not None]

    def _show_rows(self, rows: list[StyleRow]) -> None:
        keep = self.detail.current.id if self.detail.current else None
        self.model.set_rows(rows, page=self.presenter.query.limit or 0)
        self.count.setText(self._count_text(rows))
        row = self.model.row_of(keep) if keep is not None else -1
        if rows:
            # Keep the selected style when it is still there; otherwise show the first, never an empty pane.
            self.view.setCurrentIndex(self.model.index(max(row, 0), 0))

    def _count_text(self, rows: list[StyleRow]) -> str:
        if not rows:
            return "No style matches. Refresh the library or loosen the filters."
        if self.model.canFetchMore(QModelIndex()):
            return f"The first {len(rows):,} styles; more appear as you scroll."
        return f"{len(rows):,} style{'s' if len(rows) != 1 else ''}"

    def _show_facets(self, facets: Facets) -> None:
        for combo, counts, current in ((self.tag, facets.tags, self.presenter.query.tag),
                                       (self.model_filter, facets.models, self.presenter.query.model)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(ANY, None)
            for facet in counts:
                combo.addItem(f"{facet.value} ({facet.count})", facet.value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.model.row_at(self.view.currentIndex().row())
        library = self.presenter.library
        style = library.get_style(row.id) if row is not None else None
        note = library.note(row.id) if row is not None else ""
        self.detail.show_style(style, favourite=row.favourite if row is not None else False, note=note)

    def _favourite(self, style_id: str, on: bool) -> None:
        self.presenter.library.set_favourite(style_id, on)
        if self.presenter.query.favourites_only:
            self.presenter.run()
