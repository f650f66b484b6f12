"""Fixtures for the Qt tests: a qasync loop under pytest-qt, a keyring in memory, the app against a sandbox.

The loop recipe is DESIGN's qasync rule 6: a ``QEventLoop(already_running=True)`` is the running loop while
``qtbot`` spins Qt, and teardown never calls ``loop.stop()``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import keyring
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.services.paths import app_dirs
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.composition import SandboxLogin, Studio, StudioConfig
from horde_style_studio.ui.stylesheet import app_stylesheet
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


@pytest.fixture
def qasync_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    qapp.setStyleSheet(app_stylesheet())
    loop = qasync.QEventLoop(qapp, already_running=True)
    # Our own executor, so teardown can join the threads asyncio.to_thread used (the loop is never closed).
    executor = qasync.QThreadExecutor(2)
    loop.set_default_executor(executor)
    asyncio.set_event_loop(loop)
    yield loop
    for task in asyncio.all_tasks(loop):
        task.cancel()
    qapp.processEvents()
    executor.shutdown(wait=True)
    qapp.aboutToQuit.disconnect(loop._after_run_forever)  # connected by already_running=True, per loop
    asyncio.events._set_running_loop(None)  # private, but the only way to undo already_running=True
    asyncio.set_event_loop(None)


@pytest.fixture
def tasks(qasync_loop: asyncio.AbstractEventLoop) -> Iterator[TaskRegistry]:
    """A task registry on the qasync loop; what a test leaves running is cancelled after it."""
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


@pytest.fixture
def make_studio(
    qtbot: QtBot, qasync_loop: asyncio.AbstractEventLoop, memory_keyring: MemoryKeyring
) -> StudioFactory:
    """Builds the app's composition root on the test loop: ``make_studio(transport, sandbox_key=None)``."""

    def make(transport: httpx.AsyncBaseTransport, *, sandbox_key: str | None = None) -> Studio:
        sandbox = SandboxLogin(SANDBOX_URL, sandbox_key) if sandbox_key else None
        config = StudioConfig(dirs=app_dirs(), base_url=SANDBOX_URL, sandbox=sandbox, transport=transport,
                              retry=NO_RETRY)
        studio = Studio(config)
        qtbot.addWidget(studio.window)
        return studio

    return make
