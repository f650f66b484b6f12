"""The non-modal message bar: expected problems (a refused key, a lost connection) shown inline, dismissable.

Colours come from the stylesheet as translucent tints over the system palette, so light and dark schemes
both stay readable.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QToolButton, QVBoxLayout, QWidget

from horde_style_studio.ui.stylesheet import styled


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


_ICONS = {
    Level.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
    Level.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Level.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class MessageRow(QFrame):
    """One message with its level's icon and a dismiss button. Emits ``dismissed`` when closed."""

    dismissed = Signal()

    def __init__(self, text: str, level: Level, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.setObjectName("MessageRow")
        self.setProperty("level", level.value)
        styled(self)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(_ICONS[level]).pixmap(18, 18))
        self.label = QLabel(text, wordWrap=True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote server answers and style names
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(f"{level.value}: {text}")
        close = QToolButton(autoRaise=True)
        close.setText("✕")
        close.setToolTip("Dismiss this message")
        close.setAccessibleName("Dismiss")
        close.clicked.connect(self.dismissed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button = close

    def text(self) -> str:
        return self.label.text()


class MessageBar(QWidget):
    """A short stack of ``MessageRow``s above the tabs; the oldest goes when more than ``limit`` pile up."""

    def __init__(self, parent: QWidget | None = None, *, limit: int = 3) -> None:
        super().__init__(parent)
        self._limit = limit
        self._rows: list[MessageRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 0)
        self._layout.setSpacing(4)
        self.setVisible(False)

    def show_message(self, text: str, level: Level = Level.INFO) -> MessageRow:
        """Show ``text``; the same message already showing is moved to the bottom instead of repeated."""
        for row in self._rows:
            if row.text() == text and row.level == level:
                self._remove(row)
                break
        row = MessageRow(text, level, self)
        row.dismissed.connect(lambda: self._remove(row))
        self._rows.append(row)
        self._layout.addWidget(row)
        while len(self._rows) > self._limit:
            self._remove(self._rows[0])
        self.setVisible(True)
        return row

    def info(self, text: str) -> None:
        self.show_message(text, Level.INFO)

    def warning(self, text: str) -> None:
        self.show_message(text, Level.WARNING)

    def error(self, text: str) -> None:
        self.show_message(text, Level.ERROR)

    def messages(self) -> list[tuple[Level, str]]:
        return [(row.level, row.text()) for row in self._rows]

    def rows(self) -> list[MessageRow]:
        return list(self._rows)

    def clear(self) -> None:
        for row in list(self._rows):
            self._remove(row)

    def _remove(self, row: MessageRow) -> None:
        if row in self._rows:
            self._rows.remove(row)
            self._layout.removeWidget(row)
            row.deleteLater()
        self.setVisible(bool(self._rows))
