"""Settings: defaults, round trip, migration, and what happens to a file the app cannot use."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from horde_style_studio.services import settings as settings_module
from horde_style_studio.services.paths import AppDirs
from horde_style_studio.services.settings import (
    DEFAULT_SERVER_URL,
    SCHEMA_VERSION,
    AppSettings,
    BrowseFilters,
    SettingsStore,
    normalize_profile_name,
    normalize_server_url,
)


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore.for_dirs(AppDirs.under(tmp_path))


def _write(store: SettingsStore, data: Any) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(json.dumps(data), encoding="utf-8")


def test_first_run_gets_defaults_without_a_problem(store: SettingsStore) -> None:
    result = store.load()
    assert result.problem is None
    assert result.settings.server_url == "https://aihorde.net/api" == DEFAULT_SERVER_URL
    assert result.settings.profiles == ()
    assert not store.path.exists()


def test_saved_settings_come_back(store: SettingsStore) -> None:
    saved = AppSettings(contact="me@example.org", cache_size_mb=2048, show_nsfw=True).with_profile("work")
    store.save(saved)
    assert store.load().settings == saved
    assert json.loads(store.path.read_text())["profiles"] == ["work"]
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["settings.json"]


def test_store_lives_in_the_config_dir(tmp_path: Path) -> None:
    dirs = AppDirs.under(tmp_path)
    assert SettingsStore.for_dirs(dirs).path == dirs.config / "settings.json"


def test_a_failed_save_leaves_the_previous_file_whole(
    store: SettingsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(AppSettings(contact="before"))

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        store.save(AppSettings(contact="after"))
    assert store.load().settings.contact == "before"
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["settings.json"]


@pytest.mark.logs_warning("is unusable")
@pytest.mark.parametrize(
    "content",
    ['{"server_url": "https://aihorde.net/api",', "[1, 2]", '{"cache_size_mb": -5}', '{"server_url": "ftp://x"}'],
    ids=["truncated-json", "not-an-object", "out-of-range", "bad-url"],
)
def test_an_unusable_file_is_moved_aside_and_reported(store: SettingsStore, content: str) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text(content, encoding="utf-8")
    result = store.load()
    assert result.settings == AppSettings()
    assert result.problem is not None
    assert "could not be read" in result.problem
    assert not store.path.exists()
    [aside] = store.path.parent.glob("settings.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == content
    assert aside.name in result.problem


def test_an_unversioned_file_is_migrated_and_keeps_its_values(store: SettingsStore) -> None:
    _write(store, {"contact": "old@example.org", "profiles": ["a", "b"], "active_profile": "b"})
    result = store.load()
    assert result.problem is None
    assert result.settings.schema_version == SCHEMA_VERSION
    assert (result.settings.contact, result.settings.profiles, result.settings.active_profile) == (
        "old@example.org", ("a", "b"), "b",
    )


def test_migrations_run_in_order_up_to_the_current_version(
    store: SettingsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "contact": data.pop("email"), "schema_version": 2}

    def v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "cache_size_mb": data["cache_size_mb"] * 2, "schema_version": 3}

    monkeypatch.setattr(settings_module, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(settings_module.MIGRATIONS, 1, v1_to_v2)
    monkeypatch.setitem(settings_module.MIGRATIONS, 2, v2_to_v3)
    _write(store, {"schema_version": 1, "email": "me@example.org", "cache_size_mb": 100})
    settings = store.load().settings
    assert (settings.contact, settings.cache_size_mb) == ("me@example.org", 200)


def test_a_file_from_a_newer_version_is_read_but_not_moved(store: SettingsStore) -> None:
    _write(store, {"schema_version": SCHEMA_VERSION + 1, "contact": "future@example.org", "new_thing": 1})
    result = store.load()
    assert result.settings.contact == "future@example.org"
    assert result.problem is not None
    assert "newer version" in result.problem
    assert store.path.exists()


def test_an_api_key_is_never_a_setting_and_never_written_back(store: SettingsStore) -> None:
    assert not [name for name in AppSettings.model_fields if "key" in name]
    _write(store, {"schema_version": SCHEMA_VERSION, "api_key": "0123456789abcdef", "contact": "x"})
    loaded = store.load().settings
    store.save(loaded)
    assert "0123456789abcdef" not in store.path.read_text()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (" https://aihorde.net/api/ ", "https://aihorde.net/api"),
        ("http://127.0.0.1:7001/api", "http://127.0.0.1:7001/api"),
        ("http://localhost:7001/api", "http://localhost:7001/api"),
        ("http://[::1]:7001/api", "http://[::1]:7001/api"),
    ],
)
def test_server_urls_are_normalised(typed: str, stored: str) -> None:
    assert normalize_server_url(typed) == stored
    assert AppSettings(server_url=typed).server_url == stored


@pytest.mark.parametrize(
    ("typed", "complaint"),
    [
        ("aihorde.net/api", "must start with https://"),
        ("https:///api", "needs a host name"),
        ("https://aihorde.net/api?x=1", "query"),
        ("https://aihorde.net/my api", "spaces"),
        ("http://aihorde.net/api", "unencrypted"),  # the key would cross the network in clear (issue 14)
        ("http://192.168.1.5:7001/api", "unencrypted"),
    ],
)
def test_bad_server_urls_say_what_is_wrong(typed: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        normalize_server_url(typed)


@pytest.mark.parametrize(
    ("typed", "complaint"),
    [("", "needs a name"), ("   ", "needs a name"), ("x" * 65, "at most 64"), ("tab\there", "control")],
)
def test_bad_profile_names_say_what_is_wrong(typed: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        normalize_profile_name(typed)


def test_profile_names_are_trimmed() -> None:
    assert normalize_profile_name("  main ") == "main"


def test_profiles_are_added_switched_and_removed() -> None:
    settings = AppSettings().with_profile("a").with_profile("b").with_profile("a")
    assert (settings.profiles, settings.active_profile) == (("a", "b"), "a")
    assert settings.without_profile("b") == AppSettings().with_profile("a")
    gone = settings.without_profile("a")
    assert (gone.profiles, gone.active_profile) == (("b",), None)


def test_an_active_profile_that_is_not_listed_is_dropped() -> None:
    assert AppSettings(profiles=("a",), active_profile="zzz").active_profile is None


def test_contact_must_fit_in_a_header() -> None:
    with pytest.raises(ValueError, match="one line"):
        AppSettings(contact="me\r\nX-Injected: 1")


def test_an_unknown_browse_view_falls_back_to_the_grid_without_losing_the_file(store: SettingsStore) -> None:
    _write(store, {"schema_version": 1, "browse_view": "carousel", "contact": "me@x.test"})
    loaded = store.load()
    assert loaded.problem is None
    assert (loaded.settings.browse_view, loaded.settings.contact) == ("grid", "me@x.test")
    assert AppSettings().replace(browse_view="table").browse_view == "table"


def test_a_saved_plain_http_server_elsewhere_is_replaced_and_the_rest_kept(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    saved = {"schema_version": 1, "server_url": "http://horde.example.org/api", "profiles": ["work"],
             "active_profile": "work", "contact": "me@example.test"}  # fmt: skip
    store.path.write_text(json.dumps(saved), encoding="utf-8")
    loaded = store.load()
    assert loaded.settings.server_url == "https://aihorde.net/api"
    assert (loaded.settings.profiles, loaded.settings.contact) == (("work",), "me@example.test")
    assert loaded.problem is not None
    assert "unencrypted" in loaded.problem


def test_broken_saved_browse_filters_start_afresh_without_losing_the_settings() -> None:
    broken = {"browse_filters": {"mine_only": "perhaps"}, "contact": "me@x.test"}
    settings = AppSettings.model_validate(broken)
    assert (settings.browse_filters, settings.contact) == (BrowseFilters(), "me@x.test")
    sideways = AppSettings.model_validate({"browse_filters": {"scope": "sideways", "sort": "newest"}})
    assert sideways.browse_filters == BrowseFilters(sort="newest")
