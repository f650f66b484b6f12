"""Text from the server shown as text: a style's name, description, template, tags and creator are written
by strangers, so no label or tooltip may render them as HTML (a link asking for the key, a local picture)."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtGui import Qt as GuiQt  # QtGui's Qt holds the rich-text helpers
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(*, selectable: bool = True, word_wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    """A label that shows its text character for character, whatever it looks like."""
    label = QLabel(parent, wordWrap=word_wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


L = TypeVar("L", bound=QLabel)


def heading_label(*, scale: float = 1.3) -> QLabel:
    """A plain-text label in a larger bold font, for a title that comes from the server."""
    return as_heading(plain_label(), scale=scale)


def as_heading(label: L, *, scale: float = 1.3) -> L:
    """``label`` in plain text and a larger bold font."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def plain_tip(text: Any) -> Any:
    """``text`` as a tooltip shows it literally.

    Qt decides per tooltip whether it is HTML (``mightBeRichText`` looks at its first line), so text that
    looks like HTML is converted to escaped rich text; any other value is returned unchanged.
    """
    if isinstance(text, str) and GuiQt.mightBeRichText(text):
        return GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpaceNormal)
    return text
