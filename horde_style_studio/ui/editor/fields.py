"""The editor's field widgets: each edits one value of the style document and shows its own problems.

A field emits ``edited(path, value)`` only for the user's changes; ``set_value`` (the document changed
elsewhere, e.g. in the JSON view) never echoes back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from horde_style_studio.domain import json_text
from horde_style_studio.ui.widgets.one_line import MessageSlot, OneLineLabel

DEFAULT = "Default"  # not set: the server, or the worker, decides


class FieldEditor(QWidget):
    """One labelled value at ``path``. Shows its problems (red) and notes (amber) under the input."""

    edited = Signal(str, object)

    def __init__(self, path: str, label: str, tip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.label_text = label
        self._loading = False
        # Reserved room: a problem or note appearing under this field moves nothing below it (issue 16).
        self.error = OneLineLabel("FieldError")
        self.note = OneLineLabel("FieldNote")
        self.messages = MessageSlot(self.error, self.note, padding=2)  # the editor's slim field messages
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(2)
        self.setToolTip(tip)

    def _set_input(self, widget: QWidget) -> None:
        widget.setAccessibleName(self.label_text)
        self.setFocusProxy(widget)
        self._column.addWidget(widget)
        self._column.addWidget(self.messages)

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _emit(self, value: Any) -> None:
        if not self._loading:
            self.edited.emit(self.path, value)

    def show_problems(self, messages: Sequence[str]) -> None:
        self.error.setText("\n".join(messages))
        self.messages.show_messages()

    def problems_text(self) -> str:
        return "" if self.error.isHidden() else self.error.text()

    def show_note(self, text: str | None) -> None:
        self.note.setText(text or "")
        self.messages.show_messages()


class LineField(FieldEditor):
    """One line of text; with ``empty_is_none`` an empty line means "not set"."""

    def __init__(self, path: str, label: str, *, placeholder: str = "", empty_is_none: bool = False,
                 tip: str = "") -> None:  # fmt: skip
        super().__init__(path, label, tip)
        self._empty_is_none = empty_is_none
        self.input = QLineEdit(placeholderText=placeholder)
        self.input.textEdited.connect(self._typed)
        self._set_input(self.input)

    def _typed(self, text: str) -> None:
        self._emit(None if self._empty_is_none and not text else text)

    def _show(self, value: Any) -> None:
        text = "" if value is None else value if isinstance(value, str) else json.dumps(value)
        if text != self.input.text():
            self.input.setText(text)


class TextAreaField(FieldEditor):
    """Several lines of text (a description, a template)."""

    def __init__(self, path: str, label: str, *, lines: int = 3, placeholder: str = "",
                 empty_is_none: bool = False, tip: str = "") -> None:  # fmt: skip
        super().__init__(path, label, tip)
        self._empty_is_none = empty_is_none
        self.input = QPlainTextEdit(placeholderText=placeholder)
        self.input.setTabChangesFocus(True)
        line = self.input.fontMetrics().lineSpacing()
        self.input.setFixedHeight(lines * line + 12)
        self.input.textChanged.connect(self._typed)
        self._set_input(self.input)

    def _typed(self) -> None:
        text = self.input.toPlainText()
        self._emit(None if self._empty_is_none and not text else text)

    def _show(self, value: Any) -> None:
        text = "" if value is None else value if isinstance(value, str) else json.dumps(value)
        if text != self.input.toPlainText():
            self.input.setPlainText(text)


class CheckField(FieldEditor):
    """A value that is always sent, true or false (``public``, ``nsfw``)."""

    def __init__(self, path: str, label: str, text: str, tip: str = "") -> None:
        super().__init__(path, label, tip)
        self.input = QCheckBox(text)
        self.input.toggled.connect(self._emit)
        self._set_input(self.input)

    def _show(self, value: Any) -> None:
        self.input.setChecked(value is True)


class ChoiceField(FieldEditor):
    """One of a known list, or unset. A value the list lacks (typed in the JSON view) is shown as is."""

    def __init__(self, path: str, label: str, choices: Sequence[str], *, unset: str = DEFAULT,
                 tip: str = "") -> None:  # fmt: skip
        super().__init__(path, label, tip)
        self.input = QComboBox()
        self.input.addItem(unset, None)
        for choice in choices:
            self.input.addItem(choice, choice)
        self.input.activated.connect(lambda _i: self._emit(self.input.currentData()))
        self._set_input(self.input)

    def _show(self, value: Any) -> None:
        index = self.input.findData(value)
        if index < 0:
            self.input.addItem(f"{value} (not a known choice)", value)
            index = self.input.count() - 1
        self.input.setCurrentIndex(index)


class TriStateField(ChoiceField):
    """An optional switch: the server's default, on or off."""

    def __init__(self, path: str, label: str, tip: str = "") -> None:
        super().__init__(path, label, [], tip=tip)
        self.input.addItem("On", True)
        self.input.addItem("Off", False)

    def _show(self, value: Any) -> None:
        index = self.input.findData(value) if isinstance(value, bool) else (0 if value is None else -1)
        if index < 0:
            self.input.addItem(f"{json.dumps(value)} (not on or off)", value)
            index = self.input.count() - 1
        self.input.setCurrentIndex(index)


class IntListField(LineField):
    """Whole numbers separated by commas (a text style's sampler order)."""

    def __init__(self, path: str, label: str, placeholder: str, tip: str = "") -> None:
        super().__init__(path, label, placeholder=placeholder, tip=tip)

    def _typed(self, text: str) -> None:
        parts = [part.strip() for part in text.split(",")]
        if not any(parts):
            self._emit(None)
            return
        # A part that is not a number goes through as typed, so the check names it (never silently dropped).
        self._emit([int(part) if _is_int(part) else part for part in parts])

    def _show(self, value: Any) -> None:
        text = ", ".join(str(item) for item in value) if isinstance(value, list) else _plain(value)
        if text != self.input.text():
            self.input.setText(text)


class LinesField(TextAreaField):
    """One entry per line (stop sequences); ``\\n`` stands for a line break inside an entry."""

    def _typed(self) -> None:
        text = self.input.toPlainText()
        entries = [line.replace("\\n", "\n") for line in text.split("\n")] if text else []
        self._emit(entries or None)

    def _show(self, value: Any) -> None:
        if isinstance(value, list):
            text = "\n".join(str(item).replace("\n", "\\n") for item in value)
        else:
            text = _plain(value)
        if text != self.input.toPlainText():
            self.input.setPlainText(text)


class JsonObjectField(LineField):
    """A free JSON object (``params.special``); text that is not JSON goes through as text to be flagged."""

    def _typed(self, text: str) -> None:
        if not text.strip():
            self._emit(None)
            return
        try:
            self._emit(json_text.loads(text))
        except json_text.JsonTextError:
            self._emit(text)


def _is_int(text: str) -> bool:
    return text.lstrip("-").isdigit()


def _plain(value: Any) -> str:
    return "" if value is None else value if isinstance(value, str) else json.dumps(value)
