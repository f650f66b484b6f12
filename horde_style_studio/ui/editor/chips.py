"""Chips: a list of short names (tags, models, post-processors) shown as removable chips, added by typing.

Enter or a comma adds what was typed; ✕ on a chip, or Delete on a focused one, removes it. A completer
offers known names, and anything else may still be typed (§7: model names are free text on the server).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from horde_style_studio.ui.editor.fields import FieldEditor
from horde_style_studio.ui.widgets.flow import FlowLayout
from horde_style_studio.ui.widgets.one_line import OneLineLabel
from horde_style_studio.ui.widgets.plain_text import plain_tip


class ChipsField(FieldEditor):
    """A list of names at ``path``. Past ``limit`` nothing more is added; the field says so in place (it
    stays enabled, so the keyboard focus stays in it, issue 16) and the check reports excess.

    Keyboard: Backspace in the empty entry removes the last chip; Delete or Backspace on a focused chip
    removes it, and the focus moves on to the next chip or back to the entry.
    """

    def __init__(self, path: str, label: str, *, limit: int, placeholder: str,
                 known: Iterable[str] = (), empty_is_none: bool = False, tip: str = "") -> None:  # fmt: skip
        super().__init__(path, label, tip)
        self._limit = limit
        self._empty_is_none = empty_is_none
        self._values: list[Any] = []
        self._placeholder = placeholder
        self._refused: str | None = None
        self.entry = QLineEdit(placeholderText=placeholder)
        self.entry.setAccessibleName(f"Add to {label}")
        self.entry.installEventFilter(self)
        self._names = QStringListModel(list(known), self)
        self.completer = QCompleter(self._names, self.entry)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(self.completer)
        self.completer.activated.connect(self._picked)
        self.entry.returnPressed.connect(lambda: self._add_text(self.entry.text()))
        self.entry.textEdited.connect(self._typed)
        box = QWidget()
        self.chips = FlowLayout(box)
        self.chips.stretch_last = True
        self.chips.addWidget(self.entry)
        self._set_input(box)
        self.setFocusProxy(self.entry)
        self._fit_popup()

    def values(self) -> list[Any]:
        return list(self._values)

    def chip_widgets(self) -> list[Chip]:
        items = (self.chips.itemAt(n) for n in range(self.chips.count()))
        return [w for item in items if item is not None and isinstance(w := item.widget(), Chip)]

    def set_known(self, names: Sequence[str]) -> None:
        self._names.setStringList(list(names))
        self._fit_popup()

    def add(self, text: str) -> None:
        """Add ``text`` as if typed and confirmed."""
        self._add_text(text)

    def _fit_popup(self) -> None:
        """Wide enough for the longest name, so long model names are not cut (within reason)."""
        metrics = self.entry.fontMetrics()
        longest = max((metrics.horizontalAdvance(name) for name in self._names.stringList()), default=0)
        popup = self.completer.popup()
        if popup is not None:
            popup.setMinimumWidth(min(longest + 48, 640))

    def _picked(self, text: str) -> None:
        # The line edit puts the picked name into itself after this slot runs (it connects on focus-in),
        # so the chip is made, and the entry emptied, once that has happened.
        QTimer.singleShot(0, lambda: self._add_text(text))

    def _typed(self, text: str) -> None:
        if self._refused is not None and not text:
            self._refused = None
            self._refresh_note()
        if "," in text:
            for part in text.split(",")[:-1]:
                self._add_text(part)
            if self._refused is None:
                self.entry.setText(text.split(",")[-1])

    def _add_text(self, text: str) -> None:
        name = text.strip()
        if name and name not in self._values and len(self._values) >= self._limit:
            # Kept in the entry, and said why: nothing typed is lost and the focus stays here.
            self._refused = name
            self.entry.setText(name)
            self._refresh_note()
            return
        # The completer's activated() and returnPressed() both fire for one Enter; the second is a no-op.
        self.entry.clear()
        if not name or name in self._values:
            return
        self._values.append(name)
        self._rebuild()
        self._emit_values()

    def remove_at(self, index: int) -> None:
        """Remove one chip; a chip that had the focus hands it to the next chip, or to the entry."""
        if not 0 <= index < len(self._values):
            return
        focused = self.window().focusWidget()  # the window's, so it holds while another window is active
        had_focus = focused is not None and self.isAncestorOf(focused)
        del self._values[index]
        self._refused = None
        self._rebuild()
        self._emit_values()
        if had_focus:
            chips = self.chip_widgets()
            (chips[index] if index < len(chips) else self.entry).setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.entry
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Backspace
            and not self.entry.text()
            and self._values
        ):
            self.remove_at(len(self._values) - 1)
            return True
        return super().eventFilter(watched, event)

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
                widget.hide()
                widget.deleteLater()
        for index, value in enumerate(self._values):
            chip = Chip(str(value), partial(self.remove_at, index))
            self.chips.insert_widget(index, chip)
            chip.setVisible(self.isVisible())  # now, not queued: the focus may have to move onto it
        full = len(self._values) >= self._limit
        self.entry.setPlaceholderText(f"At most {self._limit}" if full else self._placeholder)
        self._refresh_note()
        self.updateGeometry()

    def _refresh_note(self) -> None:
        self.show_note(self._note_text())

    def _note_text(self) -> str | None:
        if self._refused is None:
            return None
        return f"At most {self._limit}: remove one to add “{self._refused}”."


class Chip(QFrame):
    """One name: its text, cut with "…" when long (the whole name in the tooltip), and an ✕ that is always
    there. It takes the keyboard focus (Tab, or a click), and Delete or Backspace removes it."""

    WIDEST = 220  # text pixels; longer names are elided (and narrower still when the field is narrow)

    def __init__(self, text: str, remove: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Chip")
        self.name = text
        self._remove = remove
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(text)
        self.setAccessibleDescription("Delete removes it")
        self.setToolTip(plain_tip(f"{text}\nDelete or ✕ removes it"))
        self.label = _ChipLabel(text, self.WIDEST)
        self.button = QToolButton(autoRaise=True)
        self.button.setObjectName("ChipRemove")
        self.button.setText("✕")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chip itself is the keyboard's way in
        self.button.setToolTip(plain_tip(f"Remove “{text}”"))
        self.button.setAccessibleName(f"Remove {text}")
        self.button.clicked.connect(lambda: remove())  # clicked(bool) must not reach remove()
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.label)
        row.addWidget(self.button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._remove()
            return
        super().keyPressEvent(event)


class ModelsField(ChipsField):
    """Models, completed from those workers serve now (§7), with a note for any no worker serves."""

    def __init__(self, path: str, label: str, *, limit: int, placeholder: str, tip: str = "") -> None:
        super().__init__(path, label, limit=limit, placeholder=placeholder, tip=tip)
        self._served: frozenset[str] | None = None

    def set_served(self, names: Sequence[str] | None) -> None:
        """The models workers serve right now; None while unknown (then nothing is flagged)."""
        self._served = frozenset(names) if names is not None else None
        self.set_known(sorted(names or (), key=str.casefold))
        self._refresh_note()

    def _note_text(self) -> str | None:
        refused = super()._note_text()
        served = self._served
        idle = [str(m) for m in self._values if served is not None and m not in served]
        if refused is not None or not idle:
            return refused
        names = ", ".join(f"“{name}”" for name in idle)
        return (
            f"No worker serves {names} right now. The style still saves, but requests using it wait "
            "until a worker offers the model."
        )


class _ChipLabel(OneLineLabel):
    """A chip's name: as wide as the name (up to ``widest``) when there is room, elided when there is not, so
    the chip's minimum width, and with it the form's columns, never depend on the names in it."""

    def __init__(self, text: str, widest: int) -> None:
        super().__init__("ChipName")
        self._widest = widest
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(self.fontMetrics().horizontalAdvance(self.text()) + 4, self._widest), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M…") + 4, super().minimumSizeHint().height())
