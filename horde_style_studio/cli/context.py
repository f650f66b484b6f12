"""What every online command gets: the one session, the output mode and the app profile in use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from horde_style_studio.api import HordeClientSession
from horde_style_studio.cli.keys import missing_key_error


class SessionFactory(Protocol):
    """Builds the session a command runs on; tests inject one over ``httpx.ASGITransport(sandbox)``."""

    def __call__(self, base_url: str, *, api_key: str | None, contact: str | None) -> HordeClientSession: ...


def default_session_factory(base_url: str, *, api_key: str | None, contact: str | None) -> HordeClientSession:
    return HordeClientSession(base_url, api_key=api_key, contact=contact)


@dataclass
class CliContext:
    """One command's run: its session (owned by ``main``), ``--json`` and the profile the key came from."""

    session: HordeClientSession
    as_json: bool
    profile: str | None = None

    def require_key(self) -> None:
        """Writes and ``whoami`` need a key; say how to give one before the server says 400 (§12)."""
        if self.session.api_key is None:
            raise missing_key_error(self.profile)
