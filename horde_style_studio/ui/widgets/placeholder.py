"""A tab that is not built yet says what will be there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

READABLE_WIDTH = 560


class PlaceholderPage(QWidget):
    """A centred title and a sentence or two about the page that will replace this one."""

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.description = QLabel(description, wordWrap=True)
        self.description.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        column = QWidget()
        column.setMaximumWidth(READABLE_WIDTH)
        text = QVBoxLayout(column)
        for label in (heading, self.description):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            text.addWidget(label)
        # Stretch around the column instead of an alignment flag: an aligned item loses the wrapped label's
        # height-for-width and shows one clipped line.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
