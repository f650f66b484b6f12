"""Chips: a list of short names (tags, models, post-processors) shown as removable chips, added by typing.

Enter or a comma adds what was typed; ✕ on a chip removes it. A completer offers known names, and anything
else may still be typed (§7: model names are free text on the server).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QToolButton, QWidget

from horde_style_studio.ui.editor.fields import FieldEditor
from horde_style_studio.ui.editor.flow import FlowLayout


class ChipsField(FieldEditor):
    """A list of names at ``path``. ``limit`` only disables typing more; the check reports excess."""

    def __init__(self, path: str, label: str, *, limit: int, placeholder: str,
                 known: Iterable[str] = (), empty_is_none: bool = False, tip: str = "") -> None:  # fmt: skip
        super().__init__(path, label, tip)
        self._limit = limit
        self._empty_is_none = empty_is_none
        self._values: list[Any] = []
        self._placeholder = placeholder
        self.entry = QLineEdit(placeholderText=placeholder)
        self.entry.setAccessibleName(f"Add to {label}")
        self._names = QStringListModel(list(known), self)
        completer = QCompleter(self._names, self.entry)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._add_text)
        self.entry.setCompleter(completer)
        self.entry.returnPressed.connect(lambda: self._add_text(self.entry.text()))
        self.entry.textEdited.connect(self._maybe_comma)
        box = QWidget()
        self.chips = FlowLayout(box)
        self.chips.addWidget(self.entry)
        self._set_input(box)
        self.setFocusProxy(self.entry)

    def values(self) -> list[Any]:
        return list(self._values)

    def set_known(self, names: Sequence[str]) -> None:
        self._names.setStringList(list(names))

    def add(self, text: str) -> None:
        """Add ``text`` as if typed and confirmed."""
        self._add_text(text)

    def _maybe_comma(self, text: str) -> None:
        if "," in text:
            for part in text.split(",")[:-1]:
                self._add_text(part)
            self.entry.setText(text.split(",")[-1])

    def _add_text(self, text: str) -> None:
        name = text.strip()
        # The completer's activated() and returnPressed() both fire for one Enter; the second is a no-op.
        self.entry.clear()
        if not name or name in self._values:
            return
        self._values.append(name)
        self._rebuild()
        self._emit_values()

    def _remove(self, index: int) -> None:
        if 0 <= index < len(self._values):
            del self._values[index]
            self._rebuild()
            self._emit_values()

    def _emit_values(self) -> None:
        self._emit(None if self._empty_is_none and not self._values else list(self._values))

    def _show(self, value: Any) -> None:
        values = list(value) if isinstance(value, list) else ([] if value is None else [value])
        if values != self._values:
            self._values = values
            self._rebuild()

    def _rebuild(self) -> None:
        while self.chips.count() > 1:
            item = self.chips.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, value in enumerate(self._values):
            self.chips.insert_widget(index, _chip(str(value), partial(self._remove, index)))
        full = len(self._values) >= self._limit
        self.entry.setEnabled(not full)
        self.entry.setPlaceholderText(f"At most {self._limit}" if full else self._placeholder)
        self.updateGeometry()


def _chip(text: str, remove: Callable[[], None]) -> QWidget:
    chip = QToolButton()
    chip.setObjectName("Chip")
    chip.setText(f"{text}  ✕")
    chip.setToolTip(f"Remove “{text}”")
    chip.setAccessibleName(f"Remove {text}")
    chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    chip.clicked.connect(lambda: remove())  # clicked(bool) must not reach remove()
    return chip


class ModelsField(ChipsField):
    """Models, completed from those workers serve now (§7), with a note for any no worker serves."""

    def __init__(self, path: str, label: str, *, limit: int, placeholder: str, tip: str = "") -> None:
        super().__init__(path, label, limit=limit, placeholder=placeholder, tip=tip)
        self._served: frozenset[str] | None = None

    def set_served(self, names: Sequence[str] | None) -> None:
        """The models workers serve right now; None while unknown (then nothing is flagged)."""
        self._served = frozenset(names) if names is not None else None
        self.set_known(sorted(names or (), key=str.casefold))
        self._update_note()

    def _rebuild(self) -> None:
        super()._rebuild()
        self._update_note()

    def _update_note(self) -> None:
        served = self._served
        idle = [str(m) for m in self._values if served is not None and m not in served]
        if not idle:
            self.show_note(None)
            return
        names = ", ".join(f"“{name}”" for name in idle)
        self.show_note(
            f"No worker serves {names} right now. The style still saves, but requests using it wait "
            "until a worker offers the model."
        )
