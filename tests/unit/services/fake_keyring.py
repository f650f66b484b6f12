"""Keyring backends for tests: one that keeps entries in a dict, one that fails like a locked keyring."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A working keyring whose entries a test can inspect."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves __init__ unannotated
        self.entries: dict[tuple[str, str], str] = {}
        self.calls = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls += 1
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")


class LockedKeyring(MemoryKeyring):
    """A backend that exists but refuses every call (a keyring the user did not unlock)."""

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        raise KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        raise KeyringLocked("the collection is locked")


class BlockingKeyring(MemoryKeyring):
    """A locked keyring whose unlock prompt is open: every call waits until ``answer`` is set, which in a
    separate process (``PYTHON_KEYRING_BACKEND``) is never."""

    answer = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.answer.wait()
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.answer.wait()
        super().set_password(service, username, password)
