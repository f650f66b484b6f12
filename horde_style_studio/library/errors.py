"""What can go wrong with the library file, as values and exceptions a presenter can show as they are.

What opening a file that could not be used did instead is :class:`~.recovered.LibraryRecovered`.
"""

from __future__ import annotations

import sqlite3
from enum import StrEnum


class Trouble(StrEnum):
    """Why the library file could not be used as it was."""

    CORRUPT = "corrupt"
    LOCKED = "locked"
    NEWER = "newer"
    UNREADABLE = "unreadable"


class LibraryError(Exception):
    """A library operation failed; ``str(err)`` is a sentence a person can act on."""

    def __init__(self, message: str, *, trouble: Trouble = Trouble.UNREADABLE) -> None:
        super().__init__(message)
        self.message = message
        self.trouble = trouble


class SyncBusyError(LibraryError):
    """A second sync was started while one is still running."""

    def __init__(self) -> None:
        super().__init__("The library is already being refreshed.")


def trouble_of(err: sqlite3.Error) -> Trouble:
    """Classify an SQLite error by its result code (the primary code is the low byte)."""
    code = getattr(err, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return Trouble.LOCKED
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return Trouble.CORRUPT
    if primary is None and "locked" in str(err):
        return Trouble.LOCKED
    return Trouble.UNREADABLE


_HUMAN = {
    Trouble.CORRUPT: "The style library file is damaged.",
    Trouble.LOCKED: "The style library is in use by another copy of the app.",
    Trouble.NEWER: "The style library was written by a newer version of the app.",
    Trouble.UNREADABLE: "The style library file could not be read or written.",
}


def library_error(err: sqlite3.Error, doing: str) -> LibraryError:
    """A :class:`LibraryError` for ``err`` raised while ``doing`` something (e.g. "saving a favourite")."""
    trouble = trouble_of(err)
    return LibraryError(f"{_HUMAN[trouble]} (while {doing})", trouble=trouble)


def human(trouble: Trouble) -> str:
    return _HUMAN[trouble]
