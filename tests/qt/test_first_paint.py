"""First paint first (issue 18): the window shows the library before the server's side is imported or
built."""

from __future__ import annotations

import asyncio
import json
import os
import ssl
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot

from horde_style_studio.api import session as session_module
from horde_style_studio.api.http import CONNECTING_MODULE
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.location import library_path
from horde_style_studio.resources import ICON_SIZES
from horde_style_studio.services.paths import HOME_ENV, AppDirs
from horde_style_studio.ui.async_support import TaskRegistry, ThreadImports
from horde_style_studio.ui.composition import LAZY_TABS, THREAD_IMPORTS
from horde_style_studio.ui.painting import first_paint
from horde_style_studio.ui.widgets.lazy_page import LazyPage
from tests.qt.conftest import CuratorStudio, StudioFactory
from tests.qt.helpers import close, start, start_synced
from tests.unit.test_layers import QT_FREE

# What the first frame does without: the HTTP and keyring stacks, the sandbox's server, the other tabs, the
# style and collection models (the first page is painted from the library's rows, not from models), and
# pydantic itself (the settings are checked dataclasses; the bulk edits' models load when one is chosen).
NOT_BEFORE_PAINT = (
    "httpx", "keyring", "uvicorn", "horde_style_studio.api.session", "horde_style_studio.services.secrets",
    "horde_style_studio.sandbox.app", "horde_style_studio.ui.editor.page",
    "horde_style_studio.ui.examples.page", "horde_style_studio.ui.collections.page",
    "horde_style_studio.ui.trials.window", "horde_style_studio.domain.styles",
    "horde_style_studio.domain.collections", "horde_style_studio.domain.validation", "pydantic",
    # Nor what only a search, a sync, the Collections tab or a newer library's migration needs, nor the own
    # styles' health rules, which follow the style models.
    "horde_style_studio.library.own_collections", "horde_style_studio.library.drafts",
    "horde_style_studio.library.trials", "horde_style_studio.library.facet_index",
    "horde_style_studio.library.walk", "horde_style_studio.domain.style_lookup",
    "horde_style_studio.domain.health", "horde_style_studio.api.references",
    # Nor the detail pane's usage chart, built when its tab is first shown.
    "horde_style_studio.ui.browse.usage_chart",
    # Nor asyncio with qasync, ssl and socket: the first frame is painted by Qt's own event loop, before the
    # asyncio loop runs (the sandbox's socket listens from the start, made a socket.socket when it serves).
    "asyncio", "qasync", "ssl", "concurrent.futures", "socket", "selectors",
    # Nor what only a picture, a dialog or an error needs: the decoders and image checks, the About and error
    # dialogs, the delete questions; nor importlib.resources (package data is found beside the package).
    "horde_style_studio.ui.shared.decoding", "horde_style_studio.ui.shared.thumb_codec",
    "horde_style_studio.services.image_checks", "horde_style_studio.ui.about",
    "horde_style_studio.ui.widgets.exception_dialog", "horde_style_studio.ui.widgets.questions",
    "importlib.resources",
    # Nor the sandbox's accounts (its keys are in sandbox.constants), the migrations (the library is up to
    # date), a recovery's record, the Collections tab's records, nor platformdirs (the home is given).
    "horde_style_studio.sandbox.users", "horde_style_studio.library.schema", "platformdirs",
    "horde_style_studio.library.recovered", "horde_style_studio.workflows.collections.records",
    # Nor the window icon's six decoded sizes: set once the window has painted.
    "horde_style_studio.ui.app_icon",
    # Nor what only a right-click, a shown style, a bulk edit or a sync's writes need: the results' menu, the
    # prompt rules, the bulk-edit queue (Browse glances at its tables), the mirror's SQL and the paging modes.
    "horde_style_studio.ui.browse.context_menu", "horde_style_studio.domain.prompt",
    "horde_style_studio.library.bulk_queue", "horde_style_studio.library.mirror",
    "horde_style_studio.domain.paging",
)  # fmt: skip
# Qt classes cost their enums when first imported: the first frame marks up no template, fades no message,
# decodes no picture and opens no file dialog.
# (Not QObjects: PySide imports every QObject and QWidget class as soon as a Python event filter meets an
# object, to find its class among them.)
QT_NOT_BEFORE_PAINT = ("QTextCharFormat", "QTextFormat", "QEasingCurve", "QImageReader", "QImageWriter",
                       "QStandardPaths")  # fmt: skip

