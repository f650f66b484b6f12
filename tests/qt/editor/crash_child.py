"""A child process for the crash test: an editor that types into a style's description until it is killed.

Run as ``python -m tests.qt.editor.crash_child <library file>``. Each keystroke goes through the real form and
presenter (so through the autosave debounce); after each one it prints how many characters it has typed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from horde_style_studio.api import HordeClientSession
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.editor.fields import TextAreaField
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter

TEXT = "Wet streets at night, neon on the puddles, a lone figure under a flickering sign. " * 40
KEY_INTERVAL_MS = 10


def main(path: Path) -> None:
    app = QApplication([])
    library = StyleLibrary.open(path)
    presenter = EditorPresenter(HordeClientSession("http://127.0.0.1:9/api"), library, TaskRegistry())
    page = EditorPage(presenter)
    presenter.new_style(StyleKind.IMAGE)
    info = page.form().field("info")
    assert isinstance(info, TextAreaField)
    typed = 0

    def key() -> None:
        nonlocal typed
        QTest.keyClicks(info.input, TEXT[typed % len(TEXT)])
        typed += 1
        print(typed, flush=True)

    timer = QTimer(interval=KEY_INTERVAL_MS)
    timer.timeout.connect(key)
    timer.start()
    app.exec()  # until SIGKILL


if __name__ == "__main__":
    main(Path(sys.argv[1]))
