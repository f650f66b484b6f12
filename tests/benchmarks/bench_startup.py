"""Start-up: from launch to the first painted window, for ``horde-style-studio --sandbox`` (a second launch:
library, settings and compiled modules already on disk) and for a bare PySide6 window with four tabs, in
fresh processes, interleaved so that both meet the same machine load. Target (issue 18): the app within
twice the bare window's time.

Each child reports the moment its first frame is done (the turn of the event loop after the window's first
paint event) on the system-wide monotonic clock, which the parent also read just before starting it. The
last line, ``startup_budget``, splits the app's start into what runs before the first paint (Python and Qt,
the app's imports, building the studio, showing the window with the library's first page, painting it; the
imports by package from ``-X importtime``) and what it defers until after (the server's side: session,
account, the other tabs, with the longest turn of the event loop while it is built), from one more launch
that marks each stage.

This module is also the child (``python -m tests.benchmarks.bench_startup app|bare``): it imports nothing
beyond the standard library before the child's own work starts.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RUNS = 7  # launches of each, after one untimed launch of each
RATIO_LIMIT = 2.0
PAINTED = "first frame"  # the app child's line on stderr when its first frame is done
LONGEST_TURN = "longest_turn_after_paint"


def _child_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "HORDE_STYLE_STUDIO_HOME": str(home), "QT_API": "pyside6"}
    # A second launch finds the modules compiled by the first (pip compiles them at install); a shell that
    # forbids writing them would make every launch compile the app's sources again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _launch(what: str, home: Path, *python_flags: str) -> tuple[float, str]:
    """Milliseconds from starting the child to its first frame, and the child's stderr."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, *python_flags, "-m", __name__, what], env=_child_env(home),
                          capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    painted = float(done.stdout.strip().splitlines()[-1])
    return 1000 * (painted - started), done.stderr


def _imports_before_paint(stderr: str) -> dict[str, float]:
    """Import milliseconds (each module's own time, summed by package: by subpackage for the app's own) of
    what ``-X importtime`` listed before the child's first-frame mark, largest first."""
    totals: dict[str, float] = {}
    for line in stderr.partition(f"\n{PAINTED}\n")[0].splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+\d+ \| +(\S+)", line)
        if found:
            parts = found.group(2).split(".")
            package = ".".join(parts[:2]) if parts[0] == "horde_style_studio" else parts[0]
            totals[package] = totals.get(package, 0.0) + int(found.group(1)) / 1000
    return {name: round(ms) for name, ms in sorted(totals.items(), key=lambda item: -item[1])[:12]}


def main() -> list[Any]:
    from tests.benchmarks.results import Result, median, note

    with tempfile.TemporaryDirectory(prefix="hss-bench-startup-") as tmp:
        home = Path(tmp)
        note("start-up: one untimed launch of each (fills the sandbox library, compiles modules)")
        _launch("app", home)
        _launch("bare", home)
        app_ms: list[float] = []
        bare_ms: list[float] = []
        stages: list[dict[str, float]] = []
        for n in range(RUNS):
            took, stderr = _launch("app", home)
            app_ms.append(took)
            stages += [
                json.loads(line.removeprefix("mark "))
                for line in stderr.splitlines()
                if line.startswith("mark ")
            ]
            bare_ms.append(_launch("bare", home)[0])
            note(f"  launch {n + 1}/{RUNS}: app {app_ms[-1]:.0f} ms, bare window {bare_ms[-1]:.0f} ms")
        _, traced = _launch("app", home, "-X", "importtime")
    app, bare = median(app_ms), median(bare_ms)
    # Each stage's median over the timed launches (the traced one is slowed by -X importtime).
    marks = {
        stage: median([s[stage] for s in stages if stage in s]) for stage in (stages[0] if stages else {})
    }
    results = [
        Result.of("startup_bare_four_tab_window_median", bare, "ms", float("inf"), bare).emit(),
        Result.of("startup_app_sandbox_second_launch_median", app, "ms", RATIO_LIMIT * bare, bare).emit(),
    ]
    budget = {
        "name": "startup_budget",
        "app_ms": round(app),
        "bare_ms": round(bare),
        "ratio": round(app / bare, 2),
        "allowed_ms": round(RATIO_LIMIT * bare),
        "left_ms": round(RATIO_LIMIT * bare - app),
        # Launch to the child's first line: the interpreter starting, before any of the stages below.
        "python_start_ms": round(app - marks["first_frame"]) if "first_frame" in marks else None,
        **_stages(marks),
        # The longest the window went unanswered while the server's side was built (issue 18: one part per
        # turn of the event loop, rather than a second frozen right after the window appears).
        "after_first_paint_longest_turn_ms": round(marks[LONGEST_TURN]) if LONGEST_TURN in marks else None,
        "imports_before_first_paint_ms": _imports_before_paint(traced),
        "after_first_paint": ["the server's side: session, account, keyring, sign-in, the other tabs' pages",
                              "sandbox server and seed data (own thread)",
                              "library damage check (reader thread)"],
    }  # fmt: skip
    print(json.dumps(budget), flush=True)
    return results


