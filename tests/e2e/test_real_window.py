"""The installed app in a real X window: it opens signed in to the sandbox and closes cleanly both from the
File menu and from the window manager's close button (issue 3's "Done when"), driven like a person would."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from horde_style_studio.services.paths import HOME_ENV
from tests.e2e.x_display import x_display

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Xvfb and X window managers are Linux tools")


@pytest.fixture
def display() -> Iterator[str]:
    with x_display() as name:
        yield name


class RunningApp:
    def __init__(self, display: str, home: Path) -> None:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", HOME_ENV: str(home)}
        self.env = env
        self.process = subprocess.Popen(
            [sys.executable, "-m", "horde_style_studio", "--sandbox", "--debug"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.log: list[str] = []
        self.signed_in = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            if "signed in to profile" in line:
                self.signed_in.set()

    def x(self, *args: str) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=30, check=True)
        return done.stdout

    def window(self) -> str:
        return self.x(
            "xdotool", "search", "--sync", "--onlyvisible", "--name", "Horde Style Studio$"
        ).split()[0]

    def finish(self) -> int:
        try:
            return self.process.wait(30)
        finally:
            if self.process.poll() is None:
                self.process.kill()


@pytest.mark.parametrize("how", ["file-menu", "close-button"])
def test_window_opens_signed_in_and_closes_cleanly(display: str, tmp_path: Path, how: str) -> None:
    app = RunningApp(display, tmp_path)
    window = app.window()
    assert app.signed_in.wait(60), "".join(app.log)
    if how == "file-menu":
        app.x("xdotool", "windowactivate", "--sync", window)
        app.x("xdotool", "key", "--clearmodifiers", "alt+f")
        app.x("xdotool", "key", "q")  # File ▸ Quit by its mnemonic
    else:
        app.x("wmctrl", "-i", "-c", window)  # what the title bar's close button asks of the app
    assert app.finish() == 0, "".join(app.log)
    log = "".join(app.log)
    assert "Traceback" not in log
    assert "signed in to profile 'Sandbox curator' as sandbox_curator#1 (customizer)" in log
