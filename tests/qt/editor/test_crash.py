"""Killing the app mid-edit (SIGKILL) loses nothing that was typed more than a second before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.library import StyleLibrary
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.editor.tab import EditorTab
from tests.qt.editor.crash_child import TEXT
from tests.qt.helpers import message_surface, said

pytestmark = pytest.mark.parametrize("sandbox", ["modern"], indirect=True)
TYPING_SECONDS = 2.5


def _type_then_kill(path: Path) -> tuple[int, int]:
    """Run the child until it has typed for a while, SIGKILL it; (characters typed at least a second before
    the kill, characters typed in all)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.qt.editor.crash_child", str(path)],
        stdout=subprocess.PIPE, text=True, env=env, cwd=Path(__file__).parents[3],
    )  # fmt: skip
    assert child.stdout is not None
    seen: list[tuple[float, int]] = []  # (when the parent read it, characters typed by then)
    started = None
    for line in child.stdout:
        now = time.monotonic()
        started = started or now
        seen.append((now, int(line)))
        if now - started >= TYPING_SECONDS:
            break
    killed_at = time.monotonic()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    # A line is read after its key was typed, so "read a second before the kill" is on the safe side.
    safe = max((typed for when, typed in seen if when <= killed_at - 1.0), default=0)
    # Keys typed between the last line read and the kill were printed too (a key's line is flushed before the
    # event loop can autosave it): the pipe still holds them, and they count as typed.
    printed = [int(line) for line in child.stdout.read().split()]
    return safe, max([seen[-1][1], *printed])


def test_a_sigkilled_editor_loses_nothing_typed_a_second_before(
    qtbot: QtBot, tmp_path: Path, session: HordeClientSession, tasks: TaskRegistry
) -> None:
    path = tmp_path / "library.sqlite"
    StyleLibrary.open(path).close()
    safe, typed = _type_then_kill(path)
    assert safe > 50  # the child really typed for more than a second
    library = StyleLibrary.open(path)
    try:
        shown = message_surface(qtbot)
        tab = EditorTab(session, library, tasks, messages=shown.bridge)  # a new run of the app
        info = tab.presenter.state.doc.get("info", "")
        assert "is back, as you left it" in said(shown)
        assert len(info) >= safe
        assert info == (TEXT * 2)[: len(info)]  # exactly what was typed, in order
        assert len(info) <= typed
        shiboken6.delete(tab.page)
    finally:
        library.close()
