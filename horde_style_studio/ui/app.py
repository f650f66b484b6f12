"""Entry point of the desktop app (``horde-style-studio`` and ``python -m horde_style_studio``)."""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

# PySide6 before anything that may import qasync (DESIGN qasync rule 1).
from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from horde_style_studio import APP_ID, APP_NAME, version
from horde_style_studio.domain.redaction import install_secret_filter
from horde_style_studio.resources import DESKTOP_ID
from horde_style_studio.services.paths import AppDirs, app_dirs
from horde_style_studio.services.settings_values import normalize_server_url
from horde_style_studio.ui.async_support import run_on_qt_loop
from horde_style_studio.ui.composition import SANDBOX_PROFILE, SandboxLogin, Studio, StudioConfig
from horde_style_studio.ui.single_instance import ALREADY_RUNNING, SingleInstance

if TYPE_CHECKING:
    from horde_style_studio.sandbox.app import SandboxApp
    from horde_style_studio.sandbox.constants import Behaviour
    from horde_style_studio.sandbox.deferred import DeferredSandbox
    from horde_style_studio.sandbox.faults import FaultKind

# The sandbox's Behaviour values, spelled out: importing the sandbox costs ~140 ms of start-up that runs
# without --sandbox never need (a test keeps the two in step).
BEHAVIOURS = ("modern", "v5_1_5")
# What the in-app sandbox's server thread imports, imported ahead by the studio's one import thread: the
# server thread starts only after it (two threads importing pydantic at once can break its import).
SANDBOX_SERVER_MODULES = (
    "uvicorn",
    "horde_style_studio.sandbox.app",
    "horde_style_studio.sandbox.server",
    "importlib.metadata",
)
# Where each hostile answer the sandbox can give applies: style text, or its example images.
SANDBOX_FAULTS = {
    "html_text": r"/v2/(styles|collections)",
    "trickle": r"/sandbox-images/",
    "svg_as_png": r"/sandbox-images/",
}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=APP_ID, description=f"{APP_NAME}: curate the AI Horde's styles.")
    parser.add_argument(
        "--version", action=_PrintVersion, nargs=0, help="show program's version number and exit"
    )
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="run against a practice Horde inside the app, signed in as its demo customizer",
    )
    parser.add_argument(
        "--base-url", metavar="URL", type=_server_url, help="the AI Horde API to use instead of the settings'"
    )
    parser.add_argument(
        "--behaviour",
        choices=BEHAVIOURS,
        default="modern",
        help="with --sandbox: imitate the documented 5.1.13 server (modern) or 5.1.5 with its bugs",
    )
    parser.add_argument(
        "--fresh-sandbox",
        action="store_true",
        help="with --sandbox: forget what earlier sandbox runs created and start from the demo data",
    )
    # Shows the window, waits for it to paint, and quits with 0: the packaging tests' "does it start".
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--debug", action="store_true", help="log debug messages to stderr")
    # A tester's switch: the sandbox answers as a hostile server or image host would (issue 14).
    parser.add_argument("--sandbox-fault", choices=SANDBOX_FAULTS, action="append", default=[],
                        help=argparse.SUPPRESS)
    # A tester's switch: one JSON line per request the sandbox receives (what closing the window cancels).
    parser.add_argument("--sandbox-request-log", type=Path, metavar="FILE", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


class _PrintVersion(argparse.Action):
    """argparse's own version action wants the text up front; reading the version costs start-up time."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"{parser.prog} {version()}")
        parser.exit()


def _server_url(text: str) -> str:
    try:
        return normalize_server_url(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    install_secret_filter()  # with --debug, qasync logs the callbacks it runs, keys among their arguments
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(DESKTOP_ID)
    # The main coroutine, not the last closed window, decides when the app ends (DESIGN qasync rule 2).
    app.setQuitOnLastWindowClosed(False)
    instance = _single_instance(args)
    if not instance.claim():
        print(
            f"{APP_NAME} already runs on this data folder: its window was brought forward.", file=sys.stderr
        )
        return 0
    try:
        with _sandbox(args) as (dirs, sandbox, serve):
            config = StudioConfig(
                dirs=dirs, base_url=args.base_url, sandbox=sandbox, smoke_test=args.smoke_test,
                thread_imports=SANDBOX_SERVER_MODULES if serve is not None else (),
            )  # fmt: skip

            def after_imports() -> None:
                app.setApplicationVersion(version())  # importlib.metadata: email and more
                if serve is not None:
                    serve()

            # The first studio is built and painted before the asyncio loop exists, so the first frame does
            # without asyncio and qasync; it runs on the loop from there (issue 18).
            first = Studio(config)
            first.paint_first()
            _set_window_icon(app)
            return run_on_qt_loop(
                app, lambda: run_studios(config, instance, after_imports=after_imports, first=first)
            )
    finally:
        instance.release()


def _set_window_icon(app: QApplication) -> None:
    """Every window's icon, set once the first frame is painted (issue 18): decoding its six sizes costs
    ~5 ms, which under X11 Qt pays when the window is created if the icon is set before; a window already
    shown takes the new icon at once (title bar, task bar)."""
    from horde_style_studio.ui.app_icon import application_icon

    app.setWindowIcon(application_icon())


def _single_instance(args: argparse.Namespace) -> SingleInstance:
    """The guard of this run's data folder; the sandbox's lock sits beside its home, which --fresh-sandbox
    deletes."""
    if args.sandbox:
        home = sandbox_home()
        return SingleInstance(home, home.with_name("sandbox.lock"))
    data = app_dirs().data
    return SingleInstance(data, data / "instance.lock")


async def run_studios(
    config: StudioConfig,
    instance: SingleInstance | None = None,
    *,
    after_imports: Callable[[], None] | None = None,
    first: Studio | None = None,
) -> int:
    """Run the studio until the user quits; when they switch server, build the next one for it.

    ``first`` is the first studio when it was built (and painted) before the loop ran; the tasks it was asked
    to start meanwhile start on this loop. ``after_imports`` runs once, when the first studio has painted its
    window and imported what its server's side needs (``Studio.imported``): the in-app sandbox's server starts
    then, importing nothing alongside."""
    while True:
        # Every later studio is built inside the loop, so everything it creates belongs to the qasync loop.
        studio, first = first if first is not None else Studio(config), None
        if after_imports is not None:
            _once(studio.imported, after_imports)
            after_imports = None
        with _close_on_signals(studio.window), _shown_on_request(instance, studio):
            code = await studio.run()
        if studio.reopen is None:
            return code
        # The user chose another server in Settings: the next studio is built for it; this one goes.
        config = studio.reopen
        studio.window.deleteLater()
        studio.deleteLater()


def _once(signal: SignalInstance, then: Callable[[], None]) -> None:
    def once() -> None:
        signal.disconnect(once)
        then()

    signal.connect(once)


@contextmanager
def _shown_on_request(instance: SingleInstance | None, studio: Studio) -> Iterator[None]:
    """A second copy started on the same data folder brings this window forward and is told of here. This
    copy listens for it once the studio is up (a second copy keeps trying until then)."""
    if instance is None:
        yield
        return

    def bring_forward() -> None:
        window = studio.window
        window.showNormal() if window.isMinimized() else window.show()
        window.raise_()
        window.activateWindow()
        window.messages.info(ALREADY_RUNNING)

    instance.show_requested.connect(bring_forward)
    studio.ready.connect(instance.listen)
    try:
        yield
    finally:
        studio.ready.disconnect(instance.listen)
        instance.show_requested.disconnect(bring_forward)


@contextmanager
def _close_on_signals(window: QWidget) -> Iterator[None]:
    """Ctrl+C in a terminal or a SIGTERM closes the window, so they take the same clean way out."""
    import asyncio

    loop = asyncio.get_running_loop()
    installed = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, window.close)
        except (NotImplementedError, RuntimeError):  # Windows loops have no signal handlers
            continue
        installed.append(signum)
    try:
        yield
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)


@contextmanager
def _sandbox(
    args: argparse.Namespace,
) -> Iterator[tuple[AppDirs, SandboxLogin | None, Callable[[], None] | None]]:
    """Without --sandbox: the real dirs and no sandbox. With it: a sandbox, a home of its own, and what
    starts the sandbox's server. Its socket listens at once, so requests made before the server runs wait
    in the socket's queue; the server itself (uvicorn and the seed data: a quarter of a second and more) is
    built after the first paint, on its own thread.

    The sandbox home (``<data dir>/sandbox``) holds the sandbox's settings, library and server state, so what
    a user builds there survives a restart, while the real settings, library and keyring are never touched.
    ``--fresh-sandbox`` starts it over from the seed data.
    """
    if not args.sandbox:
        yield app_dirs(), None, None
        return
    # Imported here, and only the keys: uvicorn and the seed data cost start-up time.
    from horde_style_studio.sandbox.constants import CUSTOMIZER_KEY, MODERATOR_KEY, USER_KEY

    home = sandbox_home()
    if args.fresh_sandbox:
        shutil.rmtree(home, ignore_errors=True)
    dirs = AppDirs.under(home)
    state = dirs.data / f"sandbox-horde-{args.behaviour}.json"
    deferred = _deferred_sandbox(args.behaviour, state, args.sandbox_fault, args.sandbox_request_log)
    try:
        demo = {SANDBOX_PROFILE: CUSTOMIZER_KEY, "Sandbox user": USER_KEY, "Sandbox moderator": MODERATOR_KEY}
        login = SandboxLogin(deferred.base_url, CUSTOMIZER_KEY, demo, library=f"sandbox-{args.behaviour}")
        yield dirs, login, deferred.start
    finally:
        deferred.stop()


def _deferred_sandbox(
    behaviour: Behaviour, state: Path, faults: list[FaultKind], request_log: Path | None = None
) -> DeferredSandbox:
    from horde_style_studio.sandbox.deferred import DeferredSandbox

    def prepare(app: SandboxApp) -> None:
        for fault in faults:
            app.faults.add(fault, method="GET", path=SANDBOX_FAULTS[fault], times=None)

    return DeferredSandbox(
        behaviour=behaviour, state_file=state, prepare=prepare, request_log_file=request_log
    )


def sandbox_home() -> Path:
    return app_dirs().data / "sandbox"