# Records the modules (and Qt classes) loaded when the first window first paints, then runs the real app.
CHILD = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and watched.isWidgetType() and watched.isWindow():
                if not hasattr(self, "seen"):
                    self.seen = sorted(sys.modules)
                    qt = [sys.modules[f"PySide6.{m}"] for m in ("QtCore", "QtGui", "QtWidgets")]
                    self.seen += sorted(name for module in qt for name in vars(module) if name[:1] == "Q")
                    print(json.dumps(self.seen), flush=True)
            return False

    watch = Watch()
    app.installEventFilter(watch)
    from horde_style_studio.ui.app import main
    code = main(["--sandbox", "--smoke-test"])
    print(json.dumps([size.width() for size in app.windowIcon().availableSizes()]), flush=True)
    sys.exit(code)
""")


def own_styles_on_disk(home: Path) -> None:
    """The --sandbox library under ``home`` as a curator's earlier run left it: styles of their own among
    others (their health badges read the styles as models) on the first page Browse shows."""
    sandbox_data = AppDirs.under(AppDirs.under(home).data / "sandbox").data
    library = StyleLibrary.open(library_path(sandbox_data, name="sandbox-modern"))
    try:
        for n, mine in enumerate((True, False, True)):
            style = ImageStyle.model_validate(
                {"id": f"00000000-0000-4000-8000-00000000000{n}", "name": f"Painted first {n}",
                 "creator": "curator#2" if mine else "other#3", "prompt": "{p}, oil###{np}", "models": []}
            )  # fmt: skip
            library.upsert_styles(StyleKind.IMAGE, [style], datetime.now(UTC), mine=mine)
    finally:
        library.close()


def run_child(source: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Runs ``source`` in a fresh interpreter, offscreen, with ``home`` as the app's data folder; it must
    exit 0."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", HOME_ENV: str(home)}
    done = subprocess.run(
        [sys.executable, "-c", source], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done


def test_the_first_frame_comes_before_the_network_keyring_and_other_tabs_are_imported(tmp_path: Path) -> None:
    own_styles_on_disk(tmp_path)
    done = run_child(CHILD, tmp_path)
    loaded = set(json.loads(done.stdout.splitlines()[0]))
    assert "horde_style_studio.ui.browse.page" in loaded  # the frame is the Browse tab's
    assert [name for name in NOT_BEFORE_PAINT if name in loaded] == []
    assert [name for name in QT_NOT_BEFORE_PAINT if name in loaded] == []
    # The icon comes a moment later, every drawn size of it, for every window (title bar, task bar).
    assert json.loads(done.stdout.splitlines()[-1]) == list(ICON_SIZES)


# Records which thread imports the style models, and whether the detail pane had shown a style by then.
MODELS_CHILD = textwrap.dedent("""
    import json, sys, threading
    from horde_style_studio.ui.browse.page import BrowsePage

    seen = []
    chosen = BrowsePage._style_chosen

    def recorded(self, row_number):
        chosen(self, row_number)
        if self.detail.current is not None and "details" not in seen:
            seen.append("details")

    BrowsePage._style_chosen = recorded

    class Spy:
        def find_spec(self, name, path=None, target=None):
            if name == "horde_style_studio.domain.styles":
                seen.append(threading.current_thread().name)
            return None

    sys.meta_path.insert(0, Spy())
    from horde_style_studio.ui.app import main
    code = main(["--sandbox", "--smoke-test"])
    print(json.dumps(seen), flush=True)
    sys.exit(code)
