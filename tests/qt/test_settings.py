"""The settings dialog and what the app does with settings: validate, save, apply, survive a bad file."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.settings import AppSettings, SettingsStore
from horde_style_studio.ui.shared.messages import Level
from horde_style_studio.ui.widgets.settings_dialog import SettingsDialog
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start, unreachable


def test_a_bad_server_url_is_explained_inline_and_blocks_ok(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.server_url.setText("aihorde.net/api")
    assert not ok.isEnabled()
    assert dialog.url_error.isVisible()
    assert "must start with https://" in dialog.url_error.text()
    dialog.server_url.setText("https://aihorde.net/api")
    assert ok.isEnabled()
    assert not dialog.url_error.isVisible()


def test_the_dialog_starts_from_the_current_settings(qtbot: QtBot) -> None:
    current = AppSettings(contact="me@example.org", cache_size_mb=1024, show_nsfw=True)
    dialog = SettingsDialog(current)
    qtbot.addWidget(dialog)
    assert dialog.server_url.text() == "https://aihorde.net/api"
    assert (dialog.contact.text(), dialog.cache_size.value(), dialog.show_nsfw.isChecked()) == (
        "me@example.org", 1024, True,
    )
    assert dialog.edited_settings() == current


def test_accepted_settings_are_saved_applied_and_back_next_start(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    studio = make_studio(unreachable())
    task = start(qtbot, studio)
    dialog = studio.open_settings()
    dialog.contact.setText("curator@example.org")
    dialog.cache_size.setValue(2048)
    dialog.show_nsfw.setChecked(True)
    dialog.server_url.setText("https://horde.example.org/api/")
    with qtbot.waitSignal(studio.settings.changed):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert studio.session.engine.client_agent.endswith(":curator@example.org")
    [(level, text)] = studio.window.message_view.messages()
    assert level == Level.INFO
    assert "next start" in text
    close(qtbot, studio, task)

    stored = SettingsStore.for_dirs(app_dirs()).load().settings
    assert (stored.contact, stored.cache_size_mb, stored.show_nsfw, stored.server_url) == (
        "curator@example.org", 2048, True, "https://horde.example.org/api",
    )
    again = make_studio(unreachable())
    assert again.settings.current.contact == "curator@example.org"


@pytest.mark.logs_warning("is unusable")
def test_a_corrupt_settings_file_is_reported_and_the_app_starts_with_defaults(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    path = app_dirs().config / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"contact": "half a file', encoding="utf-8")
    studio = make_studio(unreachable())
    task = start(qtbot, studio)
    [(level, text)] = studio.window.message_view.messages()
    assert level == Level.WARNING
    assert "could not be read" in text
    assert studio.settings.current.contact == ""
    assert len(list(path.parent.glob("settings.json.corrupt-*"))) == 1
    close(qtbot, studio, task)
    assert SettingsStore.for_dirs(app_dirs()).load().problem is None
