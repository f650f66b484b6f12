"""``StyleLibrary``: the local mirror of the server's styles and collections, plus the user's favourites and
notes, in one SQLite file. No Qt. Reads and small writes are synchronous and short (one query, one row); a
sync's page saves go to a writer thread (see :mod:`horde_style_studio.library.db`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from horde_style_studio.library.collection_search import LibraryCollectionSearch
from horde_style_studio.library.db import BUSY_TIMEOUT, Database
from horde_style_studio.library.errors import Trouble
from horde_style_studio.library.location import adopt_legacy_library, library_path
from horde_style_studio.library.opening import damage, open_database, open_memory, rebuild
from horde_style_studio.library.personal import LibraryPersonal
from horde_style_studio.library.reads import LibraryReads
from horde_style_studio.library.sync_book import LibrarySyncBook
from horde_style_studio.library.usage import LibraryUsage
from horde_style_studio.library.writes import LibraryWrites

if TYPE_CHECKING:
    from horde_style_studio.library.recovered import LibraryRecovered


class StyleLibrary(
    LibraryReads, LibraryCollectionSearch, LibraryWrites, LibraryPersonal, LibrarySyncBook, LibraryUsage
):
    """Owns one database connection. Open it with :meth:`open` (a file) or :meth:`in_memory`.

    ``recovered`` says, in words, when the file could not be used as it was (it was damaged, newer, or held
    by another copy of the app) and what was done instead; it is None when all was well.
    """

    def __init__(
        self,
        db: Database,
        *,
        recovered: LibraryRecovered | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = db
        self._clock = clock
        self._walk_counts = {}
        self.recovered = recovered

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        busy_timeout: float = BUSY_TIMEOUT,
        clock: Callable[[], float] = time.time,
        check: bool = True,
    ) -> StyleLibrary:
        """Open (creating folders, file and schema as needed) the library file at ``path``. Never raises
        for a bad file: see ``recovered``. ``check`` False defers the search for hidden damage to
        :meth:`check_in_background`."""
        db, recovered = open_database(path, busy_timeout=busy_timeout, clock=clock, check=check)
        return cls(db, recovered=recovered, clock=clock)

    @classmethod
    def open_in(
        cls, data_dir: Path, *, server_url: str | None = None, name: str | None = None, **options: Any
    ) -> StyleLibrary:
        """Open the library of one server (by URL, or by ``name`` for the in-app sandbox) in the app's data
        dir (``services.paths.app_dirs().data``). An older version's single library is moved there first:
        it was filled from the server configured now (see :mod:`~horde_style_studio.library.location`)."""
        path = library_path(data_dir, server_url=server_url, name=name)
        adopt_legacy_library(data_dir, path)
        return cls.open(path, **options)

    @classmethod
    def in_memory(cls, *, clock: Callable[[], float] = time.time) -> StyleLibrary:
        return cls(open_memory(), clock=clock)

    @property
    def path(self) -> Path | None:
        """The file behind the library; None for an in-memory one (nothing is saved)."""
        return self._db.path

    async def check_in_background(self) -> LibraryRecovered | None:
        """Look for damage SQLite has not tripped over yet, on the reader thread. When there is some, the
        file is moved aside and this library carries on with a fresh one (``recovered`` says so), as
        :meth:`open` would have done; returns that, or None when the file is sound."""
        path = self._db.path
        if path is None:
            return None
        found = await self._db.read_in_background(damage)
        if found is None:
            return None
        self._db.close()
        self._db, self.recovered = rebuild(path, Trouble.CORRUPT, self._db.busy_timeout, self._clock)
        return self.recovered

    def close(self) -> None:
        self._db.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path) if self.path else ':memory:'})"
