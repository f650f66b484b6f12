"""Who is signed in: checks API keys with ``find_user``, keeps them in the secret store, switches profiles."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from horde_style_studio.api import HordeManualClient
from horde_style_studio.api.errors import HordeError, NotFoundError, ServerError, UnauthorizedError
from horde_style_studio.domain.users import UserDetails
from horde_style_studio.services.secrets import KeyringTimeoutError, SecretStore, keyring_call
from horde_style_studio.services.settings import normalize_profile_name
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.presenters.settings import SettingsPresenter

log = logging.getLogger(__name__)

TASK = "account"
KUDOS_TASK = "account.kudos"


@dataclass(frozen=True)
class Account:
    """A signed-in profile: its name, the server's view of the user, and whether its key outlives this run."""

    profile: str
    user: UserDetails
    persistent: bool


def sign_in_error_text(err: HordeError) -> str:
    """What the sign-in dialog says when ``find_user`` fails."""
    if isinstance(err, UnauthorizedError | NotFoundError):
        # An unknown key is a 404 UserNotFound, a malformed one a 401 (REFERENCE §6).
        return "The AI Horde does not know this API key. Check that you copied all of it."
    if isinstance(err, ServerError):
        # The server's own text is often just "Internal Server Error" (REFERENCE §1); say what it means.
        return f"The AI Horde had an internal error (HTTP {err.status}). Try again in a few minutes."
    return str(err)


class AccountPresenter(QObject):
    """Owns the signed-in account and the session's API key.

    Signals: ``signed_in(Account)``, ``sign_in_failed(str)`` (a sentence to show), ``busy(bool)``,
    ``signed_out()``, ``keyring_unavailable(str)`` the first time a key could only be kept in memory, and
    ``refreshed(Account)`` when :meth:`refresh_kudos` brought the account's current kudos.
    One account operation runs at a time; starting another cancels the previous one.
    """

    signed_in = Signal(object)
    sign_in_failed = Signal(str)
    busy = Signal(bool)
    signed_out = Signal()
    keyring_unavailable = Signal(str)
    refreshed = Signal(object)

    def __init__(
        self,
        session: HordeManualClient,
        secrets: SecretStore,
        settings: SettingsPresenter,
        tasks: TaskRegistry,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._secrets = secrets
        self._settings = settings
        self._tasks = tasks
        self._account: Account | None = None
        self._told_memory_only = False

    @property
    def account(self) -> Account | None:
        return self._account

    @property
    def keys_problem(self) -> str | None:
        """Why keys do not outlive this run, or None when they do."""
        return self._secrets.problem

    def sign_in(self, profile: str, key: str) -> None:
        """Check ``key`` with the server; on success store it for ``profile`` and make that profile active."""
        try:
            name = normalize_profile_name(profile)
        except ValueError as exc:
            self.sign_in_failed.emit(str(exc))
            return
        if not key.strip():
            self.sign_in_failed.emit("Paste your AI Horde API key first.")
            return
        self._tasks.start(self._sign_in(name, key.strip(), store=True), name=TASK)

    def switch_profile(self, profile: str) -> None:
        """Sign in with the key stored for ``profile``."""
        self._tasks.start(self._switch(profile), name=TASK)

    def restore(self) -> None:
        """At start-up: find the keyring off the UI thread, then sign in to last time's active profile."""
        self._tasks.start(self._restore(), name=TASK)

    @property
    def active_profile(self) -> str | None:
        """The signed-in profile, or the one that was active when its sign-in failed."""
        return self._account.profile if self._account else self._settings.current.active_profile

    def sign_out(self) -> None:
        """Forget the active profile and its key."""
        profile = self.active_profile
        if profile is not None:
            self._tasks.start(self._sign_out(profile), name=TASK)

    def refresh_kudos(self) -> None:
        """Ask the server once for the signed-in user's kudos (after a trial spent some). A refresh still
        under way is replaced, so trials ending together cost one request."""
        if self._account is not None:
            self._tasks.start(self._refresh(self._account), name=KUDOS_TASK)

    async def _refresh(self, account: Account) -> None:
        try:
            user = await self._session.find_user()
        except HordeError as err:
            # The old figure stays; the next trial or sign-in brings a new one. Not worth a warning.
            log.info("could not refresh the kudos: %s", err)
            return
        if self._account is not account:  # signed out or switched meanwhile: the answer is someone else's
            return
        self._account = Account(account.profile, user, account.persistent)
        self.refreshed.emit(self._account)

    async def _restore(self) -> None:
        active = self._settings.current.active_profile
        try:
            await keyring_call(self._secrets.probe)
        except KeyringTimeoutError as err:
            self._keyring_silent(err, active)
            return
        if active is not None:
            await self._switch(active)

    def _keyring_silent(self, err: KeyringTimeoutError, profile: str | None) -> None:
        # Keys go to memory for this run, so signing in again works without waiting on the keyring.
        self._secrets.give_up(str(err))
        if profile is not None:
            self.sign_in_failed.emit(f"Could not sign in to “{profile}”: {err}. Sign in again to go on.")

    async def _switch(self, profile: str) -> None:
        self.busy.emit(True)
        try:
            key = await keyring_call(lambda: self._secrets.get(profile))
        except KeyringTimeoutError as err:
            self._keyring_silent(err, profile)
            return
        finally:
            self.busy.emit(False)
        if key is None:
            self.sign_in_failed.emit(f"No API key is stored for the profile “{profile}”. Sign in again.")
            return
        await self._sign_in(profile, key, store=False)

    async def _sign_in(self, profile: str, key: str, *, store: bool) -> None:
        self.busy.emit(True)
        try:
            # The key is checked on its own request; the session adopts it only once it is known good.
            user = await self._session.find_user(api_key=key)
            if store:
                await self._store(profile, key)
        except HordeError as err:
            text = sign_in_error_text(err)
            self.sign_in_failed.emit(text if store else f"Could not sign in to “{profile}”: {text}")
            return
        finally:
            self.busy.emit(False)
        self._session.api_key = key
        self._commit(Account(profile, user, self._secrets.persistent))

    async def _store(self, profile: str, key: str) -> None:
        try:
            await keyring_call(lambda: self._secrets.set(profile, key))
        except KeyringTimeoutError as err:
            self._secrets.give_up(str(err))
            self._secrets.set(profile, key)  # in memory now: it cannot block

    def _commit(self, account: Account) -> None:
        log.info(
            "signed in to profile %r as %s (%s)",
            account.profile,
            account.user.username,
            account.user.role_label,
        )
        self._account = account
        self._settings.update(self._settings.current.with_profile(account.profile))
        if not account.persistent and not self._told_memory_only:
            self._told_memory_only = True
            self.keyring_unavailable.emit(
                f"{self._secrets.problem or 'No keyring'}: your API key is kept for this run only."
            )
        self.signed_in.emit(account)

    async def _sign_out(self, profile: str) -> None:
        self.busy.emit(True)
        try:
            await keyring_call(lambda: self._secrets.delete(profile))
        except KeyringTimeoutError as err:
            self._secrets.give_up(str(err))  # the profile is forgotten anyway; its entry may linger
        finally:
            self.busy.emit(False)
        self._session.api_key = None
        self._account = None
        self._settings.update(self._settings.current.without_profile(profile))
        self.signed_out.emit()
