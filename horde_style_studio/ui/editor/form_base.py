"""What both style forms share: the style's own fields (§2.2), problem routing, and the scrolling frame.

Signals: ``edited(path, value)`` whenever the user changes a field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.problems import Problem
from horde_style_studio.domain.validation import MAX_MODELS, MAX_TAGS
from horde_style_studio.ui.editor.chips import ChipsField, ModelsField
from horde_style_studio.ui.editor.fields import CheckField, FieldEditor, LineField, TextAreaField
from horde_style_studio.ui.editor.prompt_field import PromptField
from horde_style_studio.ui.widgets.inline import inline_label
from horde_style_studio.workflows.editing.document import get_path, messages_for, owns

COMFORTABLE_STYLE = 440  # px: the style column's width below which it goes above the params instead


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setVerticalSpacing(5)
    form.setHorizontalSpacing(8)
    return form


class StyleForm(QWidget):
    """A scrolling form of fields keyed by document path. Subclasses add the params of their kind."""

    edited = Signal(str, object)

    def __init__(self, kind: StyleKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.fields: dict[str, FieldEditor] = {}
        self.general = inline_label("FieldError")
        # Side by side when the width allows, else the style above its params (issue 16: every field within
        # reach at 1024x768, no horizontal scrolling); see _reflow.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(10)
        self.left, self.right = QVBoxLayout(), QVBoxLayout()
        # Room the window gains goes mostly to the style's column: its template is the longest text here.
        self.columns.addLayout(self.left, 3)
        self.columns.addLayout(self.right, 2)
        self.param_columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._param_blocks: tuple[QFormLayout, ...] = ()
        self._param_wide = form_layout()
        self._params: QGroupBox | None = None
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(4, 4, 4, 4)
        self._outer = outer
        outer.addLayout(self.columns)
        # Below the fields, not above them: problems no field owns come and go without moving any field.
        outer.addWidget(self.general)
        outer.addStretch(1)
        self.scroller = QScrollArea(widgetResizable=True)
        self.scroller.setAccessibleName("Style fields")
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller)
        viewport = self.scroller.viewport()
        assert viewport is not None  # a scroll area always has one
        viewport.installEventFilter(self)

    def make_room_below(self, pixels: int) -> None:
        """Room below the last field for messages floating over the form's bottom. It only grows: room
        taken away while scrolled to the end would pull every field down under the pointer."""
        margins = self._outer.contentsMargins()
        if pixels > margins.bottom():
            margins.setBottom(pixels)
            self._outer.setContentsMargins(margins)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.scroller.viewport():
            self._reflow()
        return super().eventFilter(watched, event)

    def place(self, left: Sequence[QWidget], right: Sequence[QWidget]) -> None:
        """The style's group (and anything else) on the left, the params' groups on the right."""
        for column, widgets in ((self.left, left), (self.right, right)):
            for widget in widgets:
                column.addWidget(widget)
            column.addStretch(1)

    def params_group(self) -> tuple[QGroupBox, QFormLayout, QFormLayout, QFormLayout, QVBoxLayout]:
        """"Generation parameters": two columns of short fields (one above the other when narrow) and a
        full-width form below them for fields whose values are long. Returns the group, the three forms
        and the group's own layout (for anything below them)."""
        group = QGroupBox("Generation parameters")
        box = QVBoxLayout(group)
        first, second = form_layout(), form_layout()
        self.param_columns.setSpacing(12)
        self.param_columns.addLayout(first, 1)
        self.param_columns.addLayout(second, 1)
        box.addLayout(self.param_columns)
        box.addLayout(self._param_wide)
        self._param_blocks = (first, second)
        self._params = group
        return group, first, second, self._param_wide, box

    def _reflow(self) -> None:
        """Columns side by side if they fit the visible width, else stacked: first the style above the
        params, then the params' two columns too. Decided from widths that do not depend on the choice."""
        params = self._params
        viewport = self.scroller.viewport()
        if params is None or viewport is None:
            return
        margins = params.contentsMargins()
        inner = params.layout()
        extra = margins.left() + margins.right() + 24  # the group's frame and its layout's margins
        if inner is not None:
            own = inner.contentsMargins()
            extra = margins.left() + margins.right() + own.left() + own.right() + 4
        blocks = [block.minimumSize().width() for block in self._param_blocks]
        wide = self._param_wide.minimumSize().width()
        others = [w.minimumSizeHint().width() for w in _widgets(self.right) if w is not params]
        two = max(sum(blocks) + self.param_columns.spacing() + extra, wide + extra, *others)
        left = max((w.minimumSizeHint().width() for w in _widgets(self.left)), default=0)
        room = viewport.width() - 8  # the content's margins
        # Beside the params only with room for a comfortable style column: its template and messages
        # need width more than the params need height.
        beside = room >= max(left, COMFORTABLE_STYLE) + self.columns.spacing() + two
        across = beside or room >= two
        horizontal, vertical = QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom
        outer, params_way = (horizontal if beside else vertical), (horizontal if across else vertical)
        if self.columns.direction() != outer:
            self.columns.setDirection(outer)
        if self.param_columns.direction() != params_way:
            self.param_columns.setDirection(params_way)

    # -- building ------------------------------------------------------------------------------------------
    def add_field(self, form: QFormLayout, field: FieldEditor, label: str | None = None) -> FieldEditor:
        self._register(field)
        caption = QLabel(label if label is not None else field.label_text)
        caption.setBuddy(field.focusProxy() or field)
        form.addRow(caption, field)
        return field

    def _register(self, field: FieldEditor) -> None:
        self.fields[field.path] = field
        field.edited.connect(self.edited)

    def style_group(self) -> tuple[QGroupBox, QFormLayout]:
        """The fields every style has, in the order the server checks them (§2.2)."""
        group = QGroupBox("Style")
        form = form_layout()
        group.setLayout(form)
        self.add_field(form, LineField("name", "Name", placeholder="A short name no other style uses"))
        info = TextAreaField("info", "Description", lines=3, empty_is_none=True,
                             placeholder="What the style does, 10 to 1,000 characters")  # fmt: skip
        self.add_field(form, info)
        self.add_field(form, PromptField(self.kind))
        visibility = QWidget()
        row = QHBoxLayout(visibility)
        row.setContentsMargins(0, 0, 0, 0)
        for field in (CheckField("public", "Public", "Public", tip="Listed for everyone; a private style is "
                                 "still readable by anyone who knows its id"),
                      CheckField("nsfw", "NSFW", "NSFW", tip="Marks the style not safe for work: hidden "
                                 "wherever NSFW styles are")):  # fmt: skip
            self._register(field)
            row.addWidget(field)
        row.addStretch(1)
        form.addRow(QLabel("Visibility"), visibility)
        tags = ChipsField("tags", "Tags", limit=MAX_TAGS, placeholder="Add a tag…",
                          tip="Up to 10 tags; Enter or a comma adds one")  # fmt: skip
        self.add_field(form, tags)
        self.add_field(form, ModelsField("models", "Models", limit=MAX_MODELS, placeholder="Add a model…",
                                         tip="1 to 5 models: a served one, or any name"))  # fmt: skip
        return group, form

    # -- showing -------------------------------------------------------------------------------------------
    def field(self, path: str) -> FieldEditor:
        return self.fields[path]

    def set_document(self, doc: Mapping[str, Any]) -> None:
        for path, field in self.fields.items():
            field.set_value(get_path(doc, path))

    def show_problems(self, problems: Sequence[Problem]) -> list[Problem]:
        """Each field shows its own problems; returns those no field owns (unknown keys, say)."""
        for path, field in self.fields.items():
            field.show_problems(messages_for(path, problems))
        unowned = [p for p in problems if not any(owns(path, p) for path in self.fields)]
        self.general.setText("\n".join(p.message for p in unowned))
        self.general.setVisible(bool(unowned))
        return unowned

    def set_served_models(self, names: Sequence[str] | None) -> None:
        models = self.fields["models"]
        if isinstance(models, ModelsField):
            models.set_served(names)

    def set_creating(self, creating: bool) -> None:
        """Subclasses disable what only a create may carry."""


def _widgets(layout: QBoxLayout | QVBoxLayout) -> list[QWidget]:
    items = (layout.itemAt(n) for n in range(layout.count()))
    return [w for item in items if item is not None and (w := item.widget()) is not None]
