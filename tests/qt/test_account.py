"""Signing in through the dialog, against the sandbox Horde and against Hordes that fail."""

from __future__ import annotations

import json

import httpx
import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.users import ANONYMOUS_ABILITIES
from horde_style_studio.sandbox import CUSTOMIZER_KEY, USER_KEY
from horde_style_studio.sandbox.constants import ANONYMOUS_KEY
from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.secrets import SERVICE_NAME
from horde_style_studio.ui.composition import Studio
from horde_style_studio.ui.menus import NO_ROLE_REASON, SIGNED_OUT_REASON
from horde_style_studio.ui.widgets.sign_in_dialog import SignInDialog
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import Gated, answering, close, start, unreachable
from tests.unit.services.fake_keyring import MemoryKeyring


def _sign_in(qtbot: QtBot, studio: Studio, profile: str, key: str) -> SignInDialog:
    dialog = studio.open_sign_in()
    qtbot.waitExposed(dialog)
    dialog.profile.setText(profile)
    dialog.key.setText(key)
    with qtbot.waitSignals([studio.account.busy, studio.account.busy]):  # on, then off
        dialog.submit.click()
    return dialog


def _stored_settings() -> dict[str, object]:
    return dict(json.loads((app_dirs().config / "settings.json").read_text(encoding="utf-8")))


def test_a_customizer_signs_in_and_may_author(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport,
    memory_keyring: MemoryKeyring,
) -> None:
    studio = make_studio(sandbox_transport)
    task = start(qtbot, studio)
    dialog = _sign_in(qtbot, studio, "work", CUSTOMIZER_KEY)
    assert dialog.outcome.isVisible()
    assert not dialog.error.isVisible()
    shown = dialog.outcome.text()
    for fact in ("sandbox_curator#1", "25,000 kudos", "Customizer", "May create and edit styles", "keyring"):
        assert fact in shown
    assert dialog.key.text() == ""
    assert memory_keyring.entries == {(SERVICE_NAME, "work"): CUSTOMIZER_KEY}
    status = studio.window.status
    assert (status.account.text(), status.kudos.text(), status.role.text()) == (
        "sandbox_curator#1", "25,000 kudos", "Customizer",
    )
    assert studio.window.menus.new_style.isEnabled()
    dialog.close()
    assert close(qtbot, studio, task) == 0
    stored = _stored_settings()
    assert (stored["profiles"], stored["active_profile"]) == (["work"], "work")
    assert CUSTOMIZER_KEY not in json.dumps(stored)


def test_a_plain_user_may_only_build_collections(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport)
    task = start(qtbot, studio)
    new_style = studio.window.menus.new_style
    assert not new_style.isEnabled()
    assert new_style.toolTip() == SIGNED_OUT_REASON
    dialog = _sign_in(qtbot, studio, "hobby", USER_KEY)
    assert "May build collections." in dialog.outcome.text()
    assert "sandbox_user#2" in dialog.outcome.text()
    assert not new_style.isEnabled()
    assert new_style.toolTip() == NO_ROLE_REASON
    assert studio.window.status.role.text() == "User"
    dialog.close()
    close(qtbot, studio, task)


def test_the_anonymous_keys_abilities_read_the_same_everywhere(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport)
    task = start(qtbot, studio)
    dialog = _sign_in(qtbot, studio, "anyone", ANONYMOUS_KEY)
    said = {
        "sign-in dialog": dialog.outcome.text(),
        "status bar": studio.window.status.role.toolTip(),
        "File ▸ New style": studio.window.menus.new_style.toolTip(),
        "Collections": studio.collections.presenter.save_blocked or "",
        "Editor": studio.editor.presenter.role_blocked() or "",
    }
    assert {where: ANONYMOUS_ABILITIES in text for where, text in said.items()} == dict.fromkeys(said, True)
    assert "May build collections" not in said["sign-in dialog"]  # it may not
    assert studio.window.status.role.text() == "Anonymous"
    dialog.close()
    close(qtbot, studio, task)


def test_a_wrong_key_is_refused_inline_and_nothing_is_stored(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport,
    memory_keyring: MemoryKeyring,
) -> None:
    studio = make_studio(sandbox_transport)
    task = start(qtbot, studio)
    dialog = _sign_in(qtbot, studio, "typo", "not-a-real-key-123456")
    assert dialog.error.isVisible()
    assert "does not know this API key" in dialog.error.text()
    assert "not-a-real-key-123456" not in dialog.error.text()
    assert not dialog.outcome.isVisible()
    assert dialog.submit.isEnabled()
    assert memory_keyring.entries == {}
    assert studio.account.account is None
    assert studio.session.api_key is None
    assert studio.window.status.account.text() == "Not signed in"
    assert studio.window.message_view.messages() == []  # the dialog said it; the bar does not repeat it
    dialog.close()
    close(qtbot, studio, task)


@pytest.mark.logs_warning("failed: ConnectError")
def test_no_network_is_said_inline(qtbot: QtBot, make_studio: StudioFactory) -> None:
    studio = make_studio(unreachable())
    task = start(qtbot, studio)
    dialog = _sign_in(qtbot, studio, "main", "some-key-0123456789")
    assert "Could not connect to the AI Horde" in dialog.error.text()
    assert studio.account.account is None
    dialog.close()
    close(qtbot, studio, task)


def test_a_server_error_is_said_inline(qtbot: QtBot, make_studio: StudioFactory) -> None:
    studio = make_studio(answering(500, {"message": "Internal Server Error"}))
    task = start(qtbot, studio)
    dialog = _sign_in(qtbot, studio, "main", "some-key-0123456789")
    assert dialog.error.text() == "The AI Horde had an internal error (HTTP 500). Try again in a few minutes."
    dialog.close()
    close(qtbot, studio, task)


def test_an_empty_key_or_profile_is_refused_before_asking_the_server(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    studio = make_studio(unreachable())
    task = start(qtbot, studio)
    dialog = studio.open_sign_in()
    dialog.profile.setText("main")
    dialog.submit.click()
    assert dialog.error.text() == "Paste your AI Horde API key first."
    dialog.profile.setText("  ")
    dialog.key.setText("abc")
    dialog.submit.click()
    assert dialog.error.text() == "A profile needs a name."
    dialog.close()
    close(qtbot, studio, task)


def test_the_key_is_hidden_until_asked_for(qtbot: QtBot, make_studio: StudioFactory) -> None:
    studio = make_studio(unreachable())
    task = start(qtbot, studio)
    dialog = studio.open_sign_in()
    assert dialog.key.echoMode() == dialog.key.EchoMode.Password
    dialog.show_key.click()
    assert dialog.key.echoMode() == dialog.key.EchoMode.Normal
    dialog.show_key.click()
    assert dialog.key.echoMode() == dialog.key.EchoMode.Password
    dialog.close()
    close(qtbot, studio, task)


def test_closing_the_dialog_before_the_answer_arrives_is_harmless(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    gated = Gated(sandbox_transport)
    studio = make_studio(gated)
    task = start(qtbot, studio)
    dialog = studio.open_sign_in()
    dialog.profile.setText("work")
    dialog.key.setText(CUSTOMIZER_KEY)
    dialog.submit.click()
    qtbot.waitUntil(lambda: gated.arrived == 1)
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()
    with qtbot.waitSignal(studio.account.signed_in):
        gated.open()
    assert studio.window.status.account.text() == "sandbox_curator#1"
    close(qtbot, studio, task)
