"""After sign-in the library fills in the background, and the tabs that search it see the styles."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleQuery
from horde_style_studio.sandbox import USER_KEY, SandboxApp
from horde_style_studio.ui.composition import Studio
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start, start_synced

EVERYTHING = StyleQuery(kind=StyleKind.IMAGE, limit=10_000, show_nsfw=True)


def _synced_user(qtbot: QtBot, make_studio: StudioFactory) -> tuple[SandboxApp, Studio, asyncio.Task[int]]:
    """A sandbox of its own (for its faults and styles), the app signed in as a plain user, library synced."""
    from horde_style_studio.sandbox import create_app

    app = create_app()
    studio = make_studio(httpx.ASGITransport(app=app), sandbox_key=USER_KEY)
    return app, studio, start_synced(qtbot, studio)


def test_sign_in_fills_the_library_and_the_collections_style_list(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport, sandbox_key=USER_KEY)
    assert studio.library.count(StyleQuery(kind=StyleKind.IMAGE)) == 0
    task = start_synced(qtbot, studio)
    assert studio.library.count(StyleQuery(kind=StyleKind.IMAGE, limit=10_000)) >= 150
    styles = studio.collections.page.styles
    qtbot.waitUntil(lambda: styles.rowCount() > 0)
    assert close(qtbot, studio, task) == 0


def test_a_failed_refresh_is_said_in_the_messages(qtbot: QtBot, make_studio: StudioFactory) -> None:
    from horde_style_studio.sandbox import create_app

    app = create_app()
    app.faults.add("server_error", method="GET", path=r"/api/v2/styles/image$", times=None)
    studio = make_studio(httpx.ASGITransport(app=app), sandbox_key=USER_KEY)
    with qtbot.waitSignal(studio.library_sync.failed, timeout=30_000) as failed:
        task = start(qtbot, studio)
    assert "Could not refresh the style library" in str(failed.args[0])
    qtbot.waitUntil(
        lambda: any("Could not refresh" in text for _, text in studio.window.message_view.messages())
    )
    assert close(qtbot, studio, task) == 0


def test_refresh_from_the_menu_shows_progress_and_the_time(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport, sandbox_key=USER_KEY)
    task = start_synced(qtbot, studio)
    status = studio.window.status
    assert status.library.text().startswith("Library refreshed ")
    progress: list[str] = []
    studio.library_sync.progress.connect(progress.append)
    with qtbot.waitSignal(studio.library_sync.refreshed, timeout=30_000):
        studio.window.menus.refresh_library.trigger()
    assert any(text.startswith("Refreshing image styles:") for text in progress)
    assert not status.stop_sync.isVisible()
    assert close(qtbot, studio, task) == 0


def test_stop_refreshing_cancels_and_says_so(qtbot: QtBot, make_studio: StudioFactory) -> None:
    app, studio, task = _synced_user(qtbot, make_studio)
    app.faults.add("latency", method="GET", path=r"/api/v2/styles/image$", seconds=30, times=None)
    with qtbot.waitSignal(studio.library_sync.busy, check_params_cb=lambda busy: busy, timeout=5000):
        studio.window.menus.refresh_library.trigger()
    assert studio.window.menus.stop_refresh.isEnabled()
    assert studio.window.status.stop_sync.isVisible()
    with qtbot.waitSignal(studio.library_sync.cancelled, timeout=5000):
        studio.window.status.stop_sync.click()
    messages = [text for _, text in studio.window.message_view.messages()]
    assert "Stopped refreshing the library" in messages
    assert not studio.window.menus.stop_refresh.isEnabled()
    assert close(qtbot, studio, task) == 0


@pytest.mark.logs_warning("skipped a row")
def test_an_unreadable_style_is_named_in_the_messages_and_nothing_is_marked_gone(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    app, studio, task = _synced_user(qtbot, make_studio)
    before = studio.library.count(EVERYTHING)
    app.faults.add("bad_rows", method="GET", path=r"/api/v2/styles/image$", times=1, rows=1)
    with qtbot.waitSignal(studio.library_sync.failed, timeout=30_000) as warned:
        studio.library_sync.refresh(light=False)
    spoiled = next(s for s in app.state_store.styles.values() if s.name in str(warned.args[0]))
    assert "could not be read" in str(warned.args[0])
    assert studio.library.count(EVERYTHING) == before
    row = studio.library.get_row(spoiled.id)
    assert row is not None
    assert not row.gone
    qtbot.waitUntil(lambda: any(spoiled.name in text for _, text in studio.window.message_view.messages()))
    assert close(qtbot, studio, task) == 0


def test_a_refresh_that_would_mark_most_styles_gone_asks_first(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    app, studio, task = _synced_user(qtbot, make_studio)
    before = studio.library.count(EVERYTHING)
    images = [s for s in app.state_store.styles.values() if s.kind == "image" and s.public]
    for style in images[: len(images) * 3 // 4]:
        style.public = False
    with qtbot.waitSignal(studio.library_sync.gone_held_back, timeout=30_000):
        studio.library_sync.refresh(light=False)
    assert studio.library.count(EVERYTHING) == before  # nothing marked gone before the answer
    box = studio.gone_question
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "Mark them gone" in box.text()
    mark = next(b for b in box.buttons() if b.text() == "Mark gone")
    with qtbot.waitSignal(studio.library_sync.refreshed, timeout=30_000):
        mark.click()
    assert studio.library.count(EVERYTHING) == before - len(images) * 3 // 4
    assert close(qtbot, studio, task) == 0


def test_lists_the_server_put_off_are_named_with_the_time_and_fetched_then(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    from horde_style_studio.sandbox import create_app
    from horde_style_studio.workflows.sync.followup import FollowUp

    app = create_app("v5_1_5")
    limited = {"Retry-After": "25"}
    app.faults.add("status", method="GET", path=r"/api/v2/styles/image$", times=1, status=429,
                   headers=limited, body={"message": "2 per 1 second"})  # fmt: skip
    studio = make_studio(httpx.ASGITransport(app=app), sandbox_key=USER_KEY)
    waits: list[float] = []

    async def wait_for_retry(seconds: float) -> None:
        waits.append(seconds)

    studio.library_sync.wait_for_retry = wait_for_retry
    with qtbot.waitSignal(studio.library_sync.incomplete, timeout=30_000) as put_off:
        task = start(qtbot, studio)
    later = put_off.args[0]
    assert isinstance(later, FollowUp)
    assert later.lists == {"image"}
    assert later.text.startswith("Not refreshed yet: image styles.")
    assert f"tries again at {later.at.astimezone():%H:%M:%S}" in later.text
    status = studio.window.status.library
    assert status.text() == f"Library incomplete, next try {later.at.astimezone():%H:%M:%S}"
    assert any(text == later.text for _, text in studio.window.message_view.messages())
    public = sum(1 for s in app.state_store.styles.values() if s.kind == "image" and s.public)
    everything = StyleQuery(kind=StyleKind.IMAGE, show_nsfw=True, limit=None)
    qtbot.waitUntil(lambda: studio.library.count(everything) >= public, timeout=30_000)
    assert 20 < waits[0] <= 25
    qtbot.waitUntil(lambda: status.text().startswith("Library refreshed "), timeout=10_000)
    assert close(qtbot, studio, task) == 0
