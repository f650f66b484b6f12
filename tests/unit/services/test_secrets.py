"""The secret store against an in-memory keyring, a missing one and a failing one."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail, null

from horde_style_studio.services.secrets import SERVICE_NAME, SecretStore
from tests.unit.services.fake_keyring import LockedKeyring, MemoryKeyring

KEY = "k3y-0123456789abcdefXY"


def test_keys_go_to_the_keyring_under_the_app_service_one_entry_per_profile() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend)
    store.set("work", KEY)
    store.set("home", "other-key")
    assert store.persistent
    assert store.problem is None
    assert SERVICE_NAME == "horde-style-studio"
    assert backend.entries == {(SERVICE_NAME, "work"): KEY, (SERVICE_NAME, "home"): "other-key"}
    assert SecretStore(backend).get("work") == KEY


def test_delete_removes_the_entry_and_tolerates_a_missing_one() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend)
    store.set("work", KEY)
    store.delete("work")
    store.delete("never-stored")
    assert backend.entries == {}
    assert store.get("work") is None
    assert store.persistent


def test_the_system_keyring_is_used_by_default_and_looked_up_only_when_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend = MemoryKeyring()
    lookups: list[MemoryKeyring] = []

    def get_keyring() -> MemoryKeyring:
        lookups.append(backend)
        return backend

    monkeypatch.setattr(keyring, "get_keyring", get_keyring)
    store = SecretStore()
    assert lookups == []  # finding the backend talks to D-Bus: not in the constructor (the UI thread)
    assert store.probe()
    store.set("work", KEY)
    assert backend.entries == {(SERVICE_NAME, "work"): KEY}
    assert len(lookups) == 1


# keyring leaves the backends' __init__ unannotated.
@pytest.mark.logs_warning("No keyring service is available")
@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring()],  # type: ignore[no-untyped-call]
    ids=["fail", "null"],
)
def test_without_a_usable_backend_keys_live_in_memory_for_this_run(
    backend: keyring.backend.KeyringBackend,
) -> None:
    store = SecretStore(backend)
    assert not store.persistent
    assert store.problem == "No keyring service is available on this system"
    store.set("work", KEY)
    assert store.get("work") == KEY
    assert SecretStore(backend).get("work") is None  # a new run remembers nothing


@pytest.mark.logs_warning("keyring backend failed")
def test_a_backend_that_fails_switches_to_memory_and_stays_there() -> None:
    backend = LockedKeyring()
    store = SecretStore(backend)
    assert store.persistent
    store.set("work", KEY)
    assert not store.persistent
    assert store.problem is not None
    assert "KeyringLocked" in store.problem
    calls = backend.calls
    assert store.get("work") == KEY
    store.delete("work")
    assert store.get("work") is None
    assert backend.calls == calls


def test_memory_only_store_never_touches_the_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_keyring() -> None:
        raise AssertionError("the keyring was consulted")

    monkeypatch.setattr(keyring, "get_keyring", no_keyring)
    store = SecretStore.memory_only("Sandbox keys are kept in memory")
    store.set("demo", KEY)
    assert store.get("demo") == KEY
    assert (store.persistent, store.problem) == (False, "Sandbox keys are kept in memory")


def test_the_store_never_shows_a_key_in_its_repr() -> None:
    store = SecretStore.memory_only("test")
    store.set("work", KEY)
    assert KEY not in repr(store)
