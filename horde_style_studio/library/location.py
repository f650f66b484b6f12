"""Which library file belongs to which server, and moving the one library of older versions into place.

Each server gets a library of its own (mirror, favourites, notes, drafts, history), so pointing the app at
another server never mixes two servers' styles. The file is ``<data>/libraries/<slug>-<hash>.sqlite``: the
slug is the host, for a person looking at the folder; the hash is of the whole normalized URL, so two APIs on
one host stay apart. A user name, password or query in the URL never reaches the name (nor the hash).
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

from horde_style_studio.library.db import LIBRARY_FILE

log = logging.getLogger(__name__)

LIBRARIES_DIR = "libraries"
SUFFIX = ".sqlite"
HASH_CHARS = 10
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SIDE_FILES = ("-wal", "-shm", "-journal")
_UNSAFE = re.compile(r"[^a-z0-9.]+")


def server_identity(url: str) -> str:
    """The part of ``url`` that says which server it is: scheme, host, port and path, in one spelling.

    Case of scheme and host, a default port and trailing slashes make no difference; credentials, query
    and fragment are dropped. ValueError when ``url`` has no http(s) scheme or no host.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        raise ValueError(f"not a server URL: {url!r}")
    port = parts.port
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    return f"{scheme}://{netloc}{parts.path.rstrip('/')}"


def slug(text: str) -> str:
    """``text`` as a short, portable file-name part (lower-case letters, digits, dots and dashes)."""
    return _UNSAFE.sub("-", text.lower()).strip("-.")[:48] or "server"


def server_library_name(url: str) -> str:
    """``<host-slug>-<hash>``: the library's file name without the suffix."""
    # Imported here, not with the module: hashlib loads OpenSSL, and the sandbox's library is opened by its
    # name, so a --sandbox launch needs no hash before its first paint (issue 18). A launch on a real
    # server still imports it here, before its first paint: its library's name is this hash.
    import hashlib

    identity = server_identity(url)
    parts = urlsplit(identity)
    host = slug(f"{parts.hostname}-{parts.port}" if parts.port else str(parts.hostname))
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:HASH_CHARS]
    return f"{host}-{digest}"


def library_path(data_dir: Path, *, server_url: str | None = None, name: str | None = None) -> Path:
    """The library file of the server at ``server_url``, or of a server known by ``name`` alone (the
    in-app sandbox, whose loopback port changes every run). Exactly one of the two is given."""
    if (server_url is None) == (name is None):
        raise TypeError("give either server_url or name")
    stem = server_library_name(server_url) if server_url is not None else slug(str(name))
    return data_dir / LIBRARIES_DIR / f"{stem}{SUFFIX}"


def legacy_library_path(data_dir: Path) -> Path:
    """Where versions before per-server libraries kept their one library."""
    return data_dir / LIBRARY_FILE


def adopt_legacy_library(data_dir: Path, target: Path) -> Path | None:
    """Move the single library of an older version to ``target`` (the library of the server configured
    now, which is the one it was filled from); the path it came from, or None when there was nothing to do.

    Nothing is moved when ``target`` already exists, so a library is never overwritten; the old file then
    stays where it was. The move is a rename within the data folder: all of it or none of it happens.
    """
    legacy = legacy_library_path(data_dir)
    if not legacy.is_file() or target.exists():
        return None
    _settle(legacy)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(legacy, target)
    except OSError as err:
        # Another copy of the app may have moved it a moment ago; either way the next open decides.
        log.warning("could not move the library %s to %s: %s", legacy, target, err)
        return None
    for suffix in _SIDE_FILES:
        side = legacy.with_name(legacy.name + suffix)
        try:
            os.replace(side, target.with_name(target.name + suffix))
        except FileNotFoundError:
            continue
        except OSError as err:
            log.warning("could not move %s along with the library: %s", side, err)
    log.info("moved the library %s to %s", legacy, target)
    return legacy


def _settle(path: Path) -> None:
    """Fold a write-ahead log left by a crash back into the file, so the file alone holds everything.

    A damaged or locked file is moved as it is: opening it later reports that in words.
    """
    try:
        conn = sqlite3.connect(path, timeout=1.0)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error as err:
        log.info("library %s not checkpointed before the move: %s", path, err)
