"""``FilterBar``: the Browse tab's toolbar: what to browse (styles or collections), the search and filters,
and how to show the results (grid, list or table)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import Facets, SortOrder, StyleQuery
from horde_style_studio.ui.browse.results import ViewMode

ANY = ("Any tag", "Any model")
SORTS = (
    ("Best match", SortOrder.BEST_MATCH), ("Most used", SortOrder.POPULAR),
    ("Rising (7 days)", SortOrder.RISING), ("Least used", SortOrder.LEAST_USED),
    ("Newest", SortOrder.NEWEST), ("Oldest", SortOrder.OLDEST),
    ("Name A-Z", SortOrder.NAME), ("Name Z-A", SortOrder.NAME_DESC),
)  # fmt: skip
# Ctrl+1…4 already pick the window's tabs (View menu), so the view modes take Alt.
MODES = (
    (ViewMode.GRID, "Grid", "Cards in a grid", "Alt+1"), (ViewMode.LIST, "List", "One row per item", "Alt+2"),
    (ViewMode.TABLE, "Table", "A table of fields; click a header to sort", "Alt+3"),
)  # fmt: skip
SEARCH_TIPS = {
    "styles": "Search name, description, prompt, tags, models, creator…",
    "collections": "Search collection names, descriptions and their styles' names…",
}
SEARCH_TIP = (
    "Type words to find as you type; a style's id, or alias::name (as creator::name), finds that one style "
    "(Ctrl+F comes here)"
)
FACET_TIPS = {"Tag": "Only styles with this tag", "Model": "Only styles for this model"}
FAVOURITES_TIP = "Only the styles you starred"
STYLES_ONLY = "Styles only: collections have no tags, models or favourites of their own."


class Scope(StrEnum):
    STYLES = "styles"
    COLLECTIONS = "collections"


class FilterBar(QWidget):
    """Owns the widgets; the page connects them. ``scope_buttons`` and ``mode_actions`` are exclusive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope_buttons = QButtonGroup(self)
        for scope, label, tip in ((Scope.STYLES, "Styles", "Browse styles"),
                                  (Scope.COLLECTIONS, "Collections", "Browse public collections and yours")):
            button = QToolButton()
            button.setText(label)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setChecked(scope is Scope.STYLES)
            button.setProperty("scope", scope.value)
            self.scope_buttons.addButton(button)
        self.search = QLineEdit(placeholderText=SEARCH_TIPS["styles"])
        self.search.setAccessibleName("Search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.setToolTip(SEARCH_TIP)
        self.kind = QComboBox()
        for label, kind in (("Image and text", None), ("Image", StyleKind.IMAGE), ("Text", StyleKind.TEXT)):
            self.kind.addItem(label, kind)
        self.kind.setAccessibleName("Kind")
        self.kind.setToolTip("Image styles, text styles, or both")
        self.tag, self.model_filter = QComboBox(), QComboBox()
        for combo, label in ((self.tag, "Tag"), (self.model_filter, "Model")):
            combo.setAccessibleName(label)
            combo.setToolTip(FACET_TIPS[label])
            combo.setMinimumContentsLength(11)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sort = QComboBox()
        self.sort.setAccessibleName("Sort")
        self.sort.setToolTip("The order of the results (a table's headers sort too)")
        for label, order in SORTS:
            self.sort.addItem(label, order)
        self.nsfw = QCheckBox("NSFW")
        self.nsfw.setToolTip("Show NSFW styles, and collections that hold one")
        self.favourites = QCheckBox("Favourites")
        self.favourites.setToolTip(FAVOURITES_TIP)
        self.mine = QCheckBox("Mine")
        self.mine.setToolTip("Only your own styles or collections")
        self.mode_actions = QActionGroup(self)
        self._build_modes()
        self._lay_out()

    def _build_modes(self) -> None:
        self.mode_buttons: list[QToolButton] = []
        for mode, label, tip, key in MODES:
            action = QAction(label, self, checkable=True, checked=mode is ViewMode.GRID)
            action.setData(mode.value)
            action.setShortcut(QKeySequence(key))
            action.setToolTip(f"{tip} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
            self.mode_actions.addAction(action)
            self.addAction(action)  # the shortcut works wherever focus is on the tab
            button = QToolButton()
            button.setDefaultAction(action)
            self.mode_buttons.append(button)

    def _lay_out(self) -> None:
        # Two rows: in one, the search box was squeezed to a few words at 1280 px.
        top, bottom = QHBoxLayout(), QHBoxLayout()
        top.addLayout(_joined(self.scope_buttons.buttons()))
        top.addWidget(self.search, 1)
        top.addLayout(_joined(self.mode_buttons))
        filters = (self.kind, self.tag, self.model_filter, self.sort, self.nsfw, self.favourites, self.mine)
        for widget in filters:
            bottom.addWidget(widget)
        bottom.addStretch(1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        for row in (top, bottom):
            row.setSpacing(6)
            rows.addLayout(row)

    @property
    def scope(self) -> Scope:
        checked = self.scope_buttons.checkedButton()
        return Scope(checked.property("scope")) if checked is not None else Scope.STYLES

    def scope_button(self, scope: Scope) -> QToolButton:
        button = next(b for b in self.scope_buttons.buttons() if b.property("scope") == scope.value)
        assert isinstance(button, QToolButton)  # only tool buttons are added
        return button

    def show_scope(self, scope: Scope) -> None:
        """Enable the filters that apply to ``scope`` (styles-only ones stay visible, greyed, saying why)."""
        styles = scope is Scope.STYLES
        self.scope_button(scope).setChecked(True)
        self.search.setPlaceholderText(SEARCH_TIPS[scope.value])
        tips = (FACET_TIPS["Tag"], FACET_TIPS["Model"], FAVOURITES_TIP)
        for widget, tip in zip((self.tag, self.model_filter, self.favourites), tips, strict=True):
            widget.setEnabled(styles)
            widget.setToolTip(tip if styles else STYLES_ONLY)

    def show_query(self, scope: Scope, text: str, query: StyleQuery) -> None:
        """Show ``scope``'s search ``text`` and the filters of ``query`` (the styles' query holds the
        shared ones too), emitting nothing."""
        self.show_scope(scope)
        widgets = (self.search, self.kind, self.sort, self.nsfw, self.mine, self.favourites, self.tag,
                   self.model_filter)  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        self.search.setText(text)
        facets = ((self.tag, query.tag), (self.model_filter, query.model))
        for (combo, facet), anything in zip(facets, ANY, strict=True):
            if combo.count() == 0:
                # Before the first counts (they come after the first paint): what the filter is, uncounted.
                combo.addItem(anything, None)
                if facet is not None:
                    combo.addItem(facet, facet)
        for combo, value in ((self.kind, query.kind), (self.sort, query.sort), (self.tag, query.tag),
                             (self.model_filter, query.model)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.nsfw.setChecked(query.show_nsfw)
        self.mine.setChecked(query.mine_only)
        self.favourites.setChecked(query.favourites_only)
        for widget in widgets:
            widget.blockSignals(False)

    def mode_action(self, mode: ViewMode) -> QAction:
        return next(a for a in self.mode_actions.actions() if a.data() == mode.value)

    def show_facets(self, facets: Facets, tag: str | None, model: str | None) -> None:
        pairs = ((self.tag, facets.tags, tag), (self.model_filter, facets.models, model))
        for (combo, counts, current), anything in zip(pairs, ANY, strict=True):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anything, None)
            for facet in counts:
                combo.addItem(f"{facet.value} ({facet.count})", facet.value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)


def _joined(buttons: Sequence[QAbstractButton]) -> QHBoxLayout:
    """Buttons side by side with no gap, read as one segmented control."""
    row = QHBoxLayout()
    row.setSpacing(0)
    for button in buttons:
        row.addWidget(button)
    return row
