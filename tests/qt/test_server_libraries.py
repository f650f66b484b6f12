"""Each server has its own library: favourites and drafts stay with theirs, the older single library moves to
the configured server, and choosing another server in Settings reopens the app on that server's library."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator

import httpx
import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.location import legacy_library_path, library_path
from horde_style_studio.sandbox import create_app
from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.settings import AppSettings, SettingsStore
from horde_style_studio.ui.app import run_studios
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.composition import Studio, StudioConfig
from horde_style_studio.ui.main_window import MainWindow
from horde_style_studio.ui.shared.messages import Level
from horde_style_studio.ui.widgets.settings_dialog import SettingsDialog
from tests.qt.collections.conftest import fill_library
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import Running, close, start

SERVER_A = "https://a.example/api"
SERVER_B = "https://b.example/api"


class TwoHordes(httpx.AsyncBaseTransport):
    """Two sandbox Hordes, told apart by host name, the way two real servers are."""

    def __init__(self) -> None:
        self.by_host = {"a.example": httpx.ASGITransport(app=create_app()),
                        "b.example": httpx.ASGITransport(app=create_app())}  # fmt: skip

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.by_host[request.url.host].handle_async_request(request)


Opener = Callable[[StudioConfig], Running]


@pytest.fixture
def open_on(qtbot: QtBot, qasync_loop: asyncio.AbstractEventLoop) -> Iterator[Opener]:
    """``open_on(config)``: a studio built from ``config`` and running, as the app's main loop builds it."""
    made: list[Running] = []

    def make(config: StudioConfig) -> Running:
        studio = Studio(config)
        made.append(Running(studio, start(qtbot, studio)))
        return made[-1]

    yield make
    # Not left to pytest-qt, which would delete the window of a studio still running (one whose editor
    # asked about its draft) before its shutdown had saved the layout and closed the library.
    for running in made:
        if not running.task.done():
            running.studio.window.close_requested.emit()
            qtbot.waitUntil(running.task.done, timeout=5000)
        running.studio.window.deleteLater()
    made.clear()
    # The studios' Qt objects go now, not whenever the collector next runs into them (in the middle of
    # some unrelated compile, say).
    gc.collect()


def _first_start_on(server_url: str) -> StudioConfig:
    SettingsStore.for_dirs(app_dirs()).save(AppSettings(server_url=server_url))
    return StudioConfig(dirs=app_dirs(), transport=TwoHordes(), retry=NO_RETRY)


def _filled(*servers: str) -> None:
    for url in servers:
        fill_library(library_path(app_dirs().data, server_url=url), create_app())


def _choose_server(studio: Studio, url: str) -> None:
    """Settings ▸ Server URL ▸ OK, as the user does."""
    dialog = studio.open_settings()
    dialog.server_url.setText(url)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def switch_server(qtbot: QtBot, running: Running, url: str) -> StudioConfig:
    """Choose ``url`` in Settings; the config the app reopens with."""
    _choose_server(running.studio, url)
    qtbot.waitUntil(running.task.done, timeout=5000)
    assert running.task.result() == 0
    assert not running.studio.window.isVisible()
    assert running.studio.reopen is not None
    return running.studio.reopen


def _favourite_first_style(qtbot: QtBot, studio: Studio) -> str:
    detail = studio.browse_page.detail
    qtbot.waitUntil(lambda: detail.current is not None)
    assert detail.current is not None
    detail.favourite.click()
    assert studio.library.is_favourite(detail.current.id)
    return detail.current.id


def _favourites_shown(studio: Studio) -> int:
    page = studio.browse_page
    page.filters.favourites.setChecked(True)
    count = page.model.rowCount()
    page.filters.favourites.setChecked(False)
    return count


def test_two_servers_keep_separate_favourites(qtbot: QtBot, open_on: Opener) -> None:
    _filled(SERVER_A, SERVER_B)
    on_a = open_on(_first_start_on(SERVER_A))
    liked = _favourite_first_style(qtbot, on_a.studio)
    assert _favourites_shown(on_a.studio) == 1

    on_b = open_on(switch_server(qtbot, on_a, SERVER_B))
    on_b_studio = on_b.studio
    assert on_b_studio.session.base_url == SERVER_B
    assert on_b_studio.library.path == library_path(app_dirs().data, server_url=SERVER_B)
    assert on_b_studio.library.get_row(liked) is not None  # the same style is on both servers...
    assert not on_b_studio.library.is_favourite(liked)  # ...but liked only on A
    assert _favourites_shown(on_b_studio) == 0
    assert on_b_studio.browse_page.model.rowCount() > 0
    assert on_b_studio.window.status.server.text() == "Server: b.example"
    assert (Level.INFO, "Now working with b.example: each server has its own library, favourites and "
            "notes.") in on_b_studio.window.message_view.messages()  # fmt: skip

    on_a_again = open_on(switch_server(qtbot, on_b, SERVER_A)).studio
    assert on_a_again.library.is_favourite(liked)
    assert _favourites_shown(on_a_again) == 1
    assert SettingsStore.for_dirs(app_dirs()).load().settings.server_url == SERVER_A


