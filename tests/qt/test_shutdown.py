"""Closing the app while requests are in flight: every task cancelled, the session closed, no warnings."""

from __future__ import annotations

import asyncio

import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.services.paths import app_dirs
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import Hanging, close, start


def test_closing_with_a_request_in_flight_cancels_it_and_closes_the_session(
    qtbot: QtBot, make_studio: StudioFactory, qasync_loop: asyncio.AbstractEventLoop,
    recwarn: pytest.WarningsRecorder,
) -> None:
    horde = Hanging()
    studio = make_studio(horde)
    task = start(qtbot, studio)
    dialog = studio.open_sign_in()
    dialog.key.setText("a-key-that-never-gets-an-answer")
    dialog.submit.click()
    # The request is counted in flight a turn of the event loop before it reaches the transport.
    qtbot.waitUntil(lambda: horde.arrived == 1)
    assert studio.session.in_flight == 1
    assert studio.window.status.busy_text.text() == "1 request"
    assert studio.window.status.busy_bar.isVisible()
    # The sign-in; Browse's facet count at start-up (on the library's reader thread) ends on its own.
    qtbot.waitUntil(lambda: len(studio.tasks) == 1)

    assert close(qtbot, studio, task) == 0
    assert studio.session.closed
    assert studio.session.in_flight == 0
    assert len(studio.tasks) == 0
    assert [t for t in asyncio.all_tasks(qasync_loop) if not t.done()] == []
    assert studio.account.account is None
    assert not studio.window.isVisible()
    assert [str(w.message) for w in recwarn] == []


def test_file_quit_ends_the_run_and_saves_the_layout(qtbot: QtBot, make_studio: StudioFactory) -> None:
    studio = make_studio(Hanging())
    task = start(qtbot, studio)
    studio.window.menus.quit.trigger()
    qtbot.waitUntil(task.done)
    assert task.result() == 0
    assert studio.session.closed
    assert (app_dirs().config / "settings.json").exists()
