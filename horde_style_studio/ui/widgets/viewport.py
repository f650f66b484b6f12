"""Item views whose viewport Python made.

A scroll area makes its viewport in C++, as a plain ``QWidget`` PySide has not wrapped yet. The first time
Python reads it (``viewport()``, or an event filter on it), PySide cannot tell its class from its lazily
loaded ones and loads every class of QtWidgets to find it: about 20 ms, on the way to the first paint
(issue 18). A viewport made in Python is known from its birth, so reading it costs nothing."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

V = TypeVar("V", bound=QAbstractScrollArea)


def with_python_viewport(view: V) -> V:
    """``view`` with a viewport made in Python, named and filled as Qt makes its own (style sheets may select
    it by name). Not for text edits: their text control keeps the viewport it was made with."""
    port = QWidget()
    port.setObjectName("qt_scrollarea_viewport")
    port.setBackgroundRole(QPalette.ColorRole.Base)
    port.setAutoFillBackground(True)
    view.setViewport(port)
    return view
