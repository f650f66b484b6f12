"""The merged prompt: what the server sends to workers for a sample prompt under this template (§5)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.prompt import (
    NEGATIVE_SEPARATOR,
    TemplateError,
    merge_image_prompt,
    merge_text_prompt,
)

# A text style has no negative prompt, so its sample has no "###" part and its label does not mention one.
SAMPLES = {StyleKind.IMAGE: "a lighthouse on a cliff at dusk###blurry, low quality",
           StyleKind.TEXT: "Write a short story about a lighthouse on a cliff at dusk."}  # fmt: skip
SAMPLE_LABELS = {StyleKind.IMAGE: "Sample prompt (### starts the negative)", StyleKind.TEXT: "Sample prompt"}
SERVER_DEFAULT_TEMPLATE = "{p}{np}"  # what the server stores when a style has no prompt (§2.2)


def merged(kind: StyleKind, template: Any, sample: str) -> tuple[str, str | None]:
    """(prompt, negative prompt) the server would build, or (why it cannot, None)."""
    if not isinstance(template, str):
        template = SERVER_DEFAULT_TEMPLATE
    try:
        if kind is StyleKind.TEXT:
            return merge_text_prompt(template, sample), None
        positive, _, negative = merge_image_prompt(template, sample).partition(NEGATIVE_SEPARATOR)
    except TemplateError as err:
        return f"Using this template would fail on the server: {err}", None
    return positive, negative


class PreviewPanel(QWidget):
    """A sample prompt (``###`` splits off a negative prompt) and the merged result, kept up to date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = StyleKind.IMAGE
        self._template: Any = None
        self.sample = QLineEdit(SAMPLES[self._kind])
        self.sample_label = QLabel(SAMPLE_LABELS[self._kind])
        self.sample_label.setBuddy(self.sample)
        self.sample.setAccessibleName("Sample prompt")
        self.prompt = QPlainTextEdit(readOnly=True)
        self.prompt.setAccessibleName("Merged prompt")
        self.negative = QPlainTextEdit(readOnly=True)
        self.negative.setAccessibleName("Merged negative prompt")
        self.negative_label = QLabel("Negative prompt")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.sample_label, self.sample)
        form.addRow("Prompt the workers get", self.prompt)
        form.addRow(self.negative_label, self.negative)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addStretch(1)
        self.sample.textChanged.connect(self._refresh)

    def show_document(self, kind: StyleKind, doc: Mapping[str, Any]) -> None:
        if kind is not self._kind:
            if self.sample.text() == SAMPLES[self._kind]:  # the user's own sample stays
                self.sample.setText(SAMPLES[kind])
            self.sample_label.setText(SAMPLE_LABELS[kind])
        self._kind, self._template = kind, doc.get("prompt")
        self._refresh()

    def _refresh(self) -> None:
        positive, negative = merged(self._kind, self._template, self.sample.text())
        self.prompt.setPlainText(positive)
        self.negative.setPlainText(negative or "")
        for widget in (self.negative, self.negative_label):
            widget.setVisible(self._kind is StyleKind.IMAGE)
