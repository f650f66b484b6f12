"""What every part of :class:`~horde_style_studio.library.store.StyleLibrary` shares."""

from __future__ import annotations

from collections.abc import Callable

from horde_style_studio.library.db import Database


class LibraryPart:
    """The database and the clock (seconds since the epoch; tests pass their own)."""

    _db: Database
    _clock: Callable[[], float]
