"""Edit ▸ Undo, Redo, Cut, Copy, Paste and Select all, acting on whichever text field has the focus."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit

Std = QKeySequence.StandardKey
TextWidget: TypeAlias = "QLineEdit | QTextEdit | QPlainTextEdit"
# The fields are told apart by their Qt class names: importing the spin box and text edit classes would build
# their enums before the first paint, which has neither (issue 18).
TEXT_FIELDS = ("QLineEdit", "QTextEdit", "QPlainTextEdit")
HOLDS_A_FIELD = ("QAbstractSpinBox", "QComboBox")

# (text, shortcut, slot name, changes the text)
EDITS = (
    ("&Undo", Std.Undo, "undo", True),
    ("&Redo", Std.Redo, "redo", True),
    ("Cu&t", Std.Cut, "cut", True),
    ("&Copy", Std.Copy, "copy", False),
    ("&Paste", Std.Paste, "paste", True),
    ("Select &all", Std.SelectAll, "selectAll", False),
)


def text_widget(widget: QWidget | None) -> TextWidget | None:
    """The text field behind ``widget``: itself, or the line edit inside a spin box or an editable combo."""
    if widget is None:
        return None
    if any(widget.inherits(name) for name in HOLDS_A_FIELD):
        inner = widget.findChild(QLineEdit)
        return inner if inner is not None and not inner.isHidden() else None
    return cast("TextWidget", widget) if any(widget.inherits(name) for name in TEXT_FIELDS) else None


class EditActions(QObject):
    """Adds the actions to ``menu``; each is enabled while the focused widget is a text field it can act
    on (a read-only field can be copied from, not changed), and triggers that field's own slot."""

    def __init__(self, menu: QMenu) -> None:
        # The actions are this object's children: they and the focus connection end together.
        super().__init__(menu)
        self.actions: dict[str, QAction] = {}
        for text, key, slot, changes in EDITS:
            action = QAction(text, self)
            menu.addAction(action)
            action.setShortcut(QKeySequence(key))
            action.setProperty("changes", changes)
            action.triggered.connect(lambda _checked=False, slot=slot: self.apply(slot))
            self.actions[slot] = action
            if slot == "redo":
                menu.addSeparator()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.follow(QApplication.focusWidget())

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        self.follow(new)

    def follow(self, widget: QWidget | None) -> None:
        """Enable the actions that ``widget`` (the newly focused one) supports."""
        field = text_widget(widget)
        editable = field is not None and not field.isReadOnly()
        for action in self.actions.values():
            action.setEnabled(field is not None and (editable or not action.property("changes")))

    def apply(self, slot: str) -> None:
        field = text_widget(QApplication.focusWidget())
        if field is not None:
            getattr(field, slot)()
