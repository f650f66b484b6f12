"""Finding the API key: ``HORDE_API_KEY`` for scripts, else the desktop app's keyring entry.

The key is only ever handed to the session (which keeps it out of reprs and error texts); nothing here
prints, logs or formats it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from horde_style_studio.cli.errors import CliInputError
from horde_style_studio.services.secrets import SERVICE_NAME, SecretStore

API_KEY_ENV = "HORDE_API_KEY"

KeyringLookup = Callable[[str], str | None]


def keyring_lookup(profile: str) -> str | None:
    """The key the app stored for ``profile`` under the keyring service ``horde-style-studio``."""
    try:
        key = SecretStore().get(profile)
    except Exception:  # a broken keyring configuration must not stop a read-only command
        return None
    return key.strip() or None if key else None


def find_api_key(
    environ: Mapping[str, str], profile: str | None, lookup: KeyringLookup = keyring_lookup
) -> str | None:
    """The key to send, or None to go anonymous. The environment wins so CI never reaches a keyring."""
    from_env = environ.get(API_KEY_ENV, "").strip()
    if from_env:
        return from_env
    if profile is None:
        return None
    return lookup(profile)


def missing_key_error(profile: str | None) -> CliInputError:
    """What to say when a command that writes (or asks who you are) has no key to send."""
    where = (
        f"no key is stored in the keyring ({SERVICE_NAME}) for the app profile {profile!r}"
        if profile
        else "the app has no active profile with a stored key"
    )
    return CliInputError(f"this command needs an API key: set {API_KEY_ENV} ({where})")
