"""The application's icon, every drawn size of it: set on the application before its window first shows.

A module of its own, apart from the About dialog that shows it too: the dialog's Qt classes would otherwise
be imported before the first paint (issue 18).
"""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPixmap

from horde_style_studio.resources import ICON_SIZES, icon_png


def icon_pixmap(size: int) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(icon_png(size).read_bytes(), "PNG")
    return pixmap


def application_icon() -> QIcon:
    """Every drawn size of the app's icon, so each place Qt shows it picks a sharp one (window, task bar)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(icon_pixmap(size))
    return icon
