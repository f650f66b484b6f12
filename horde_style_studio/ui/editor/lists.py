"""LoRA and textual-inversion lists (§4.1): one editable row per entry, at most 5 LoRAs and 20 TIs.

A row keeps the keys it does not edit (the server stores unknown params keys, §4.1), so editing one
strength never drops the rest of an entry that came in through the JSON view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from horde_style_studio.domain.params import MAX_LORAS, MAX_TIS
from horde_style_studio.ui.editor.fields import DEFAULT, FieldEditor
from horde_style_studio.ui.editor.numbers import NumberSpec, number_box, put_box, read_box

STRENGTH = NumberSpec(-5, 5, 0.05, 2, typical=1.0)


class _Row(QObject):
    """The widgets of one entry, placed in the list's grid by the list."""

    changed = Signal()
    remove = Signal()

    def __init__(self, entry: dict[str, Any]) -> None:
        super().__init__()
        self._entry = dict(entry)
        self.name = QLineEdit(placeholderText="name or CivitAI id")
        self.name.setText(str(entry.get("name", "")))
        self.name.textEdited.connect(self.changed)
        self.drop = QToolButton(autoRaise=True)
        self.drop.setText("✕")
        self.drop.clicked.connect(self.remove)

    def widgets(self) -> list[QWidget]:
        raise NotImplementedError

    def entry(self) -> dict[str, Any]:
        edited = {"name": self.name.text(), **self._edited()}
        merged = {**self._entry, **edited}
        return {key: value for key, value in merged.items() if value is not None}

    def _edited(self) -> dict[str, Any]:
        raise NotImplementedError


class LoraRow(_Row):
    def __init__(self, entry: dict[str, Any], number: int) -> None:
        super().__init__(entry)
        self.model = number_box(STRENGTH)
        self.clip = number_box(STRENGTH)
        self.trigger = QLineEdit(placeholderText="trigger word")
        self.version = QCheckBox("version id")
        put_box(self.model, entry.get("model"))
        put_box(self.clip, entry.get("clip"))
        self.trigger.setText(str(entry.get("inject_trigger") or ""))
        self.version.setChecked(entry.get("is_version") is True)
        for box in (self.model, self.clip):
            box.valueChanged.connect(self.changed)
        self.trigger.textEdited.connect(self.changed)
        self.version.toggled.connect(self.changed)
        self.version.setToolTip("The name is a CivitAI model version id (digits only)")
        _name_all("LoRA", number, [(self.name, "name"), (self.model, "model strength"),
                                   (self.clip, "CLIP strength"), (self.trigger, "trigger"),
                                   (self.version, "is a version id"), (self.drop, "remove")])  # fmt: skip

    def widgets(self) -> list[QWidget]:
        return [self.name, self.model, self.clip, self.trigger, self.version, self.drop]

    def _edited(self) -> dict[str, Any]:
        version: bool | None = True if self.version.isChecked() else None
        if version is None and "is_version" in self._entry:
            version = False
        return {"model": read_box(self.model), "clip": read_box(self.clip),
                "inject_trigger": self.trigger.text() or None, "is_version": version}  # fmt: skip


class TIRow(_Row):
    def __init__(self, entry: dict[str, Any], number: int) -> None:
        super().__init__(entry)
        self.inject = QComboBox()
        for text, value in (
            (DEFAULT, None),
            ("into the prompt", "prompt"),
            ("into the negative", "negprompt"),
        ):
            self.inject.addItem(text, value)
        self.inject.setCurrentIndex(max(0, self.inject.findData(entry.get("inject_ti"))))
        self.strength = number_box(STRENGTH)
        put_box(self.strength, entry.get("strength"))
        self.inject.activated.connect(lambda _i: self.changed.emit())
        self.strength.valueChanged.connect(self.changed)
        parts = [(self.name, "name"), (self.inject, "injection"), (self.strength, "strength")]
        _name_all("Textual inversion", number, [*parts, (self.drop, "remove")])

    def widgets(self) -> list[QWidget]:
        return [self.name, self.inject, self.strength, self.drop]

    def _edited(self) -> dict[str, Any]:
        return {"inject_ti": self.inject.currentData(), "strength": read_box(self.strength)}


