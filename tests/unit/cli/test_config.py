"""Where the CLI connects and which key it sends: flags, environment, the app's settings and keyring."""

from __future__ import annotations

import keyring
import pytest

from horde_style_studio.cli.config import AppDefaults, load_app_defaults, resolve_base_url
from horde_style_studio.cli.errors import CliInputError
from horde_style_studio.cli.keys import find_api_key, keyring_lookup
from horde_style_studio.services.settings import AppSettings, SettingsStore
from tests.unit.services.fake_keyring import LockedKeyring, MemoryKeyring


def test_the_flag_beats_the_environment_which_beats_the_settings() -> None:
    defaults = AppDefaults(server_url="https://settings.test/api")
    env = {"HORDE_BASE_URL": "https://env.test/api/"}
    assert resolve_base_url("https://flag.test/api", env, defaults) == "https://flag.test/api"
    assert resolve_base_url(None, env, defaults) == "https://env.test/api"
    assert resolve_base_url(None, {}, defaults) == "https://settings.test/api"
    assert resolve_base_url(None, {}, AppDefaults()) == "https://aihorde.net/api"


def test_a_malformed_server_url_is_bad_input() -> None:
    with pytest.raises(CliInputError, match="https://"):
        resolve_base_url("aihorde.net", {}, AppDefaults())


def test_the_app_settings_give_server_contact_and_profile() -> None:
    store = SettingsStore.for_dirs()
    settings = AppSettings(server_url="http://127.0.0.1:7001/api", contact="me@example.test")
    store.save(settings.with_profile("work"))
    assert load_app_defaults() == AppDefaults("http://127.0.0.1:7001/api", "me@example.test", "work")


def test_an_unreadable_settings_file_means_defaults_and_stays_where_it_is() -> None:
    store = SettingsStore.for_dirs()
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{broken", encoding="utf-8")
    assert load_app_defaults() == AppDefaults()
    assert store.path.read_text(encoding="utf-8") == "{broken"


def test_the_environment_key_wins_and_the_keyring_is_not_asked() -> None:
    asked: list[str] = []

    def lookup(profile: str) -> str | None:
        asked.append(profile)
        return "from-keyring"

    assert find_api_key({"HORDE_API_KEY": " env-key "}, "work", lookup) == "env-key"
    assert asked == []
    assert find_api_key({}, "work", lookup) == "from-keyring"
    assert asked == ["work"]


def test_without_a_profile_there_is_no_keyring_lookup() -> None:
    def lookup(profile: str) -> str | None:
        raise AssertionError("the keyring must not be asked")

    assert find_api_key({}, None, lookup) is None


def test_the_keyring_lookup_reads_the_apps_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = MemoryKeyring()
    backend.entries[("horde-style-studio", "work")] = "key-from-the-app"
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    assert keyring_lookup("work") == "key-from-the-app"
    assert keyring_lookup("other") is None


@pytest.mark.logs_warning("keyring backend failed (KeyringLocked)")
def test_a_locked_keyring_means_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "get_keyring", LockedKeyring)
    assert keyring_lookup("work") is None
