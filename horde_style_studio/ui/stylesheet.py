"""The app's stylesheet: a plain file under ``resources/styles``, shipped as package data.

It goes on the few widgets it names (:func:`styled`), not on the application: an application-wide sheet puts
every widget under Qt's style-sheet style, which cost ~160 ms of widget styling before the first paint
(issue 18) to tint a handful of labels. Its selectors name widgets by objectName, so on the widget itself it
draws exactly what it drew app-wide.
"""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from horde_style_studio.resources import PACKAGE_DATA

W = TypeVar("W", bound=QWidget)


@cache
def app_stylesheet() -> str:
    return (PACKAGE_DATA / "styles" / "app.qss").read_text(encoding="utf-8")


def styled(widget: W) -> W:
    """``widget`` with the app's rules; give it its objectName first."""
    widget.setStyleSheet(app_stylesheet())
    return widget