def _name_all(what: str, number: int, parts: list[tuple[QWidget, str]]) -> None:
    """Screen readers and tooltips say which entry and which part a widget is ("LoRA 2 CLIP strength")."""
    for widget, role in parts:
        widget.setAccessibleName(f"{what} {number} {role}")
        if not widget.toolTip():
            widget.setToolTip(f"{what} {number}: {role}")


class _ListField(FieldEditor):
    """Entries as rows under a header; ``limit`` disables adding more (the check reports excess)."""

    HEADERS: tuple[str, ...] = ()
    WHAT = ""
    LIMIT = 0

    def __init__(self, path: str, label: str, make_row: Callable[[dict[str, Any], int], _Row]) -> None:
        super().__init__(path, label)
        self._make_row = make_row
        self._rows: list[_Row] = []
        box = QWidget()
        self.grid = QGridLayout(box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(4)
        self.grid.setVerticalSpacing(2)
        self.header_labels = [QLabel(header) for header in self.HEADERS]
        for column, caption in enumerate(self.header_labels):
            self.grid.addWidget(caption, 0, column)
        self.add_button = QPushButton(f"Add {self.WHAT}")
        self.add_button.setToolTip(f"Add another {self.WHAT} to the style")
        self.add_button.clicked.connect(self._add_row)
        self.grid.addWidget(self.add_button, 1, 0)
        self._set_input(box)
        self._sync_headers()

    def rows(self) -> list[_Row]:
        return list(self._rows)

    def _add_row(self) -> None:
        self._append({"name": ""})
        self._rows[-1].name.setFocus()
        self._emit_entries()

    def _append(self, entry: dict[str, Any]) -> None:
        row = self._make_row(entry, len(self._rows) + 1)
        row.changed.connect(self._emit_entries)
        row.remove.connect(lambda: self._remove(row))
        self._rows.append(row)
        self._place()

    def _remove(self, row: _Row) -> None:
        if row in self._rows:
            self._rows.remove(row)
            for widget in row.widgets():
                widget.deleteLater()
            row.deleteLater()
            self._place()
            self._emit_entries()

    def _place(self) -> None:
        self.grid.removeWidget(self.add_button)
        for number, row in enumerate(self._rows, 1):
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, number, column)
        self.grid.addWidget(self.add_button, len(self._rows) + 1, 0, 1, 2)
        self.add_button.setEnabled(len(self._rows) < self.LIMIT)
        self.add_button.setToolTip("" if self.add_button.isEnabled() else f"At most {self.LIMIT}")
        self._sync_headers()

    def _sync_headers(self) -> None:
        for caption in self.header_labels:
            caption.setVisible(bool(self._rows))

    def _emit_entries(self) -> None:
        self._emit([row.entry() for row in self._rows] or None)

    def _show(self, value: Any) -> None:
        entries = [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []
        if entries == [row.entry() for row in self._rows]:
            return
        for row in list(self._rows):
            for widget in row.widgets():
                widget.deleteLater()
            row.deleteLater()
        self._rows = []
        for entry in entries:
            self._append(entry)
        self._place()


class LoraListField(_ListField):
    HEADERS = ("LoRA name", "Model", "CLIP", "Trigger", "", "")
    WHAT = "LoRA"
    LIMIT = MAX_LORAS

    def __init__(self) -> None:
        super().__init__("params.loras", "LoRAs", LoraRow)


class TIListField(_ListField):
    HEADERS = ("Textual inversion", "Inject", "Strength", "")
    WHAT = "textual inversion"
    LIMIT = MAX_TIS

    def __init__(self) -> None:
        super().__init__("params.tis", "Textual inversions", TIRow)
