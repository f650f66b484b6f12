"""The raw JSON of the open style, editable: what is typed here reaches the form, and the form's edits show
here. Text that does not parse yet is kept (and autosaved) while the form keeps the last good version."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from horde_style_studio.ui.widgets.inline import inline_label
from horde_style_studio.workflows.editing.document import to_json

HINT = "The style as JSON, the body the server receives. Edit here or in the form: both stay in step."


class JsonView(QWidget):
    """Signals: ``edited(str)`` with the whole text, on every change the user makes."""

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        hint = QLabel(HINT, wordWrap=True)
        self.text = QPlainTextEdit()
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("Style as JSON")
        self.error = inline_label("FieldError")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(hint)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        self.text.textChanged.connect(self._typed)

    def _typed(self) -> None:
        if not self._loading:
            self.edited.emit(self.text.toPlainText())

    def show_document(self, doc: Mapping[str, Any]) -> None:
        """Show ``doc``, keeping the scroll position (the form changed it, or another style opened)."""
        self.show_text(to_json(doc))

    def show_text(self, text: str) -> None:
        if text == self.text.toPlainText():
            return
        bar = self.text.verticalScrollBar()
        position = bar.value()
        self._loading = True
        try:
            self.text.setPlainText(text)
        finally:
            self._loading = False
        bar.setValue(position)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
