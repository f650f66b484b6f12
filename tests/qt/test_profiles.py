"""Several profiles: stored, switched, restored at start-up, signed out; and life without a keyring."""

from __future__ import annotations

import asyncio

import httpx
import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from horde_style_studio.sandbox import CUSTOMIZER_KEY, USER_KEY
from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.secrets import SERVICE_NAME
from horde_style_studio.services.settings import AppSettings, SettingsStore
from horde_style_studio.ui.composition import Studio
from horde_style_studio.ui.main_window import MainWindow
from horde_style_studio.ui.shared.messages import Level
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start
from tests.unit.services.fake_keyring import MemoryKeyring


def _remember(memory_keyring: MemoryKeyring, active: str | None = None, **keys: str) -> None:
    """Profiles as a previous run left them: names in the settings, keys in the keyring."""
    settings = AppSettings(profiles=tuple(keys), active_profile=active)
    SettingsStore.for_dirs(app_dirs()).save(settings)
    for profile, key in keys.items():
        memory_keyring.entries[(SERVICE_NAME, profile)] = key


def _work_and_hobby(
    qtbot: QtBot, make_studio: StudioFactory, transport: httpx.AsyncBaseTransport, keyring: MemoryKeyring
) -> tuple[Studio, asyncio.Task[int]]:
    """The app started and signed in to "work" (the customizer), with "hobby" (a plain user) remembered."""
    _remember(keyring, active="work", work=CUSTOMIZER_KEY, hobby=USER_KEY)
    studio = make_studio(transport)
    with qtbot.waitSignal(studio.account.signed_in):
        task = start(qtbot, studio)
    return studio, task


def _profile_actions(studio: Studio) -> dict[str, bool]:
    return {a.text(): a.isChecked() for a in studio.window.menus.profiles.actions()}


