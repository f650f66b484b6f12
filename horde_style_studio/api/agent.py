"""The ``Client-Agent`` header and the wrapper that keeps the API key out of reprs."""

from __future__ import annotations

from horde_style_studio import APP_ID, PROJECT_URL, version
from horde_style_studio.domain.redaction import remember_secret


def client_agent(contact: str | None = None) -> str:
    """``name:version:contact`` as §1 asks; the contact defaults to the project's URL.

    Colons inside the contact would shift the server's split, so they are dropped from anything but a URL
    scheme's ``://``.
    """
    where = (contact or "").strip() or PROJECT_URL
    safe = where.replace("://", "\0").replace(":", "").replace("\0", "://")
    return f"{APP_ID}:{version()}:{safe}"


class ApiKey:
    """Holds the key; its str and repr never reveal it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value.strip()
        remember_secret(self._value)  # from now on no log record of any library can show it

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "ApiKey('•••')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ApiKey) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("ApiKey", self._value))
