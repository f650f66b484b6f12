"""Start-up: from launch to the first painted window, for ``horde-style-studio --sandbox`` (a second launch:
library, settings and compiled modules already on disk) and for a bare PySide6 window with four tabs, in
fresh processes, interleaved so that both meet the same machine load. Target (issue 18): the app within
twice the bare window's time.

The untimed first launch (``fill``) leaves what a user's first session leaves: the real app with
``--sandbox`` signs in, its library refresh mirrors the sandbox's styles, Browse shows them and the pictures
of the cards in sight are downloaded into the thumbnail store; it quits once all of those are on disk. Every
timed launch then paints Browse's first page of those styles, read from the library; the pictures of its
cards come from the thumbnail store, decoded off the UI thread after the first frame.

Each child reports the moment its first frame is done (the turn of the event loop after the window's first
paint event) on the system-wide monotonic clock, which the parent also read just before starting it. The
last line, ``startup_budget``, splits the app's start into what runs before the first paint (Python and Qt,
the app's imports, building the studio, showing the window with the library's first page, painting it; the
imports by package from ``-X importtime``) and what it defers until after (the server's side: session,
account, the other tabs, with the longest turn of the event loop while it is built), from one more launch
that marks each stage; and what the figure is of: what the first session left (``first_session_left``: the
styles in the library, the pictures stored) and what the first frame showed (``first_frame_showed``: the
cards on Browse's first page and in sight, how many of those have a picture and how many pictures were shown
already), with how long after the first frame the pictures in sight came from disk.

This module is also the child (``python -m tests.benchmarks.bench_startup fill|app|bare``): it imports nothing
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

# Launches of each, after one untimed launch of each. A launch takes ~0.3 s, and a shared machine's speed can
# drift by a fifth from one second to the next: eleven pairs keep one slow stretch from moving a median.
RUNS = 11
RATIO_LIMIT = 2.0
FILL_TIMEOUT_S = 90.0  # the first session: signing in, the library refresh, the pictures in sight stored
SCREEN = (1280, 800)  # the screen (offscreen) and the bare window's size
SHOWN = "shown "  # the app child's line on stderr saying what its first frame showed
PAINTED = "first frame"  # the app child's line on stderr when its first frame is done
QT_MADE = "qt classes "  # each child's line on stderr: the Qt classes PySide had made by its first frame
LONGEST_TURN = "longest_turn_after_paint"


def _child_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "HORDE_STYLE_STUDIO_HOME": str(home), "QT_API": "pyside6"}
    # A second launch finds the modules compiled by the first (pip compiles them at install); a shell that
    # forbids writing them would make every launch compile the app's sources again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if env["QT_QPA_PLATFORM"] == "offscreen":
        # Qt's offscreen screen is 800x800 by default: the app's window would show three cards. A laptop's
        # screen, the size of the bare window, shows a realistic first page (the app's window takes its
        # default size on it, as on a first start).
        width, height = SCREEN
        screen = {"name": "bench", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96,
                  "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
        config = home / "offscreen-screen.json"
        config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    return env


def _run(what: str, home: Path, *python_flags: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, *python_flags, "-m", __name__, what], env=_child_env(home),
                          capture_output=True, text=True, timeout=FILL_TIMEOUT_S + 60)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(
            f"the start-up benchmark's {what} child failed ({done.returncode}):\n{done.stderr}"
        )
    return done


def _launch(what: str, home: Path, *python_flags: str) -> tuple[float, str]:
    """Milliseconds from starting the child to its first frame, and the child's stderr."""
    started = time.monotonic()
    done = _run(what, home, *python_flags)
    painted = float(done.stdout.strip().splitlines()[-1])
    return 1000 * (painted - started), done.stderr


def _first_session(home: Path) -> dict[str, int]:
    """The first session's launch (see the module's doc): what it left on disk."""
    done = _run("fill", home)
    left: dict[str, int] = json.loads(done.stdout.strip().splitlines()[-1])
    return left


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
        note("start-up: one untimed first session (fills the sandbox library and the thumbnail store,")
        note("  compiles modules), one untimed launch of each")
        left = _first_session(home)
        note(f"  the first session left {left}")
        _launch("app", home)
        _launch("bare", home)
        app_ms: list[float] = []
        bare_ms: list[float] = []
        stages: list[dict[str, float]] = []
        shown: list[dict[str, float]] = []
        made: dict[str, dict[str, int]] = {}
        for n in range(RUNS):
            took, stderr = _launch("app", home)
            app_ms.append(took)
            stages += [
                json.loads(line.removeprefix("mark "))
                for line in stderr.splitlines()
                if line.startswith("mark ")
            ]
            shown += [json.loads(line.removeprefix(SHOWN)) for line in stderr.splitlines()
                      if line.startswith(SHOWN)]  # fmt: skip
            made["app"] = _found(stderr, QT_MADE)
            took, stderr = _launch("bare", home)
            bare_ms.append(took)
            made["bare"] = _found(stderr, QT_MADE)
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
        # What the figure is of: the first frame of Browse over the library the first session filled.
        "first_session_left": left,
        "first_frame_showed": {key: round(median([s[key] for s in shown])) for key in _keys(shown)},
        # The pictures in sight come from the thumbnail store after the first frame, on the decode pool.
        "pictures_in_sight_after_first_frame_ms": _after(marks, "pictures_in_sight", "first_frame"),
        # Launch to the child's first line: the interpreter starting, before any of the stages below.
        "python_start_ms": round(app - marks["first_frame"]) if "first_frame" in marks else None,
        **_stages(marks),
        # The longest the window went unanswered while the server's side was built (issue 18: one part per
        # turn of the event loop, rather than a second frozen right after the window appears).
        "after_first_paint_longest_turn_ms": round(marks[LONGEST_TURN]) if LONGEST_TURN in marks else None,
        "imports_before_first_paint_ms": _imports_before_paint(traced),
        "qt_classes_made_before_first_paint": made,
        "after_first_paint": ["the server's side: session, account, keyring, sign-in, the other tabs' pages",
                              "sandbox server and seed data (own thread)",
                              "library damage check (reader thread)"],
    }  # fmt: skip
    print(json.dumps(budget), flush=True)
    return results


