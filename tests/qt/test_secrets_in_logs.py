"""Issue 14 item 6: at DEBUG level, with every logger of every library captured, the API key appears in no
record while the app signs in, syncs, saves and fails, not even when a hostile server uses it as a field
name in an error body."""

from __future__ import annotations

import logging

import httpx
import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.sandbox import CUSTOMIZER_KEY, create_app
from tests.qt.conftest import StudioFactory
from tests.qt.editor.conftest import IMAGE_DOC, run
from tests.qt.editor.test_save import load, review
from tests.qt.editor.test_wiring import _press
from tests.qt.helpers import start

KEY = CUSTOMIZER_KEY


def keep_draft() -> None:
    _press("Keep as draft")


def everything_logged(records: list[logging.LogRecord]) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) + repr(record.args) for record in records)


def test_no_record_of_any_logger_shows_the_key(
    qtbot: QtBot, make_studio: StudioFactory, caplog: pytest.LogCaptureFixture
) -> None:
    sandbox = create_app()
    caplog.set_level(logging.DEBUG)  # the root logger: every library's records, qasync's among them
    studio = make_studio(httpx.ASGITransport(app=sandbox))
    task = start(qtbot, studio)
    dialog = studio.open_sign_in()
    dialog.profile.setText("work")
    dialog.key.setText(KEY)
    with qtbot.waitSignal(studio.account.signed_in, timeout=10_000):
        dialog.submit.click()
    dialog.close()
    with qtbot.waitSignal(studio.library_sync.refreshed, timeout=20_000):
        studio.library_sync.refresh(light=False)
    presenter, tasks = studio.editor.presenter, studio.tasks
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    review(qtbot, presenter, tasks)
    run(qtbot, tasks, presenter.saved, presenter.save)
    hostile = {"message": "Input payload validation failed", "errors": {KEY: f"{KEY} is not allowed"}}
    sandbox.faults.add("status", method="POST", path="/v2/styles/image$", status=400, body=hostile)
    load(presenter, StyleKind.IMAGE, {**IMAGE_DOC, "name": "Second Neon"})
    review(qtbot, presenter, tasks)
    [problem] = run(qtbot, tasks, presenter.failed, presenter.save)
    leaks = ["the error text"] if KEY in str(problem) else []
    studio.window.close()
    keep_draft()  # the close guard asks about the style that could not be saved
    qtbot.waitUntil(task.done, timeout=5000)
    assert any(r.levelno == logging.DEBUG for r in caplog.records)  # the debug log really was on
    leaks += [f"a {r.name} record" for r in caplog.records if KEY in everything_logged([r])]
    assert sorted(set(leaks)) == []
