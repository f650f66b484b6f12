"""A private X display for real-window tests: Xvfb at a given screen size with openbox managing windows."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from tests.system_tools import require


@contextmanager
def x_display(size: str = "1280x800") -> Iterator[str]:
    """The display's name (":N") while Xvfb and openbox run; both end afterwards."""
    require("Xvfb", "openbox", "wmctrl", "xdotool")
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as announced:
        name = f":{announced.readline().strip()}"
    wm = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": name}, stderr=subprocess.DEVNULL)
    try:
        yield name
    finally:
        wm.terminate()
        xvfb.terminate()
        wm.wait(10)
        xvfb.wait(10)