""")


def test_the_style_models_load_on_the_import_thread_before_the_first_style_shows(tmp_path: Path) -> None:
    """Loading them (pydantic with them) takes ~0.2 s: on the window's thread, right after the window
    appears, it would not answer meanwhile."""
    own_styles_on_disk(tmp_path)
    done = run_child(MODELS_CHILD, tmp_path)
    assert json.loads(done.stdout.splitlines()[-1]) == ["hss-imports", "details"]


# Qt classes the first frame does without building the enum types of: PySide builds every enum type of a class
# the first time Python touches it (QStyle: 11 types, 566 members, ~25M instructions). Only ``Qt``'s own are
# unavoidable.
QT_ENUMS_NOT_BEFORE_PAINT = ("QStyle",)

# Runs the real app and records, when its window first paints, the Qt classes whose enum types PySide has
# built. The filter sits on the window alone: one on the application makes PySide wrap every object it
# meets, the application's style among them, and so build QStyle itself.
ENUMS_CHILD = textwrap.dedent("""
    import enum, json, sys
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from horde_style_studio.ui import composition
    from horde_style_studio.ui.app import main

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not hasattr(self, "built"):
                # Read from the modules' and classes' dictionaries: looking a name up would build its enums.
                found = [vars(sys.modules[f"PySide6.{name}"]) for name in ("QtCore", "QtGui", "QtWidgets")]
                self.built = sorted(
                    name for names in found for name, cls in names.items()
                    if isinstance(cls, type) and any(isinstance(v, enum.EnumType) for v in vars(cls).values())
                )
                print(json.dumps(self.built), flush=True)
            return False

    paint_first = composition.Studio.paint_first

    def watched(self):
        self.window.installEventFilter(Watch(self.window))
        paint_first(self)

    composition.Studio.paint_first = watched
    sys.exit(main(["--sandbox", "--smoke-test"]))
""")


def test_the_first_frame_builds_no_enums_of_the_qt_classes_it_does_without(tmp_path: Path) -> None:
    """Browse's first page, its cards painted (selected, focused) from disk, without QStyle's enum types."""
    own_styles_on_disk(tmp_path)
    built = set(json.loads(run_child(ENUMS_CHILD, tmp_path).stdout.splitlines()[0]))
    assert {"Qt", "QListView", "QStyleOptionViewItem"} <= built  # the record sees what the first frame built
    assert [name for name in QT_ENUMS_NOT_BEFORE_PAINT if name in built] == []


def test_the_window_paints_before_the_server_side_and_the_other_tabs_are_built(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport)
    tabs = studio.window.tabs
    ready: list[bool] = []
    studio.ready.connect(lambda: ready.append(True))
    at_first_paint: list[tuple[bool, list[bool]]] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not at_first_paint:
                holders = [tabs.widget(n) for n in range(1, tabs.count())]
                at_first_paint.append((bool(ready), [isinstance(h, LazyPage) and h.built for h in holders]))
            return False

    watch = Watch()
    studio.window.installEventFilter(watch)
    task = start(qtbot, studio)
    assert at_first_paint == [(False, [False, False, False])]
    # Once up, every tab is there as before: the Editor's page sits in its tab.
    studio.window.select_tab("editor")
    assert studio.window.page("editor") is studio.editor.page
    assert studio.editor.page.isVisible()
    assert close(qtbot, studio, task) == 0


def test_the_window_answers_while_the_server_side_is_built(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    """The parts after the first paint come one turn of the event loop at a time, so what a user does right
    after the window appears (here: a timer standing for clicks and repaints) is served in between."""
    studio = make_studio(sandbox_transport)
    served: list[bool] = []
    ticks = QTimer(interval=0)
    ticks.timeout.connect(lambda: served.append(not studio._server_built))
    first = first_paint(studio.window)
    first.add_done_callback(lambda _: ticks.start())
    ready: list[int] = []
    studio.ready.connect(lambda: ready.append(len(served)))
    task = start(qtbot, studio)
    ticks.stop()
    # The event loop ran again and again before the studio was ready...
    assert ready == [ready[0]]
    assert ready[0] > len(LAZY_TABS)
    assert True in served  # ...while the server's side was still being built
    assert close(qtbot, studio, task) == 0


@contextmanager
def before_the_loop(loop: asyncio.AbstractEventLoop) -> Iterator[None]:
    """As in the app before it runs its asyncio loop: no loop runs (private asyncio API, as the loop fixture's
    own teardown uses)."""
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(loop)


def test_what_the_first_frame_asks_for_before_the_event_loop_runs_comes_once_it_runs(
    qtbot: QtBot,
    qasync_loop: asyncio.AbstractEventLoop,
    curator_studio: CuratorStudio,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app paints its first frame with Qt's own event loop, before asyncio's runs: the pictures its cards
    ask for then start loading once the studio runs on the loop, and every one of them comes."""
    earlier = curator_studio()
    close(qtbot, earlier, start_synced(qtbot, earlier))  # a library with styles and their example images
    asked: list[str] = []
    with before_the_loop(qasync_loop):
        studio = curator_studio()
        real = studio.thumbnails.pixmap

        def recorded(url: str | None) -> QPixmap | None:
            asked.extend([url] if url else [])
            return real(url)

        monkeypatch.setattr(studio.thumbnails, "pixmap", recorded)
        studio.paint_first()
    assert studio.window.isVisible()
    assert asked  # the first frame's cards asked for their pictures...
    came: set[str] = set()
    studio.thumbnails.ready.connect(came.add)
    task = start(qtbot, studio)
    qtbot.waitUntil(lambda: set(asked) <= came, timeout=20_000)  # ...and each one came
    assert [url for url in set(asked) if studio.thumbnails.pixmap(url) is None] == []
    assert close(qtbot, studio, task) == 0