class _WindowWatchingTransport(httpx.AsyncBaseTransport):
    """Passes requests on, noting for each whether the main window was already on screen."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.window_shown: list[bool] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        shown = [w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        self.window_shown.append(shown == [True])
        return await self.inner.handle_async_request(request)


def test_the_last_active_profile_is_signed_in_at_start_up_after_the_window_shows(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport,
    memory_keyring: MemoryKeyring,
) -> None:
    _remember(memory_keyring, active="work", work=CUSTOMIZER_KEY, hobby=USER_KEY)
    watching = _WindowWatchingTransport(sandbox_transport)
    studio = make_studio(watching)
    with qtbot.waitSignal(studio.account.signed_in) as signed:
        task = start(qtbot, studio)
    assert watching.window_shown == [True]  # one find_user, sent only once the window was up
    assert signed.args is not None
    assert signed.args[0].user.username == "sandbox_curator#1"
    assert studio.window.status.account.text() == "sandbox_curator#1"
    assert _profile_actions(studio) == {"work": True, "hobby": False}
    close(qtbot, studio, task)


def test_switching_profile_signs_in_with_that_profiles_key(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport,
    memory_keyring: MemoryKeyring,
) -> None:
    studio, task = _work_and_hobby(qtbot, make_studio, sandbox_transport, memory_keyring)
    hobby = next(a for a in studio.window.menus.profiles.actions() if a.text() == "hobby")
    with qtbot.waitSignal(studio.account.signed_in):
        hobby.trigger()
    assert studio.window.status.account.text() == "sandbox_user#2"
    assert studio.session.api_key == USER_KEY
    assert not studio.window.menus.new_style.isEnabled()
    assert studio.settings.current.active_profile == "hobby"
    assert _profile_actions(studio) == {"work": False, "hobby": True}
    close(qtbot, studio, task)
    assert SettingsStore.for_dirs(app_dirs()).load().settings.active_profile == "hobby"


def test_a_profile_whose_key_is_gone_says_so_in_the_messages(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport,
    memory_keyring: MemoryKeyring,
) -> None:
    _remember(memory_keyring, active="work", work=CUSTOMIZER_KEY)
    del memory_keyring.entries[(SERVICE_NAME, "work")]
    studio = make_studio(sandbox_transport)
    with qtbot.waitSignal(studio.account.sign_in_failed):
        task = start(qtbot, studio)
    [(level, text)] = studio.window.message_view.messages()
    assert level == Level.WARNING
    assert "No API key is stored for the profile “work”" in text
    assert studio.window.menus.sign_out.isEnabled()  # so the stale profile can be removed
    with qtbot.waitSignal(studio.account.signed_out):
        studio.window.menus.sign_out.trigger()
    assert studio.settings.current.profiles == ()
    close(qtbot, studio, task)


def test_sign_out_removes_the_key_and_the_profile(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport,
    memory_keyring: MemoryKeyring,
) -> None:
    studio, task = _work_and_hobby(qtbot, make_studio, sandbox_transport, memory_keyring)
    with qtbot.waitSignal(studio.account.signed_out):
        studio.window.menus.sign_out.trigger()
    assert memory_keyring.entries == {(SERVICE_NAME, "hobby"): USER_KEY}
    assert studio.session.api_key is None
    assert studio.window.status.account.text() == "Not signed in"
    assert not studio.window.menus.sign_out.isEnabled()
    assert _profile_actions(studio) == {"hobby": False}
    close(qtbot, studio, task)
    assert SettingsStore.for_dirs(app_dirs()).load().settings.profiles == ("hobby",)


@pytest.mark.logs_warning("No keyring service is available")
def test_without_a_keyring_the_key_is_kept_for_this_run_and_the_user_is_told(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    studio = make_studio(sandbox_transport)
    task = start(qtbot, studio)
    dialog = studio.open_sign_in()
    assert "No keyring service is available on this system" in dialog.intro.text()
    dialog.profile.setText("work")
    dialog.key.setText(CUSTOMIZER_KEY)
    with qtbot.waitSignal(studio.account.signed_in):
        dialog.submit.click()
    assert "in memory until you quit" in dialog.outcome.text()
    dialog.close()
    [(level, text)] = studio.window.message_view.messages()
    assert level == Level.WARNING
    assert "kept for this run only" in text
    assert studio.secrets.get("work") == CUSTOMIZER_KEY
    close(qtbot, studio, task)
    assert CUSTOMIZER_KEY not in (app_dirs().config / "settings.json").read_text(encoding="utf-8")


def test_sandbox_mode_signs_in_the_demo_customizer_and_never_touches_the_keyring(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport,
    memory_keyring: MemoryKeyring,
) -> None:
    studio = make_studio(sandbox_transport, sandbox_key=CUSTOMIZER_KEY)
    with qtbot.waitSignal(studio.account.signed_in):
        task = start(qtbot, studio)
    assert studio.window.banner.isVisible()
    assert "Sandbox mode" in studio.window.banner.text()
    assert studio.window.status.server.text().startswith("Sandbox:")
    assert studio.window.status.account.text() == "sandbox_curator#1"
    assert studio.window.menus.new_style.isEnabled()
    assert studio.window.message_view.messages() == []
    assert memory_keyring.entries == {}
    assert memory_keyring.calls == 0
    close(qtbot, studio, task)


def test_in_the_sandbox_signing_out_and_in_again_offers_the_demo_curator(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport, sandbox_key=CUSTOMIZER_KEY)
    with qtbot.waitSignal(studio.account.signed_in):
        task = start(qtbot, studio)
    with qtbot.waitSignal(studio.account.signed_out):
        studio.window.menus.sign_out.trigger()
    dialog = studio.open_sign_in()
    qtbot.waitExposed(dialog)
    [curator] = [b for b in dialog.demo_buttons if b.text() == "Sandbox curator"]
    with qtbot.waitSignal(studio.account.signed_in):
        curator.click()  # no key to find or paste
    assert studio.window.status.account.text() == "sandbox_curator#1"
    assert studio.window.menus.new_style.isEnabled()
    dialog.close()
    close(qtbot, studio, task)
