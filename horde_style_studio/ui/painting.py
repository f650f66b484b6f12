"""Awaiting a widget's first paint: the point where a user can see the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    import asyncio


class _PaintWatcher(QObject):
    def __init__(self, widget: QWidget, painted: Callable[[], None]) -> None:
        super().__init__(widget)
        self._painted: Callable[[], None] | None = painted
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._painted is not None:
            painted, self._painted = self._painted, None
            painted()
            watched.removeEventFilter(self)
            self.deleteLater()
        return False


def first_paint(widget: QWidget) -> asyncio.Future[None]:
    """A future that completes when ``widget`` next receives a paint event. Call before showing it."""
    import asyncio

    future: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def painted() -> None:
        if not future.done():
            future.set_result(None)

    _PaintWatcher(widget, painted)
    return future


def paint_with_qt(widget: QWidget, show: Callable[[], None], timeout_s: float) -> bool:
    """Call ``show`` and run Qt's own event loop until ``widget`` has painted its first frame (the turn after
    its first paint event), at most ``timeout_s``; whether it painted.

    The app's first frame needs no asyncio: painting it this way, before the asyncio loop exists, spares
    start-up the import of asyncio and qasync (issue 18)."""
    loop = QEventLoop()
    painted: list[bool] = []

    def done() -> None:
        painted.append(True)
        QTimer.singleShot(0, loop.quit)  # once this paint is done and on screen

    _PaintWatcher(widget, done)
    give_up = QTimer(loop, singleShot=True, interval=round(1000 * timeout_s))
    give_up.timeout.connect(loop.quit)
    give_up.start()
    # Shown from a timer of the running loop, as qasync runs every callback. Offscreen a zero timer started
    # while showing then fires after the window's expose and first paint; under a real X server the expose
    # comes later, after such a timer, so what must not delay the paint waits for it instead (Browse's
    # detail pane: Studio._show_window holds it, the studio releases it once painted).
    shown = QTimer(loop, singleShot=True, interval=0)
    shown.timeout.connect(show)
    shown.start()
    loop.exec()
    give_up.stop()
    return bool(painted)
