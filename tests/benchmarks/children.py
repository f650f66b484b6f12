"""What the memory benchmarks share: each figure is measured in a fresh child process (so nothing an earlier
benchmark allocated counts), running the Browse page on a qasync loop, and the child prints its figures as
JSON on the last line of stdout."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from horde_style_studio.ui.shared.thumbnails import ThumbnailCache


def status_mb(field: str) -> float:
    """A line of /proc/self/status in MB (``VmRSS`` now, ``VmHWM`` the peak); elsewhere than Linux, the
    peak (ru_maxrss) whichever is asked."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KB elsewhere


def run_child(module: str, *args: str) -> dict[str, float]:
    """``python -m module args``, offscreen; its figures from the last line of its stdout."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6"}
    # stderr stays the terminal's, so a child's failure explains itself.
    out = subprocess.run([sys.executable, "-m", module, *args], env=env, check=True, stdout=subprocess.PIPE,
                         text=True).stdout  # fmt: skip
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


@contextmanager
def qt_loop() -> Iterator[asyncio.AbstractEventLoop]:
    """A QApplication on a qasync loop, as the app runs; its executor joined at the end."""
    import qasync

    app = QApplication([])
    loop = qasync.QEventLoop(app)
    # Our own executor, joined before exit: Qt aborts the process if a QThread outlives the application.
    executor: Executor = qasync.QThreadExecutor(4)
    loop.set_default_executor(executor)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        executor.shutdown(wait=True)


async def all_thumbnails(thumbnails: ThumbnailCache, urls: list[str]) -> None:
    """Wait until every one of ``urls`` has its thumbnail in ``thumbnails`` (bound it with ``wait_for``)."""
    waiting, done = set(urls), asyncio.Event()

    def arrived(url: str) -> None:
        waiting.discard(url)
        if not waiting:
            done.set()

    thumbnails.ready.connect(arrived)
    for url in urls:
        # The cards painted so far have asked for theirs already, and some may be here before we listen.
        if thumbnails.pixmap(url) is not None:
            waiting.discard(url)
    if not waiting:
        done.set()
    await done.wait()
    assert sum(thumbnails.pixmap(url) is not None for url in urls) == len(urls)


Figures = dict[str, float]


def child_main(bare: Callable[[], Figures], browse: Callable[[Path, Path], Figures]) -> None:
    """The child's entry: ``bare`` or ``browse PATH PATH`` from its arguments, its figures printed."""
    what, *paths = sys.argv[1:]
    measured = bare() if what == "bare" else browse(Path(paths[0]), Path(paths[1]))
    print(json.dumps({name: round(value, 1) for name, value in measured.items()}), flush=True)