def test_the_same_server_spelled_otherwise_is_no_switch(qtbot: QtBot, open_on: Opener) -> None:
    running = open_on(_first_start_on(SERVER_A))
    _choose_server(running.studio, SERVER_A + "/")
    assert running.studio.window.isVisible()
    assert close(qtbot, running.studio, running.task) == 0
    assert running.studio.reopen is None


def test_an_unsaved_draft_stays_with_its_server_and_is_back_on_return(qtbot: QtBot, open_on: Opener) -> None:
    on_a = open_on(_first_start_on(SERVER_A))
    editor = on_a.studio.editor
    name = editor.page.form().field("name")
    name.input.setText("Half-done noir")  # type: ignore[attr-defined]  # a LineField
    name.input.textEdited.emit("Half-done noir")  # type: ignore[attr-defined]  # as typing does
    assert editor.has_unsaved_changes()

    on_b = open_on(switch_server(qtbot, on_a, SERVER_B))
    [(level, notice)] = on_b.studio.window.message_view.messages()
    assert level == Level.INFO
    assert "Your unsaved editor draft stays with a.example" in notice
    assert not on_b.studio.editor.has_unsaved_changes()
    assert on_b.studio.editor.presenter.state.name != "Half-done noir"

    on_a_again = open_on(switch_server(qtbot, on_b, SERVER_A)).studio
    assert on_a_again.editor.presenter.state.name == "Half-done noir"
    assert on_a_again.editor.has_unsaved_changes()


def test_the_app_reopens_on_the_chosen_server(qtbot: QtBot, qasync_loop: asyncio.AbstractEventLoop) -> None:
    _filled(SERVER_B)
    task = qasync_loop.create_task(run_studios(_first_start_on(SERVER_A)))
    first = _shown_window(qtbot)
    assert _browse(first).model.rowCount() == 0  # nothing was ever fetched from A
    first.menus.settings.trigger()
    [dialog] = first.findChildren(SettingsDialog)
    dialog.server_url.setText(SERVER_B)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=5000)  # gone, not just hidden
    second = _shown_window(qtbot)
    assert _browse(second).model.rowCount() > 0
    assert second.status.server.text() == "Server: b.example"
    second.close()
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.result() == 0
    # The app's process ends here; in the test run the window goes, so no later test finds it.
    second.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(second))


def _shown_window(qtbot: QtBot) -> MainWindow:
    """The app's main window once it is on screen (the app's loop keeps its studio to itself)."""
    found: list[MainWindow] = []

    def shown() -> bool:
        widgets = QApplication.topLevelWidgets()
        found[:] = [w for w in widgets if isinstance(w, MainWindow) and w.isVisible()]
        return len(found) == 1

    qtbot.waitUntil(shown, timeout=5000)
    return found[0]


def _browse(window: MainWindow) -> BrowsePage:
    page = window.page("browse")
    assert isinstance(page, BrowsePage)
    return page


def test_the_library_of_an_older_version_moves_to_the_configured_server(open_on: Opener) -> None:
    old = legacy_library_path(app_dirs().data)
    fill_library(old, create_app())
    older = StyleLibrary.open(old)
    older.set_favourite("kept-from-before")
    older.close()
    studio = open_on(_first_start_on(SERVER_B)).studio
    assert not old.exists()
    assert studio.library.path == library_path(app_dirs().data, server_url=SERVER_B)
    assert studio.library.is_favourite("kept-from-before")
    assert studio.browse_page.model.rowCount() > 0
    assert studio.library.recovered is None


def test_the_sandbox_takes_the_older_library_of_its_own_home(make_studio: StudioFactory) -> None:
    old = legacy_library_path(app_dirs().data)
    older = StyleLibrary.open(old)
    older.set_favourite("sandbox-favourite")
    older.close()
    studio = make_studio(httpx.MockTransport(lambda r: httpx.Response(503)), sandbox_key="unused")
    assert studio.library.path == library_path(app_dirs().data, name="sandbox")
    assert studio.library.is_favourite("sandbox-favourite")
    assert not old.exists()


def test_a_library_damaged_inside_is_replaced_and_said_so_once_the_window_is_up(
    qtbot: QtBot, open_on: Opener
) -> None:
    _filled(SERVER_B)
    path = library_path(app_dirs().data, server_url=SERVER_B)
    raw = bytearray(path.read_bytes())
    raw[4096 * 3 : 4096 * 6] = b"\xff" * (4096 * 3)  # pages in the middle, the header left whole
    path.write_bytes(bytes(raw))
    studio = open_on(_first_start_on(SERVER_B)).studio
    qtbot.waitUntil(lambda: studio.library.recovered is not None, timeout=5000)
    warnings = [text for level, text in studio.window.message_view.messages() if level is Level.WARNING]
    assert any("damaged" in text for text in warnings)
    assert studio.library.recovered is not None
    assert studio.library.recovered.moved_to is not None
    assert studio.library.recovered.moved_to.exists()
    assert studio.library.path == path
