"""The detail pane: every field of the selected style, its template highlighted, params as a table, the
raw JSON, and a box that shows the merged prompt exactly as the server builds it (§5)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.browse.examples_strip import ExamplesStrip
from horde_style_studio.ui.browse.highlight import PlaceholderHighlighter
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.ui.widgets.flow import FlowLayout
from horde_style_studio.ui.widgets.focus_order import take_place_after
from horde_style_studio.ui.widgets.lazy_page import LazyPage
from horde_style_studio.ui.widgets.one_line import pane_heading
from horde_style_studio.ui.widgets.plain_text import plain_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableWidget

    from horde_style_studio.domain.styles import AnyStyle
    from horde_style_studio.library.usage import UsePoint
    from horde_style_studio.ui.browse.usage_chart import UsageChart


def _fill_params(table: QTableWidget, style: AnyStyle) -> None:
    from PySide6.QtWidgets import QTableWidgetItem  # here: the Params tab is built after the first paint

    params = style.params.model_dump(mode="json", exclude_none=True)
    table.setRowCount(len(params))
    for row, (key, value) in enumerate(sorted(params.items())):
        table.setItem(row, 0, QTableWidgetItem(key))
        text = value if isinstance(value, str) else json.dumps(value)
        table.setItem(row, 1, QTableWidgetItem(text))


def merged_prompt(style: AnyStyle, user_prompt: str) -> str:
    # Imported for the first style shown: the first paint's pane is empty (issue 18).
    from horde_style_studio.domain.prompt import TemplateError, merge_image_prompt, merge_text_prompt

    try:
        if style.kind is StyleKind.IMAGE:
            return merge_image_prompt(style.prompt, user_prompt)
        return merge_text_prompt(style.prompt, user_prompt)
    except TemplateError as err:
        return f"The server could not use this template: {err}"


# Only image styles have a negative prompt (REFERENCE §5).
PROMPT_HINTS = {StyleKind.IMAGE: "Type a prompt (### splits off a negative prompt)",
                StyleKind.TEXT: "Type a prompt"}  # fmt: skip
# A button property: False keeps it out of the results' right-click menu (Edit and Delete on others' styles).
OFFERED = "offered"
# A button property: the menu puts a separator before it.
GROUP_START = "group_start"


class DetailPane(QWidget):
    """Shows one style. Signals carry the style id: ``favourite_toggled(str, bool)``,
    ``add_to_collection(str)``, ``open_examples(str)``, ``fork_into_editor(str)``."""

    favourite_toggled = Signal(str, bool)
    note_edited = Signal(str, str)
    add_to_collection = Signal(str)
    open_examples = Signal(str)
    fork_into_editor = Signal(str)
    edit_style = Signal(str)
    delete_style = Signal(str)
    try_style = Signal(str)
    save_json = Signal(str)
    export_selection = Signal(str)

    def __init__(self, thumbnails: ThumbnailCache | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: AnyStyle | None = None
        self.strip = ExamplesStrip(thumbnails)
        # Every label here shows a stranger's text (§2.2 stores it as given): plain text, never HTML. A long
        # name, many models or a long description must not push the buttons and rows below them down while
        # the user reaches for one (issue 16).
        self.title, self.meta, self.info = pane_heading("Detail", meta_lines=3)
        self.template = QPlainTextEdit(readOnly=True)
        self.template.setMaximumHeight(90)
        self.template.setAccessibleName("Prompt template")
        self.highlighter = PlaceholderHighlighter(self.template.document())
        self.try_prompt = QLineEdit(placeholderText=PROMPT_HINTS[StyleKind.IMAGE])
        self.try_prompt.setToolTip("See below what the server would send for this prompt with this style")
        self.merged = plain_label()
        self.raw = QPlainTextEdit(readOnly=True)
        # The Uses, Params and Note tabs are built the first time they are shown (issue 18: not before the
        # first paint); until then the shown style's uses and note wait here. (The JSON tab's buttons are
        # offered in the results' right-click menu, so that tab is built with the pane.)
        self._params: QTableWidget | None = None
        self._note: QPlainTextEdit | None = None
        self._note_text = ""
        # Saved a moment after typing stops, and at once when another style is shown.
        self._note_timer = QTimer(self, singleShot=True, interval=400)
        self._note_timer.timeout.connect(self._save_note)
        self.favourite = QPushButton("☆ Favourite")
        self.favourite.setCheckable(True)
        self.favourite.setToolTip("Star this style; the Favourites filter then finds it")
        self.copy_id = QPushButton("Copy id")
        self.copy_id.setProperty(GROUP_START, True)
        self.copy_id.setToolTip("Copy the style's id to the clipboard")
        self.copy_name = QPushButton("Copy name")
        self.copy_name.setToolTip("Copy the style's name to the clipboard")
        self.edit = QPushButton("Edit")
        self.edit.setToolTip("Open your style in the Editor (Enter or double-click in the results)")
        self.delete = QPushButton("Delete…")
        self.delete.setProperty(GROUP_START, True)
        self.delete.setToolTip("Delete your style from the server, after asking in the Editor")
        self.copy_json = QPushButton("Copy JSON")
        self.copy_json.setToolTip("Copy the style as the server serves it, as JSON")
        self.save_json_button = QPushButton("Save JSON…")
        self.save_json_button.setToolTip("This style as a JSON file that horde-styles create and update take")
        self.export_button = QPushButton("Export selected…")
        self.export_button.setToolTip("The selected styles, their examples and collections as a JSON bundle")
        self.to_collection = QPushButton("Add to collection…")
        self.to_collection.setToolTip("Add the selected styles to one of your collections (you pick which)")
        self.examples = QPushButton("Examples…")
        self.examples.setToolTip("Manage this style's example images in the Examples tab")
        self.fork = QPushButton("Fork into editor")
        self.fork.setToolTip("Copy this style into a new draft in the Editor, crediting its creator")
        self.try_on_horde = QPushButton("Try…")
        self.try_on_horde.setToolTip("Generate with this style on the Horde (select 2-6 styles to compare)")
        self._usage: UsageChart | None = None
        self._usage_shown: tuple[list[UsePoint], int, bool] = ([], 0, False)
        self._layout()
        self.try_prompt.textChanged.connect(self._show_merged)
        self.copy_id.clicked.connect(lambda: self._copy(self.current.id if self.current else ""))
        self.copy_name.clicked.connect(lambda: self._copy(self.current.name if self.current else ""))
        self.copy_json.clicked.connect(lambda: self._copy(self.raw.toPlainText()))
        self.edit.clicked.connect(lambda: self._emit_id(self.edit_style))
        self.delete.clicked.connect(lambda: self._emit_id(self.delete_style))
        self.favourite.toggled.connect(self._favourite)
        self.to_collection.clicked.connect(lambda: self._emit_id(self.add_to_collection))
        self.examples.clicked.connect(lambda: self._emit_id(self.open_examples))
        self.fork.clicked.connect(lambda: self._emit_id(self.fork_into_editor))
        self.try_on_horde.clicked.connect(lambda: self._emit_id(self.try_style))
        self.save_json_button.clicked.connect(lambda: self._emit_id(self.save_json))
        self.export_button.clicked.connect(lambda: self._emit_id(self.export_selection))
        self.show_style(None)

    def _layout(self) -> None:
        details = QWidget()
        column = QVBoxLayout(details)
        form = QFormLayout()
        form.addRow(self.info)
        form.addRow("Examples", self.strip)
        self._form = form
        form.addRow("Template", self.template)
        form.addRow("Try it", self.try_prompt)
        form.addRow("Server sends", self.merged)
        column.addLayout(form)
        column.addStretch(1)  # rows keep their natural height; spare room goes below them
        tabs = QTabWidget(documentMode=True)
        tabs.setAccessibleName("Style details")
        tabs.addTab(details, "Details")
        later = ("Uses", "Params", "Note")
        self._holders = {name: LazyPage(partial(self._built_tab, name)) for name in later}
        # A tab of its own: the details column has no room left for a chart at 1280x800.
        tabs.addTab(self._holders["Uses"], "Uses")
        tabs.addTab(self._holders["Params"], "Params")
        json_tab = QWidget()
        json_column = QVBoxLayout(json_tab)
        json_column.setContentsMargins(0, 4, 0, 0)
        json_column.addWidget(self.raw, 1)
        json_buttons = QHBoxLayout()
        for button in (self.copy_json, self.save_json_button):
            json_buttons.addWidget(button)
        json_buttons.addStretch(1)
        json_column.addLayout(json_buttons)
        tabs.addTab(json_tab, "JSON")
        self.tabs = tabs
        tabs.addTab(self._holders["Note"], "Note")
        # Wrapped onto as many rows as the pane's width needs: the pane may be narrow enough to leave the
        # results three columns of cards, and no button is ever cut. Edit takes Fork's place on the user's
        # own styles, so every style shows as many buttons (rows never come and go, issue 16); Delete is in
        # the right-click menu only.
        self.edit_or_fork = QStackedWidget()
        for button in (self.fork, self.edit):
            self.edit_or_fork.addWidget(button)
        self.edit_or_fork.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.delete.hide()
        buttons = QWidget()
        flow = FlowLayout(buttons)
        shown = (self.favourite, self.edit_or_fork, self.to_collection, self.examples, self.try_on_horde,
                 self.copy_id, self.copy_name, self.export_button)  # fmt: skip
        for widget in shown:
            flow.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(buttons)
        layout.addWidget(tabs, 1)

    @property
    def usage(self) -> UsageChart:
        self._holders["Uses"].page()
        assert self._usage is not None  # built by its tab's page
        return self._usage

    @property
    def params(self) -> QTableWidget:
        self._holders["Params"].page()
        assert self._params is not None  # built by its tab's page
        return self._params

    @property
    def note(self) -> QPlainTextEdit:
        self._holders["Note"].page()
        assert self._note is not None  # built by its tab's page
        return self._note

    def _built_tab(self, name: str) -> QWidget:
        """A tab's page, built inside its holder and given the Tab order it had when built with the pane; it
        shows what the pane shows now."""
        holder = self._holders[name]
        page: QWidget
        if name == "Uses":
            # Imported here: its module and the use counts' rules wait for the first look at the chart.
            from horde_style_studio.ui.browse.usage_chart import UsageChart

            points, gained, own = self._usage_shown
            page = self._usage = UsageChart(holder)
            page.show_usage(points, gained=gained, own=own)
        elif name == "Params":
            from PySide6.QtWidgets import QTableWidget  # here: the first paint shows no table (issue 18)

            page = self._params = QTableWidget(0, 2, holder)
            page.setHorizontalHeaderLabels(["Parameter", "Value"])
            page.horizontalHeader().setStretchLastSection(True)
            page.verticalHeader().hide()
            if self.current is not None:
                _fill_params(page, self.current)
        else:
            page = self._note = QPlainTextEdit(holder)
            page.setPlaceholderText("Your own notes on this style, kept on this computer only")
            page.setAccessibleName("Personal note")
            page.setPlainText(self._note_text)
            page.setEnabled(self.current is not None)
            page.textChanged.connect(self._note_timer.start)
        take_place_after(holder, page)
        return page

    def buttons(self) -> tuple[QPushButton, ...]:
        """What can be done with the style, in the order shown (the results' context menu offers them too)."""
        return (self.edit, self.fork, self.favourite, self.to_collection, self.examples, self.try_on_horde,
                self.copy_id, self.copy_name, self.copy_json, self.save_json_button, self.export_button,
                self.delete)  # fmt: skip

    def show_style(
        self, style: AnyStyle | None, *, favourite: bool = False, note: str = "", own: bool = False
    ) -> None:
        """``own``: the signed-in user's style, which Edit and Delete then offer."""
        if self._note_timer.isActive():
            self._save_note()
        self.current = style
        self._note_text = note
        if self._note is not None:
            self._note.blockSignals(True)
            self._note.setPlainText(note)
            self._note.blockSignals(False)
            self._note.setEnabled(style is not None)
        for widget in (*self.buttons(), self.try_prompt):
            widget.setEnabled(style is not None)
        # Text styles have no example images.
        self.examples.setEnabled(style is not None and style.kind is StyleKind.IMAGE)
        for button in (self.edit, self.delete):
            button.setProperty(OFFERED, own and style is not None)
        self.edit_or_fork.setCurrentWidget(self.edit if own and style is not None else self.fork)
        if style is None:
            self.title.setText("No style selected")
            for label in (self.meta, self.info, self.merged):
                label.clear()
            self.template.clear()
            self.raw.clear()
            if self._params is not None:
                self._params.setRowCount(0)
            self.strip.show_examples([])
            self.show_usage([])
            return
        # A style in hand means the models are loaded; the empty pane before the first paint needs none.
        from horde_style_studio.domain.styles import ImageStyle

        self.title.setText(style.name)
        flags = ["public" if style.public else "private"] + (["NSFW"] if style.nsfw else [])
        self.meta.setText(
            f"{style.kind.value} style by {style.creator or 'unknown'} · {style.use_count:,} uses · "
            f"{', '.join(flags)}\nModels: {', '.join(style.models) or '—'}\n"
            f"Tags: {', '.join(style.tags) or '—'}"
        )
        self.info.setText(style.info or "(no description)")
        self.highlighter.set_kind(style.kind)
        self.try_prompt.setPlaceholderText(PROMPT_HINTS[style.kind])
        self.template.setPlainText(style.prompt)
        self.strip.show_examples(style.examples if isinstance(style, ImageStyle) else [])
        self._form.setRowVisible(self.strip, isinstance(style, ImageStyle))  # text styles have no examples
        if self._params is not None:
            _fill_params(self._params, style)
        self.raw.setPlainText(json.dumps(style.model_dump(mode="json", exclude_none=True), indent=2))
        self.favourite.blockSignals(True)
        self.favourite.setChecked(favourite)
        self.favourite.setText("★ Favourite" if favourite else "☆ Favourite")
        self.favourite.blockSignals(False)
        self._show_merged()

    def show_usage(self, points: Sequence[UsePoint], *, gained: int = 0, own: bool = False) -> None:
        """The shown style's use counts over time (from the library's syncs)."""
        self._usage_shown = (list(points), gained, own)
        if self._usage is not None:
            self._usage.show_usage(points, gained=gained, own=own)

    def _show_merged(self) -> None:
        if self.current is not None:
            self.merged.setText(merged_prompt(self.current, self.try_prompt.text()))

    def _favourite(self, checked: bool) -> None:
        self.favourite.setText("★ Favourite" if checked else "☆ Favourite")
        if self.current is not None:
            self.favourite_toggled.emit(self.current.id, checked)

    def _save_note(self) -> None:
        self._note_timer.stop()
        if self.current is not None and self._note is not None:
            self.note_edited.emit(self.current.id, self._note.toPlainText())

    def _emit_id(self, signal: SignalInstance) -> None:
        if self.current is not None:
            signal.emit(self.current.id)

    def _copy(self, text: str) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)
