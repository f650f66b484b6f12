"""Sizes that fit the screen a window opens on."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left for the window manager's frame and title bar around a window.
FRAME = QSize(16, 48)


def within_screen(wanted: QSize, widget: QWidget) -> QSize:
    """``wanted``, shrunk to the available area of the screen ``widget`` is on (or the primary one), frame
    included, so no edge of a new window opens out of reach on a small screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    return wanted.boundedTo(screen.availableGeometry().size() - FRAME)