def _after(marks: dict[str, float], stage: str, since: str) -> float | None:
    return round(marks[stage] - marks[since]) if stage in marks and since in marks else None


def _found(stderr: str, prefix: str) -> dict[str, int]:
    """The JSON object on the child's last stderr line starting with ``prefix``, or {}."""
    lines = [line.removeprefix(prefix) for line in stderr.splitlines() if line.startswith(prefix)]
    return json.loads(lines[-1]) if lines else {}


def _keys(found: list[dict[str, float]]) -> list[str]:
    return list(found[0]) if found else []


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
def _report_first_frame(window: Any, then: Any = None) -> None:
    """Print the monotonic time of the turn after the first paint of ``window``; call ``then`` after it.

    The filter sits on the window alone, not on the application: an application-wide Python filter sees every
    event of every widget built before the paint, and PySide wraps each object it meets, about 25 ms for the
    app's couple of hundred widgets against nothing for the bare window's ten, a cost of the measuring."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  # Qt's name
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            print(f"{time.monotonic():.6f}", flush=True)
            print(f"{QT_MADE}{json.dumps(_qt_classes_made())}", file=sys.stderr, flush=True)
            if then is not None:
                then()

    watcher = Watcher(window)
    window.installEventFilter(watcher)


def _qt_classes_made() -> dict[str, int]:
    """How many classes of each Qt module PySide has made: it makes a class when first touched, with all its
    enum types (Python's enum machinery is the slowest part of start-up), and every class of a module when
    Python first reads a widget C++ made, such as a scroll area's own viewport (issue 18)."""
    import PySide6

    made = {}
    for name in ("QtCore", "QtGui", "QtWidgets"):
        module = getattr(PySide6, name, None)
        made[name] = sum(isinstance(value, type) for value in vars(module).values()) if module else 0
    return made


def _bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    tabs = QTabWidget()
    for name in ("Browse", "Collections", "Examples", "Editor"):
        tabs.addTab(QLabel(name), name)
    window.setCentralWidget(tabs)
    window.resize(*SCREEN)
    _report_first_frame(window, app.quit)
    window.show()
    app.exec()


def _app() -> None:
    started = time.monotonic()
    marks: dict[str, float] = {}
    studios: list[Any] = []

    def mark(stage: str) -> None:
        marks[stage] = round(1000 * (time.monotonic() - started), 1)

    from PySide6.QtWidgets import QApplication

    _kept = QApplication([sys.argv[0]])  # alive until the app ends; the app finds it as the instance
    mark("python_and_qt")

    turns = _TurnWatch()

    def painted() -> None:
        mark("first_frame")
        print(PAINTED, file=sys.stderr, flush=True)
        # After the mark: what the first frame showed, read once the time is taken.
        shown = _shown(studios[0])
        # A debugging aid: the window as its first frame showed it, and once the pictures in sight came.
        shot = os.environ.get("HSS_BENCH_SHOT")
        if shot:
            studios[0].window.grab().save(shot)

        def pictures_shown() -> None:
            mark("pictures_in_sight")
            if shot:
                studios[0].window.grab().save(shot.removesuffix(".png") + "-pictures.png")

        _when_pictures_shown(studios[0], pictures_shown)
        print(f"{SHOWN}{json.dumps(shown)}", file=sys.stderr, flush=True)
        turns.start()

    def ready() -> None:
        marks[LONGEST_TURN] = turns.stop()
        print(f"mark {json.dumps(marks)}", file=sys.stderr)

    from horde_style_studio.ui import composition
    from horde_style_studio.ui.app import main as app_main

    mark("app_imports")
    _mark_studio(
        composition.Studio, mark, ready, studios, watch=lambda window: _report_first_frame(window, painted)
    )
    # --smoke-test closes the window once it has painted and the server's side is built; the app then exits.
    app_main(["--sandbox", "--smoke-test"])


def _in_sight(studio: Any) -> list[tuple[int, str | None]]:
    """Browse's rows in sight (row number, picture URL), top to bottom."""
    results = studio.browse_page.styles_view
    view, model = results.view(), results.rows
    area = view.viewport().rect()
    found = []
    for n in range(results.adapter.rowCount()):
        place = view.visualRect(results.adapter.index(n, 0))
        if place.top() > area.bottom():
            break
        if place.intersects(area):
            row = model.row_at(n)
            found.append((n, row.thumbnail if row is not None else None))
    return found


def _shown(studio: Any) -> dict[str, int]:
    """What Browse showed: the cards read for its first page, those in sight, how many of those have a
    picture, and how many pictures were shown already (from the thumbnail store: nothing is downloaded
    before the first paint)."""
    from horde_style_studio.ui.shared.row_model import PICTURE_ROLE

    model = studio.browse_page.styles_view.rows
    sight = _in_sight(studio)
    return {
        "cards_on_first_page": model.rowCount(),
        "cards_in_sight": len(sight),
        "pictures_in_sight": sum(url is not None for _, url in sight),
        "pictures_shown": sum(
            url is not None and model.row_data(n, PICTURE_ROLE) is not None for n, url in sight
        ),
    }


def _when_pictures_shown(studio: Any, then: Any) -> None:
    """Calls ``then`` once every picture in sight is loaded (or failed to), counting from now."""
    thumbnails = studio.thumbnails

    def check(_url: str = "") -> None:
        urls = [url for _, url in _in_sight(studio) if url is not None]
        if all(thumbnails.pixmap(url) is not None or thumbnails.failed(url) for url in urls):
            thumbnails.ready.disconnect(check)
            then()

    thumbnails.ready.connect(check)
    check()


def _fill() -> None:
    """The first session (see the module's doc): the real app with ``--sandbox`` until sign-in's library
    refresh has finished and every picture in sight is in the thumbnail store; then it closes the window as a
    user would. Prints what it left on disk as JSON."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from horde_style_studio.library import StyleQuery
    from horde_style_studio.services.thumb_store import ThumbStore
    from horde_style_studio.ui import composition
    from horde_style_studio.ui.app import main as app_main

    studios: list[Any] = []
    waiting = ["the window's server side"]
    problems: list[str] = []
    left: dict[str, int] = {}

    def finish(problem: str | None = None) -> None:
        poll.stop()
        deadline.stop()
        if problem is not None:
            problems.append(problem)
        if not studios:  # stuck before the studio was built: no window to close, no way out but this
            print(f"the first session did not fill the library: {problem}", file=sys.stderr, flush=True)
            os._exit(1)
        studios[0].window.close()

    def ready() -> None:
        waiting[0] = "sign-in's library refresh"
        sync = studios[0].library_sync
        sync.refreshed.connect(refreshed)
        sync.failed.connect(lambda text: finish(f"the library refresh failed: {text}"))

    def refreshed() -> None:
        waiting[0] = "the pictures in sight, into the thumbnail store"
        poll.start()

    def stored() -> None:
        studio = studios[0]
        sight = _in_sight(studio)
        if not sight:
            waiting[0] = "Browse to show the refreshed library's cards"
            return
        store = ThumbStore.for_dirs(studio.config.dirs, 0)
        urls = [url for _, url in sight if url is not None]
        broken = [url for url in urls if studio.thumbnails.failed(url) or studio.thumbnails.unreachable(url)]
        if broken:
            finish(f"{len(broken)} pictures in sight failed to load, {broken[0]} first")
            return
        if all(store.path_of(url).is_file() for url in urls):
            everything = StyleQuery(show_nsfw=True, include_gone=True, limit=None)
            left.update(styles_in_library=studio.library.count(everything), cards_in_sight=len(sight),
                        pictures_stored=len(urls))  # fmt: skip
            finish()

    poll = QTimer(interval=50)
    poll.timeout.connect(stored)
    deadline = QTimer(singleShot=True, interval=int(FILL_TIMEOUT_S * 1000))
    deadline.timeout.connect(lambda: finish(f"timed out after {FILL_TIMEOUT_S:g} s waiting for {waiting[0]}"))
    deadline.start()
    _mark_studio(composition.Studio, lambda _stage: None, ready, studios)
    code = app_main(["--sandbox"])
    del app
    if problems or code != 0:
        sys.exit(f"the first session did not fill the library: {problems[0] if problems else f'exit {code}'}")
    print(json.dumps(left), flush=True)


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


def _mark_studio(studio: Any, mark: Any, done: Any, built_ones: list[Any], watch: Any = None) -> None:
    """Marks the studio's stages: built (appended to ``built_ones``), window shown, server's side built (its
    ``ready``); ``watch`` is handed the studio's window once it is built, before it is shown."""
    build, show = studio.__init__, studio._show_window

    def built(self: Any, config: Any) -> None:
        build(self, config)
        mark("building_studio")
        built_ones.append(self)
        if watch is not None:
            watch(self.window)

        def ready() -> None:
            mark("server_side")
            done()

        self.ready.connect(ready)

    def shown(self: Any) -> None:
        show(self)
        mark("showing_window")

    studio.__init__, studio._show_window = built, shown


if __name__ == "__main__":
    {"fill": _fill, "app": _app, "bare": _bare}[sys.argv[1]]()