def test_a_window_closed_before_the_event_loop_runs_ends_the_run_at_once(
    qtbot: QtBot, qasync_loop: asyncio.AbstractEventLoop, curator_studio: CuratorStudio
) -> None:
    with before_the_loop(qasync_loop):
        studio = curator_studio()
        studio.paint_first()
        studio.window.close()
    task = qasync_loop.create_task(studio.run())
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() == 0
    assert not studio.window.isVisible()
    assert [part for part in studio._parts if part.value is not None] == []  # none built for a closed window


def test_a_window_closed_right_after_it_appears_ends_without_building_the_rest(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport)
    first = first_paint(studio.window)
    first.add_done_callback(lambda _: QTimer.singleShot(0, studio.window.close))
    task = asyncio.get_event_loop().create_task(studio.run())
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() == 0
    assert not studio.window.isVisible()
    assert not studio._server_built  # the tabs not yet built never were; what was built is closed


def test_what_the_server_side_loads_on_a_thread_imports_no_qt() -> None:
    """Qt's Python types are set up on the UI thread only: the thread after the first paint loads modules of
    the layers that never load Qt (``tests/unit/test_layers.py`` holds them to that), and of the outside
    world only what httpx loads with its first client and on its first connection, so neither the session's
    turn nor the api's own warm-up has anything left to import."""
    ours = [name for name in THREAD_IMPORTS if name.startswith("horde_style_studio.")]
    assert {name.split(".")[1] for name in ours} <= set(QT_FREE)
    assert [name for name in THREAD_IMPORTS if name not in ours] == ["httpcore", CONNECTING_MODULE]