def _stages(marks: dict[str, float]) -> dict[str, Any]:
    """The child's marks (milliseconds since it started, at the end of each stage) as stage lengths."""
    before = ["python_and_qt", "app_imports", "building_studio", "showing_window", "first_frame"]
    after = ["server_side"]
    lengths, last = {}, 0.0
    for stage in before + after:
        if stage in marks:
            lengths[stage], last = round(marks[stage] - last), marks[stage]
    return {
        "before_first_paint_ms": {stage: lengths[stage] for stage in before if stage in lengths},
        "after_first_paint_ms": {stage: lengths[stage] for stage in after if stage in lengths},
    }


# -- the children ------------------------------------------------------------------------------------------
def _report_first_frame(app: Any, then: Any = None) -> None:
    """Print the monotonic time of the turn after the first paint of a window; call ``then`` after it."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  # Qt's name
            if not self.seen and event.type() == QEvent.Type.Paint and getattr(watched, "isWindow", bool)():
                self.seen = True
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            print(f"{time.monotonic():.6f}", flush=True)
            if then is not None:
                then()

    watcher = Watcher(app)
    app.installEventFilter(watcher)


def _bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    tabs = QTabWidget()
    for name in ("Browse", "Collections", "Examples", "Editor"):
        tabs.addTab(QLabel(name), name)
    window.setCentralWidget(tabs)
    window.resize(1280, 800)
    _report_first_frame(app, app.quit)
    window.show()
    app.exec()


def _app() -> None:
    started = time.monotonic()
    marks: dict[str, float] = {}

    def mark(stage: str) -> None:
        marks[stage] = round(1000 * (time.monotonic() - started), 1)

    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    mark("python_and_qt")

    turns = _TurnWatch()

    def painted() -> None:
        mark("first_frame")
        print(PAINTED, file=sys.stderr, flush=True)
        turns.start()

    def ready() -> None:
        marks[LONGEST_TURN] = turns.stop()
        print(f"mark {json.dumps(marks)}", file=sys.stderr)

    _report_first_frame(app, painted)
    from horde_style_studio.ui import composition
    from horde_style_studio.ui.app import main as app_main

    mark("app_imports")
    _mark_studio(composition.Studio, mark, ready)
    # --smoke-test closes the window once it has painted and the server's side is built; the app then exits.
    app_main(["--sandbox", "--smoke-test"])


class _TurnWatch:
    """The longest gap, in milliseconds, between the event loop's visits to a timer due every millisecond:
    how long the loop was held up by one turn's work."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self._timer = QTimer(interval=1)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.longest = 0.0

    def start(self) -> None:
        self._last = time.monotonic()
        self._timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest, self._last = max(self.longest, 1000 * (now - self._last)), now

    def stop(self) -> float:
        self._tick()
        self._timer.stop()
        return round(self.longest, 1)


def _mark_studio(studio: Any, mark: Any, done: Any) -> None:
    """Marks the studio's stages: built, window shown, server's side built (its ``ready``)."""
    build, show = studio.__init__, studio._show_window

    def built(self: Any, config: Any) -> None:
        build(self, config)
        mark("building_studio")

        def ready() -> None:
            mark("server_side")
            done()

        self.ready.connect(ready)

    def shown(self: Any) -> None:
        show(self)
        mark("showing_window")

    studio.__init__, studio._show_window = built, shown


if __name__ == "__main__":
    _app() if sys.argv[1] == "app" else _bare()
