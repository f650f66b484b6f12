"""Where the CLI talks to and as whom: the server URL, the Client-Agent contact and the app profile.

Precedence for the server: ``--base-url``, then ``HORDE_BASE_URL``, then the app's settings, then the public
AI Horde. The settings file is only read here, never written or moved aside: a script must not change the
app's state, so an unreadable file just means defaults.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from horde_style_studio.api import DEFAULT_BASE_URL
from horde_style_studio.cli.errors import CliInputError
from horde_style_studio.services.settings import AppSettings, SettingsStore, migrate, normalize_server_url

BASE_URL_ENV = "HORDE_BASE_URL"


@dataclass(frozen=True)
class AppDefaults:
    """What the desktop app's settings contribute: its server, contact and active profile."""

    server_url: str = DEFAULT_BASE_URL
    contact: str | None = None
    profile: str | None = None


def load_app_defaults() -> AppDefaults:
    """The app's settings, read-only; defaults when the file is missing or unusable."""
    store = SettingsStore.for_dirs()
    try:
        data = json.loads(store.path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            return AppDefaults()
        loaded = AppSettings.model_validate(migrate(data))
    except (OSError, ValueError, TypeError, KeyError):  # JSON and pydantic errors are ValueErrors
        return AppDefaults()
    profile = loaded.active_profile
    if profile is None and len(loaded.profiles) == 1:
        profile = loaded.profiles[0]
    return AppDefaults(server_url=loaded.server_url, contact=loaded.contact or None, profile=profile)


def resolve_base_url(flag: str | None, environ: Mapping[str, str], defaults: AppDefaults) -> str:
    """The API root to use; a malformed one is bad input (exit 2), caught before any request."""
    chosen = flag if flag is not None else environ.get(BASE_URL_ENV, "").strip() or defaults.server_url
    try:
        return normalize_server_url(chosen)
    except ValueError as err:
        raise CliInputError(f"--base-url {chosen!r}: {err}") from None