def test_the_sessions_certificates_load_on_the_import_thread_not_in_a_turn_of_the_window(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Loading the TLS certificates takes ~50 ms: the window would not answer meanwhile (issue 18)."""
    made = session_module.tls_context
    callers: list[str] = []

    def recorded() -> ssl.SSLContext:
        callers.append(threading.current_thread().name)
        return made()

    monkeypatch.setattr(session_module, "tls_context", recorded)
    studio = make_studio(sandbox_transport)
    task = start(qtbot, studio)
    assert callers == ["hss-imports"]
    assert close(qtbot, studio, task) == 0


def test_no_module_selects_a_pyside_feature() -> None:
    """``horde_style_studio.ui`` spares PySide6 reading every module's source for ``__feature__`` imports
    (snake_case, true_property), on the ground that the app selects none; this keeps that ground true."""
    package = Path(__file__).resolve().parents[2] / "horde_style_studio"
    selecting = [str(path) for path in package.rglob("*.py") if "from __feature__" in path.read_text()]
    assert selecting == []


# Runs the real app in sandbox mode and records, when the sandbox's server thread is started, whether the
# studio's import thread is still at work and which of the modules it imports are loaded.
SANDBOX_START_CHILD = textwrap.dedent("""
    import json, sys, threading
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from horde_style_studio.sandbox.deferred import DeferredSandbox
    from horde_style_studio.ui import app as app_module, composition

    start = DeferredSandbox.start

    def recorded(self):
        wanted = composition.THREAD_IMPORTS + app_module.SANDBOX_SERVER_MODULES
        seen = {"importing": [t.name for t in threading.enumerate() if t.name == "hss-imports"],
                "missing": [name for name in wanted if name not in sys.modules]}
        print(json.dumps(seen), flush=True)
        start(self)

    DeferredSandbox.start = recorded
    sys.exit(app_module.main(["--sandbox", "--smoke-test"]))
""")


def test_the_sandbox_server_starts_only_after_the_one_import_thread_is_done(tmp_path: Path) -> None:
    """Two threads importing pydantic at once can be handed a partly initialised module (a crash seen about
    once in a dozen sandbox launches): the sandbox's server thread starts once the studio's single import
    thread has imported everything both need, and imports none of it alongside."""
    done = run_child(SANDBOX_START_CHILD, tmp_path)
    assert json.loads(done.stdout.splitlines()[0]) == {"importing": [], "missing": []}


# Runs the real app and records the garbage collector's thresholds: the interpreter's own, at the first
# paint, and once the app has ended.
COLLECTOR_CHILD = textwrap.dedent("""
    import gc, json, sys
    usual = gc.get_threshold()
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not hasattr(self, "painting"):
                self.painting = gc.get_threshold()
            return False

    watch = Watch()
    app.installEventFilter(watch)
    from horde_style_studio.ui.app import main
    code = main(["--sandbox", "--smoke-test"])
    print(json.dumps([usual, watch.painting, gc.get_threshold()]))
    sys.exit(code)
""")


def test_the_collector_runs_rarely_until_the_first_paint_and_as_usual_after_it(tmp_path: Path) -> None:
    """Start-up's objects live as long as the app; the collector's passes over them wait until the window has
    painted, and from then on it collects at the interpreter's usual rhythm."""
    done = run_child(COLLECTOR_CHILD, tmp_path)
    usual, painting, after = json.loads(done.stdout.splitlines()[-1])
    assert painting[0] >= 100 * usual[0]
    assert after == usual


# Imports the ui, paints nothing, and makes many long-lived objects, as a benchmark or a tool might.
UNPAINTED_CHILD = textwrap.dedent("""
    import gc, json
    usual = gc.get_threshold()
    import horde_style_studio.ui
    raised = gc.get_threshold()
    kept = [[] for _ in range(300_000)]
    print(json.dumps([usual, raised, gc.get_threshold()]))
""")


def test_a_process_that_imports_the_ui_but_paints_nothing_collects_as_usual_after_its_first_collection(
    tmp_path: Path,
) -> None:
    """Without a first paint to end it, the start-up's rare rhythm lasts one collection: kept, the older
    generations' passes grew to millions of objects, a stall of over 100 ms in a 100k sync."""
    usual, raised, later = json.loads(run_child(UNPAINTED_CHILD, tmp_path).stdout.splitlines()[-1])
    assert raised[0] >= 100 * usual[0]
    assert later == usual


# Runs the real app with a fault in the first paint, and records what the user was shown when it painted.
FAULT_AT_FIRST_PAINT_CHILD = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from horde_style_studio.ui import composition
    from horde_style_studio.ui.app import main

    class Fault(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and watched is self.parent():
                watched.removeEventFilter(self)
                raise RuntimeError("a fault while the window first paints")
            return False

    paint_first = composition.Studio.paint_first

    def faulty(self):
        self.window.installEventFilter(Fault(self.window))
        paint_first(self)
        dialog = self.excepthook.dialog
        shown = dialog is not None and dialog.isVisible()
        print(json.dumps([shown, dialog.summary.text() if shown else ""]), flush=True)

    composition.Studio.paint_first = faulty
    sys.exit(main(["--sandbox", "--smoke-test"]))
""")


def test_an_error_during_start_up_shows_the_error_dialog(tmp_path: Path) -> None:
    """The error dialog's module is imported for the first error, not before the first paint: an error
    while the window first paints still shows it."""
    done = run_child(FAULT_AT_FIRST_PAINT_CHILD, tmp_path)
    shown, summary = json.loads(done.stdout.splitlines()[0])
    assert shown
    assert "a fault while the window first paints" in summary


def test_waiting_for_a_module_the_import_thread_cannot_load_ends(qtbot: QtBot, tasks: TaskRegistry) -> None:
    """A module the thread fails on (or never reaches, when it stops) keeps nobody waiting: the UI thread's
    own import then raises the real error where it is used."""
    missing = "horde_style_studio.no_such_module"
    imports = ThreadImports([missing, "json"])
    imports.wait_for(missing)  # never started: nothing to wait for
    arrived: list[str] = []

    async def started() -> None:
        imports.start()
        await imports.imported(missing)
        arrived.append(missing)
        imports.wait_for("json")
        await imports.finished()
        arrived.append("all")

    tasks.start(started())
    qtbot.waitUntil(lambda: arrived == [missing, "all"])
    assert "json" in sys.modules
