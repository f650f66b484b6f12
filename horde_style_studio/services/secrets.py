"""API keys, one per profile, in the operating system's keyring, and nowhere else on disk.

When there is no usable keyring (keyring's ``fail``/``null`` backends, or a backend that raises), keys
are kept in this process's memory for this run only and ``persistent`` turns False so the UI can say so.
There is deliberately no file fallback.

Every call may block (the Secret Service is reached over D-Bus and may prompt to unlock), so the UI runs
them off its thread with ``asyncio.to_thread``. Finding the backend talks to D-Bus too, so it is put off
until the first call (or :meth:`SecretStore.probe`), never done in the constructor.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from horde_style_studio import APP_ID
from horde_style_studio.domain.redaction import remember_secret

if TYPE_CHECKING:
    # keyring itself is imported where a key is first read or written: importing it costs start-up time
    # (over 100 ms, its entry-point scan), and a sandbox run never needs it.
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE_NAME = APP_ID
NO_BACKEND = "No keyring service is available on this system"


T = TypeVar("T")
# A locked keyring answers only once its unlock prompt is: the app waits this long, then goes on without it.
KEYRING_DEADLINE = 15.0
KEYRING_SILENT = (
    "The system keyring did not answer within {seconds:.0f} seconds (is it locked, with its unlock prompt "
    "still open?)"
)


class KeyringTimeoutError(TimeoutError):
    """A keyring call did not return in time; it may still be running (its thread is left to it)."""


async def keyring_call(call: Callable[[], T], seconds: float | None = None) -> T:
    """``call()`` in a thread of its own, given up after ``seconds`` (``KEYRING_DEADLINE``).

    A daemon thread rather than the loop's executor: a call blocked on an unlock prompt must never hold a
    worker that shutting down waits for, so closing the window ends the process at once.
    """
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[T] = loop.create_future()

    def settle(outcome: Callable[[], None]) -> None:
        if not answer.done():
            outcome()

    def run() -> None:
        try:
            result = call()
        except BaseException as exc:  # handed to the waiting coroutine, whatever it is
            error = exc
            loop.call_soon_threadsafe(settle, lambda: answer.set_exception(error))
        else:
            loop.call_soon_threadsafe(settle, lambda: answer.set_result(result))

    log.debug("asking the system keyring")
    threading.Thread(target=run, name="keyring-call", daemon=True).start()
    limit = KEYRING_DEADLINE if seconds is None else seconds
    try:
        return await asyncio.wait_for(answer, limit)
    except TimeoutError:
        raise KeyringTimeoutError(KEYRING_SILENT.format(seconds=limit)) from None


class SecretStore:
    """Owns the API keys of every profile: keyring entries under ``SERVICE_NAME``, or memory for this run.

    ``persistent`` is True while keys go to the keyring; ``problem`` then is None. Once the keyring fails,
    the store stays in memory mode for the rest of the run and ``problem`` says why. ``backend`` defaults
    to the one ``keyring`` picks for this system.
    """

    def __init__(
        self, backend: KeyringBackend | None = None, *, memory_only_reason: str | None = None
    ) -> None:
        self._lock = threading.Lock()
        self._memory: dict[str, str] = {}
        self._backend: KeyringBackend | None = backend
        self._resolved = memory_only_reason is not None
        self._problem = memory_only_reason

    @classmethod
    def memory_only(cls, reason: str) -> SecretStore:
        """A store that never touches the keyring (the sandbox's demo keys, for example)."""
        return cls(memory_only_reason=reason)

    @property
    def persistent(self) -> bool:
        """Whether keys go to the keyring. May find the backend first, so it may block once."""
        return self._usable_backend() is not None

    @property
    def problem(self) -> str | None:
        """Why keys are only kept for this run, or None while the keyring is used."""
        self._usable_backend()
        return self._problem

    def probe(self) -> bool:
        """Find the backend now (off the UI thread) so later questions answer at once; ``persistent``."""
        return self.persistent

    def get(self, profile: str) -> str | None:
        """The key stored for ``profile``, or None."""
        backend = self._usable_backend()
        if backend is not None:
            try:
                found = backend.get_password(SERVICE_NAME, profile)
                remember_secret(found)  # masked in every log record from the moment it is read
                return found
            except Exception as exc:  # any backend failure means "no usable keyring"
                self._degrade(exc)
        with self._lock:
            return self._memory.get(profile)

    def set(self, profile: str, key: str) -> None:
        """Store ``key`` for ``profile``: in the keyring, or in memory when the keyring is unusable."""
        remember_secret(key)
        backend = self._usable_backend()
        if backend is not None:
            try:
                backend.set_password(SERVICE_NAME, profile, key)
                return
            except Exception as exc:  # any backend failure means "no usable keyring"
                self._degrade(exc)
        with self._lock:
            self._memory[profile] = key

    def delete(self, profile: str) -> None:
        """Forget the key of ``profile`` wherever it is kept; a profile without a key is fine."""
        with self._lock:
            self._memory.pop(profile, None)
        backend = self._usable_backend()
        if backend is None:
            return
        from keyring.errors import PasswordDeleteError  # loaded with the backend already

        try:
            backend.delete_password(SERVICE_NAME, profile)
        except PasswordDeleteError:
            pass
        except Exception as exc:  # any backend failure means "no usable keyring"
            self._degrade(exc)

    def _usable_backend(self) -> KeyringBackend | None:
        with self._lock:
            if not self._resolved:
                self._resolved = True
                self._backend = _usable(self._backend if self._backend is not None else _system_keyring())
                self._problem = None if self._backend else NO_BACKEND
            return self._backend

    def give_up(self, reason: str) -> None:
        """The keyring did not answer in time: keys are kept in memory for the rest of this run."""
        log.warning("keyring did not answer in time; API keys are kept for this run only")
        with self._lock:
            self._resolved = True
            self._backend = None
            self._problem = reason

    def _degrade(self, exc: Exception) -> None:
        # The exception text comes from the backend and never holds the key, but keep the log to its type.
        log.warning("keyring backend failed (%s); API keys are kept for this run only", type(exc).__name__)
        with self._lock:
            self._backend = None
            self._problem = f"The system keyring failed ({type(exc).__name__})"


def _system_keyring() -> KeyringBackend:
    import keyring

    return keyring.get_keyring()


def _usable(backend: KeyringBackend) -> KeyringBackend | None:
    """``backend``, or None for keyring's stand-ins that store nothing (``fail`` raises, ``null`` drops)."""
    from keyring.backends import fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        chosen = f"{type(backend).__module__}.{type(backend).__name__}"
        log.warning("%s (keyring chose %s); API keys are kept for this run only", NO_BACKEND, chosen)
        return None
    return backend
