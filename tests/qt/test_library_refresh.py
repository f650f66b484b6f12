"""After sign-in the library fills in the background, and the tabs that search it see the styles."""

from __future__ import annotations

import httpx
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.base import StyleKind
from horde_style_studio.library import StyleQuery
from horde_style_studio.sandbox import USER_KEY
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start


def test_sign_in_fills_the_library_and_the_collections_style_list(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport, sandbox_key=USER_KEY)
    assert studio.library.count(StyleQuery(kind=StyleKind.IMAGE)) == 0
    with qtbot.waitSignal(studio.library_sync.refreshed, timeout=30_000):
        task = start(qtbot, studio)
    assert studio.library.count(StyleQuery(kind=StyleKind.IMAGE, limit=10_000)) >= 150
    styles = studio.collections.page.styles
    qtbot.waitUntil(lambda: styles.rowCount() > 0)
    assert close(qtbot, studio, task) == 0


def test_a_failed_refresh_is_said_in_the_message_bar(qtbot: QtBot, make_studio: StudioFactory) -> None:
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
    with qtbot.waitSignal(studio.library_sync.refreshed, timeout=30_000):
        task = start(qtbot, studio)
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
    from horde_style_studio.sandbox import create_app

    app = create_app()
    studio = make_studio(httpx.ASGITransport(app=app), sandbox_key=USER_KEY)
    with qtbot.waitSignal(studio.library_sync.refreshed, timeout=30_000):
        task = start(qtbot, studio)
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
