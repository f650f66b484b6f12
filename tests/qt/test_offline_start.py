"""Issue 4: "Quitting and starting again without network shows the same library instantly."

The first run signs in against the sandbox Horde, which fills the library with the start-up light refresh,
and quits. The second run starts in the same app home with no network at all: every request ends in a
refused connection, and none is answered until the test says so.
"""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from horde_style_studio.sandbox import USER_KEY
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.shared.messages import Level
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import Gated, close, start, unreachable

PROFILE = "Curator"


def _shown(page: BrowsePage) -> tuple[str, list[str]]:
    """What the Browse tab shows: its count line and the names of the styles in the list."""
    model = page.model
    names = [str(model.index(row, 0).data()) for row in range(model.rowCount())]
    return page.count.text(), names


def _dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


@pytest.mark.logs_warning("failed: ConnectError")
def test_quitting_and_starting_again_without_network_shows_the_same_library_instantly(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    online = make_studio(sandbox_transport)
    task = start(qtbot, online)
    with qtbot.waitSignal(online.library_sync.refreshed, timeout=30_000):
        online.account.sign_in(PROFILE, USER_KEY)
    count, names = before = _shown(online.browse_page)
    assert len(names) > 20
    assert count == f"{len(names)} styles"
    last_refresh = online.window.status.library.text()
    assert last_refresh.startswith("Library refreshed ")
    assert close(qtbot, online, task) == 0

    no_network = Gated(unreachable())
    offline = make_studio(no_network)
    task = start(qtbot, offline)
    # The window is up and nothing has been answered: the library is already on screen.
    assert _shown(offline.browse_page) == before
    assert offline.window.status.library.text() == last_refresh
    qtbot.waitUntil(lambda: offline.browse_page.detail.current is not None)  # one turn of the event loop
    assert offline.browse_page.detail.current is not None
    assert offline.browse_page.detail.current.name == names[0]

    with qtbot.waitSignal(offline.account.sign_in_failed, timeout=5000):
        no_network.open()  # from now on every request is refused
    assert no_network.arrived >= 1
    [(level, text)] = offline.window.message_view.messages()
    assert level == Level.WARNING
    assert text == (
        f"Could not sign in to “{PROFILE}”: Could not connect to the AI Horde. Check the network and the "
        "server address."
    )
    assert _dialogs() == []  # no error dialog, no question: a line in the message bar
    assert not offline.library_sync.running
    assert _shown(offline.browse_page) == before  # the failure takes nothing off the screen
    assert offline.window.status.library.text() == last_refresh
    assert close(qtbot, offline, task) == 0
