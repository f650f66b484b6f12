"""Messages that keep their place: one line, elided to the width they have, the whole text in the tooltip.

A message that appears, disappears or grows to a second line moves every widget below it, so a click aimed
at a field lands on its neighbour (issue 16). These labels never change their height: the room is reserved
whether or not there is something to say.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from horde_style_studio.ui.widgets.plain_text import FixedProse, as_heading, plain_tip


class OneLineLabel(QLabel):
    """Plain text on one line; ``text()`` is the whole message, what is painted is what fits.

    Its width never follows its text (a long message must not widen the form), and its height is one line.
    """

    def __init__(self, name: str, parent: QWidget | None = None, *, lines: int = 1) -> None:
        super().__init__(parent)
        self._full = ""
        self._lines = lines
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def shown(self) -> str:
        """What fits and is painted: the text, or its start and "…"."""
        return super().text()

    def clear(self) -> None:
        self.setText("")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def reserve_lines(self) -> None:
        """Fix the height at ``lines`` lines of the label's font (call once its font is set)."""
        self.setFixedHeight(self._lines * self.fontMetrics().lineSpacing() + 4)

    def _elide(self) -> None:
        parts = [line for line in self._full.splitlines() if line.strip()]
        # One line per reserved line; what does not fit joins the last one.
        lines = [*parts[: self._lines - 1], " · ".join(parts[self._lines - 1 :])] if parts else [""]
        room = max(0, self.contentsRect().width() - 2 * self.margin())
        metrics = self.fontMetrics()
        fitted = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in lines]
        super().setText("\n".join(fitted))
        cut = fitted != lines or len(parts) > self._lines
        self.setToolTip(plain_tip(self._full) if cut or (self._lines == 1 and len(parts) > 1) else "")


def reserved_height(label: QLabel, padding: int = 6) -> int:
    """One line of ``label``'s font plus ``padding`` above and below (the stylesheet's padding and border)."""
    return label.fontMetrics().height() + 2 * padding


class MessageSlot(QWidget):
    """Fixed room for one of two messages: ``error`` when it has text, else ``note`` (under a field: its
    problem in red, or its note in amber)."""

    def __init__(
        self, error: OneLineLabel, note: OneLineLabel, *, padding: int = 6, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.error, self.note = error, note
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for label in (error, note):
            label.setVisible(False)
            column.addWidget(label)
        column.addStretch(1)
        self.setFixedHeight(reserved_height(error, padding))
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def show_messages(self) -> None:
        """The error when there is one, else the note: one at a time, in the same place."""
        self.error.setVisible(bool(self.error.text()))
        self.note.setVisible(bool(self.note.text()) and not self.error.text())


def pane_heading(name: str, *, meta_lines: int) -> tuple[OneLineLabel, OneLineLabel, FixedProse]:
    """A detail pane's title, byline and description, each a stranger's text in plain text and in fixed
    lines (elided or scrolled, the whole in the tooltip): a long name or description must not push what sits
    below them lower for one item than for the next (issue 16). Object names ``<name>Title``/``<name>Meta``.
    """
    title = as_heading(OneLineLabel(f"{name}Title"))
    title.reserve_lines()
    meta = OneLineLabel(f"{name}Meta", lines=meta_lines)
    meta.reserve_lines()
    for label in (title, meta):
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    info = FixedProse(lines=3)
    info.setAccessibleName("Description")
    return title, meta, info
