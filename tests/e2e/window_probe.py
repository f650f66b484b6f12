"""The app as a user starts it, plus a probe a real-window test can ask where things are and what they hold.

Run as ``python -m tests.e2e.window_probe <the app's arguments>``. Each line on stdin is ``eval <expr>`` or
``wait <expr>`` (Python, evaluated on the Qt thread with the helpers below in scope); each answer is one line
``PROBE <json>`` on stdout. The probe only looks: every click and keystroke comes from xdotool, through X.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from PySide6.QtCore import QObject, QPoint, QSocketNotifier, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QWidget,
)

WAIT_LIMIT = 30.0  # seconds before a ``wait`` gives up and says so


def window() -> QMainWindow:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    assert found, "no main window yet"
    return found[0]


def page(key: str) -> Any:
    return window().page(key)  # type: ignore[attr-defined]  # the app's MainWindow


def rect(widget: QWidget) -> list[int]:
    """``widget``'s rectangle on the screen: x, y, width, height."""
    corner = widget.mapToGlobal(QPoint(0, 0))
    return [corner.x(), corner.y(), widget.width(), widget.height()]


def seen(widget: QWidget) -> list[int]:
    """The part of ``widget`` that is not clipped by a scroll area or its parents, on the screen."""
    visible = widget.visibleRegion().boundingRect()
    corner = widget.mapToGlobal(visible.topLeft())
    return [corner.x(), corner.y(), visible.width(), visible.height()]


def text(widget: QWidget) -> Any:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit | QLabel | QAbstractButton):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return None


def focus() -> dict[str, str]:
    widget = QApplication.focusWidget()
    if widget is None:
        return {}
    return {"name": widget.accessibleName(), "class": type(widget).__name__, "object": widget.objectName()}


def field(path: str) -> Any:
    """The open Editor form's field at ``path``."""
    return page("editor").form().field(path)


def entry(path: str) -> QWidget:
    """Where the user types into the field at ``path``."""
    editor = field(path)
    target = editor.focusProxy() or editor
    assert isinstance(target, QWidget)
    return target


def screen() -> list[int]:
    area = window().screen().availableGeometry()
    return [area.x(), area.y(), area.width(), area.height()]


def frame() -> list[int]:
    geometry = window().frameGeometry()
    return [geometry.x(), geometry.y(), geometry.width(), geometry.height()]


def tab(key: str) -> list[int]:
    """The main window's tab of ``key`` ("browse", "editor", ...) on the screen."""
    bar = window().tabs.tabBar()  # type: ignore[attr-defined]  # the app's MainWindow
    [index] = [n for n in range(bar.count()) if bar.tabText(n).replace("&", "").lower() == key]
    area = bar.tabRect(index)
    corner = bar.mapToGlobal(area.topLeft())
    return [corner.x(), corner.y(), area.width(), area.height()]


def card(row: int) -> list[int]:
    """Browse's grid card of ``row`` on the screen."""
    results = page("browse").styles_view
    view = results.list
    area = view.visualRect(results.adapter.index(row, 0))
    corner = view.viewport().mapToGlobal(area.topLeft())
    return [corner.x(), corner.y(), area.width(), area.height()]


HELPERS = {
    f.__name__: f for f in (window, page, rect, seen, text, focus, field, entry, screen, frame, tab, card)
}


class Probe(QObject):
    def __init__(self) -> None:
        super().__init__()
        self._buffer = b""
        self._notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)

    def _readable(self) -> None:
        chunk = os.read(sys.stdin.fileno(), 65536)
        if not chunk:
            self._notifier.setEnabled(False)
            return
        self._buffer += chunk
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            self._run(line.decode())

    def _run(self, line: str) -> None:
        verb, _, expr = line.partition(" ")
        if verb == "wait":
            self._wait(expr, time.monotonic() + WAIT_LIMIT)
        else:
            self._answer(lambda: eval(expr, dict(HELPERS)))  # the test's own expressions, nothing else

    def _wait(self, expr: str, deadline: float) -> None:
        try:
            value = eval(expr, dict(HELPERS))  # the test's own expressions, nothing else
        except Exception:  # not there yet (no window, no page): ask again
            value = None
        if value:
            self._answer(lambda: value)
        elif time.monotonic() > deadline:
            self._answer(lambda: {"timeout": expr})
        else:
            QTimer.singleShot(50, lambda: self._wait(expr, deadline))

    def _answer(self, compute: Any) -> None:
        try:
            reply = {"value": compute()}
        except Exception as exc:
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write("PROBE " + json.dumps(reply, default=repr) + "\n")
        sys.stdout.flush()


def main() -> int:
    QApplication([sys.argv[0]])  # the app's main() takes this one
    from horde_style_studio.ui.app import main as app_main

    probe = Probe()
    try:
        return app_main(sys.argv[1:])
    finally:
        del probe


if __name__ == "__main__":
    sys.exit(main())
