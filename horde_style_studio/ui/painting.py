"""Awaiting a widget's first paint: the point where a user can see the window."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class _PaintWatcher(QObject):
    def __init__(self, widget: QWidget, future: asyncio.Future[None]) -> None:
        super().__init__(widget)
        self._future = future
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._future.done():
            self._future.set_result(None)
            watched.removeEventFilter(self)
            self.deleteLater()
        return False


def first_paint(widget: QWidget) -> asyncio.Future[None]:
    """A future that completes when ``widget`` next receives a paint event. Call before showing it."""
    future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    _PaintWatcher(widget, future)
    return future
