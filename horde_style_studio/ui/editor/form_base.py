"""What both style forms share: the style's own fields (§2.2), problem routing, and the scrolling frame.

Signals: ``edited(path, value)`` whenever the user changes a field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.base import StyleKind
from horde_style_studio.domain.problems import Problem
from horde_style_studio.domain.validation import MAX_MODELS, MAX_TAGS
from horde_style_studio.ui.editor.chips import ChipsField, ModelsField
from horde_style_studio.ui.editor.fields import CheckField, FieldEditor, LineField, TextAreaField
from horde_style_studio.ui.editor.prompt_field import PromptField
from horde_style_studio.ui.widgets.inline import inline_label
from horde_style_studio.workflows.editing.document import get_path, messages_for, owns


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
        self.columns = QHBoxLayout()
        self.columns.setSpacing(10)
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.general)
        outer.addLayout(self.columns)
        outer.addStretch(1)
        self.scroller = QScrollArea(widgetResizable=True)
        self.scroller.setAccessibleName("Style fields")
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller)

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
