"""The settings' plain values and checks, without pydantic: the window's first paint (issue 18) needs the
colour schemes and the server URL's check before the settings models (``services.settings``) are loaded."""

from __future__ import annotations

from urllib.parse import urlsplit

from horde_style_studio.domain.addresses import is_loopback_host

SCHEMA_VERSION = 1
DEFAULT_SERVER_URL = "https://aihorde.net/api"
SETTINGS_FILE = "settings.json"
MIN_CACHE_MB = 16
MAX_CACHE_MB = 100_000
MAX_PROFILE_NAME = 64
MAX_CONTACT = 200
BROWSE_VIEWS = ("grid", "list", "table")
DEFAULT_KUDOS_CONFIRM = 50.0
MAX_KUDOS_CONFIRM = 1_000_000.0
IMAGE_HOST_KINDS = ("", "folder", "s3")
# The desktop's colour scheme, or one chosen over it (issue 16).
COLOR_SCHEMES = ("system", "light", "dark")
BROWSE_SCOPES = ("styles", "collections")
STYLE_KINDS = ("", "image", "text")


def normalize_server_url(text: str) -> str:
    """The server URL without surrounding blanks or trailing slash; ValueError says what is wrong."""
    url = text.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise ValueError("The server URL must start with https:// (or http:// for a local server).")
    if not parts.hostname:
        raise ValueError("The server URL needs a host name, e.g. https://aihorde.net/api.")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        # The API key travels in a header: over plain http anyone on the way could read it.
        raise ValueError(
            f"The server URL must start with https://: plain http:// would send your API key unencrypted "
            f"to {parts.hostname}. Plain http:// is only for a server on this computer (localhost)."
        )
    if parts.query or parts.fragment or any(c.isspace() for c in url):
        raise ValueError("The server URL may not contain spaces, a query or a fragment.")
    return url


def plain_http_elsewhere(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme == "http" and bool(parts.hostname) and not is_loopback_host(parts.hostname)


def normalize_profile_name(text: str) -> str:
    """A profile name as stored; ValueError when it is empty, too long or holds control characters."""
    name = text.strip()
    if not name:
        raise ValueError("A profile needs a name.")
    if len(name) > MAX_PROFILE_NAME:
        raise ValueError(f"A profile name has at most {MAX_PROFILE_NAME} characters.")
    if not name.isprintable():
        raise ValueError("A profile name may not contain control characters.")
    return name
