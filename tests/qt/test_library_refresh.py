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
        lambda: any("Could not refresh" in text for _, text in studio.window.message_bar.messages())
    )
    assert close(qtbot, studio, task) == 0
