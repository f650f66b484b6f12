"""Text from the server shown as text: a style's name, description, template, tags and creator are written
by strangers, so no label or tooltip may render them as HTML (a link asking for the key, a local picture)."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtGui import Qt as GuiQt  # QtGui's Qt holds the rich-text helpers
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QSizePolicy, QWidget


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


class FixedProse(QPlainTextEdit):
    """A stranger's prose (a description) in a fixed number of lines: it wraps, scrolls once longer, and then
    carries the whole text in its tooltip. Its height never follows its text, so rows below it stay where the
    pointer expects them whichever style is shown (issue 16). Plain text: nothing in it is rendered as HTML.
    """

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Painted like the label it stands for: the viewport fills with Base, here see-through. Said on the
        # palette, as reading the viewport, a widget C++ made, would load every QtWidgets class on the way
        # to the first paint (issue 18; see ui.widgets.viewport).
        palette = self.palette()
        palette.setBrush(QPalette.ColorRole.Base, QColor(Qt.GlobalColor.transparent))
        self.setPalette(palette)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.verticalScrollBar().rangeChanged.connect(self._show_whole_in_tip)
        self._reserve()

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)
        self._show_whole_in_tip(0, self.verticalScrollBar().maximum())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._reserve()

    def _reserve(self) -> None:
        # Whole lines only: the document's margin would show a sliver of the next line under the last one.
        self.document().setDocumentMargin(0)
        margins = self.contentsMargins()
        self.setFixedHeight(self._lines * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom())

    def _show_whole_in_tip(self, _minimum: int, maximum: int) -> None:
        self.setToolTip(plain_tip(self.toPlainText()) if maximum > 0 else "")
