"""A curator's hour against 5.1.5 with its real limits and 30 s read caches (§1, §12)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import RetryPolicy
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.workflows.editing.style_edits import Review
from tests.qt.editor.conftest import IMAGE_DOC, SANDBOX_URL
from tests.qt.editor.test_save import load

WAIT = 20_000  # ms: the shared 2-per-second window makes requests wait their turn


@pytest.fixture
def sandbox() -> SandboxApp:
    return create_app("v5_1_5", rate_limits=True, response_cache=True)


@pytest.fixture
def session(
    qtbot: QtBot, sandbox: SandboxApp, qasync_loop: asyncio.AbstractEventLoop
) -> Iterator[HordeClientSession]:
    transport = httpx.ASGITransport(app=sandbox)
    client = HordeClientSession(SANDBOX_URL, api_key=CUSTOMIZER_KEY, transport=transport, retry=RetryPolicy())
    yield client
    closing = asyncio.ensure_future(client.aclose())
    qtbot.waitUntil(closing.done)


def _step(qtbot: QtBot, tasks: TaskRegistry, presenter: EditorPresenter, signal: Any, action: Any) -> Any:
    failures: list[str] = []
    presenter.failed.connect(failures.append)
    try:
        with qtbot.waitSignal(signal, timeout=WAIT) as blocker:
            action()
        qtbot.waitUntil(lambda: len(tasks) == 0, timeout=WAIT)
    finally:
        presenter.failed.disconnect(failures.append)
    assert failures == []
    return (blocker.args or [None])[0]


def test_twelve_saves_each_checked_for_conflicts_then_a_delete_all_succeed(
    qtbot: QtBot, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp
) -> None:
    load(presenter, StyleKind.IMAGE, {**IMAGE_DOC, "name": "Noir & Neon"})
    _step(qtbot, tasks, presenter, presenter.reviewed, presenter.review)
    _step(qtbot, tasks, presenter, presenter.saved, presenter.save)
    style_id = presenter.state.style_id
    assert style_id is not None
    for n in range(12):
        presenter.set_field("params.steps", 10 + n)
        review = _step(qtbot, tasks, presenter, presenter.reviewed, presenter.review)
        assert isinstance(review, Review)
        assert not review.conflict, review.theirs  # neither the cache nor the escaping is someone's change
        assert [change.path for change in review.changes] == ["params.steps"]
        _step(qtbot, tasks, presenter, presenter.saved, presenter.save)
        assert sandbox.state_store.styles[style_id].params["steps"] == 10 + n
    _step(qtbot, tasks, presenter, presenter.deleted, presenter.delete)
    assert style_id not in sandbox.state_store.styles
