"""Fixtures for the Qt tests: a qasync loop under pytest-qt, a keyring in memory, the app against a sandbox.

The loop recipe is DESIGN's qasync rule 6: a ``QEventLoop(already_running=True)`` is the running loop while
``qtbot`` spins Qt, and teardown never calls ``loop.stop()``.
"""

from __future__ import annotations

import asyncio
import functools
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import keyring
import pytest
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.sandbox import CUSTOMIZER_KEY
from horde_style_studio.services.paths import app_dirs
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.composition import SandboxLogin, Studio, StudioConfig
from tests.qt.helpers import Running, start
from tests.unit.services.fake_keyring import MemoryKeyring

# isort: split
import qasync

SANDBOX_URL = "http://sandbox.test/api"
# The offscreen platform cannot resize or raise windows and says so at every show().
OFFSCREEN_NOISE = "This plugin does not support (propagateSizeHints|raise)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


SETTLE_SECONDS = 2.0  # long enough for cancelled tasks to unwind and joined threads to end


def _settle(qapp: QApplication, done: Callable[[], bool]) -> None:
    """Let Qt and the loop run until ``done()`` or :data:`SETTLE_SECONDS` passed."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while not done() and time.monotonic() < deadline:
        qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


# Pools meant to live as long as the process: the image decoder's (one memory budget for every picture
# the app decodes, ui/shared/decoding.py) starts its threads on first use and keeps them.
PROCESS_WIDE_THREADS = ("image-decode",)


@pytest.fixture(autouse=True)
def no_leftover_threads(qapp: QApplication) -> Iterator[None]:
    """A thread the test started must have ended with it (set up first, so checked after every other
    fixture of the test has closed what it opened)."""
    before = set(threading.enumerate())
    yield

    def leftovers() -> list[threading.Thread]:
        # A _DummyThread stands for a thread Python did not start (a QThread that ran Python code): it
        # stays listed after its thread ended, so only threads started through ``threading`` are judged.
        return [
            t for t in threading.enumerate()
            if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
            and not t.name.startswith(PROCESS_WIDE_THREADS)
        ]

    _settle(qapp, lambda: not leftovers())
    if found := leftovers():
        pytest.fail(f"threads left running after the test: {[t.name for t in found]}")


@pytest.fixture
def qasync_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    # Our own executor, so teardown can join the threads asyncio.to_thread used (the loop is never closed).
    executor = qasync.QThreadExecutor(2)
    loop.set_default_executor(executor)
    asyncio.set_event_loop(loop)
    yield loop

    def pending() -> list[asyncio.Task[object]]:
        return [task for task in asyncio.all_tasks(loop) if not task.done()]

    # What the app cancelled (a registry's cancel_all, a closed window) gets to finish unwinding first.
    _settle(qapp, lambda: not pending())
    leftover = pending()
    for task in leftover:
        task.cancel()
    _settle(qapp, lambda: not pending())
    executor.shutdown(wait=True)
    qapp.aboutToQuit.disconnect(loop._after_run_forever)  # connected by already_running=True, per loop
    asyncio.events._set_running_loop(None)  # private, but the only way to undo already_running=True
    asyncio.set_event_loop(None)
    if leftover:
        pytest.fail(f"asyncio tasks left running after the test: {[task.get_coro() for task in leftover]}")


@pytest.fixture
def tasks(qasync_loop: asyncio.AbstractEventLoop) -> Iterator[TaskRegistry]:
    """A task registry on the qasync loop; what a test leaves running in it is cancelled after it, as the
    app's shutdown does (tasks started outside any registry fail the test: see ``qasync_loop``)."""
    registry = TaskRegistry()
    yield registry
    for task in list(registry._tasks):
        task.cancel()


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """The system keyring, replaced by one whose entries the test can read."""
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    return backend


@pytest.fixture
def sandbox_transport() -> httpx.AsyncBaseTransport:
    from horde_style_studio.sandbox import create_app

    return httpx.ASGITransport(app=create_app())


StudioFactory = Callable[..., Studio]
CuratorStudio = Callable[[], Studio]


@pytest.fixture
def make_studio(
    qtbot: QtBot, qasync_loop: asyncio.AbstractEventLoop, memory_keyring: MemoryKeyring
) -> StudioFactory:
    """Builds the app's composition root on the test loop: ``make_studio(transport, sandbox_key=None)``.

    Every studio it built has ended after the test, as the app ends one: a studio left running ends as if
    its window had closed (without asking about unsaved edits), one never run goes through its shutdown.
    One left half alive would go on answering the desktop's colour scheme with its own older choice."""
    ran: list[Studio] = []

    def end(studio: Studio) -> None:
        if studio not in ran:
            ending = asyncio.ensure_future(studio.shutdown())
            qtbot.waitUntil(ending.done, timeout=5000)
            ending.result()
        elif studio.window.isVisible():  # the run hides the window as the last step of its shutdown
            studio.window.close_requested.emit()
            qtbot.waitUntil(studio.window.isHidden, timeout=5000)

    def make(transport: httpx.AsyncBaseTransport, *, sandbox_key: str | None = None) -> Studio:
        sandbox = SandboxLogin(SANDBOX_URL, sandbox_key) if sandbox_key else None
        config = StudioConfig(dirs=app_dirs(), base_url=SANDBOX_URL, sandbox=sandbox, transport=transport,
                              retry=NO_RETRY)
        studio = Studio(config)
        studio.ready.connect(functools.partial(ran.append, studio))
        # Ended before pytest-qt closes and deletes the window (it does so ahead of every fixture's teardown),
        # so the shutdown still has the window whose layout it saves.
        qtbot.addWidget(studio.window, before_close_func=lambda _: end(studio))
        return studio

    return make


@pytest.fixture
def curator_studio(make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport) -> CuratorStudio:
    """``curator_studio()``: a studio built (not run) on the sandbox with its curator's key; each one made in
    a test shares the sandbox and the data folder with the others, as the app reopened does."""
    return lambda: make_studio(sandbox_transport, sandbox_key=CUSTOMIZER_KEY)


@pytest.fixture
def signed_in(qtbot: QtBot, curator_studio: CuratorStudio) -> Running:
    """The app on the sandbox, running and signed in as the sandbox's curator (a customizer)."""
    studio = curator_studio()
    running = Running(studio, start(qtbot, studio))
    qtbot.waitUntil(lambda: studio.account.account is not None)
    return running
