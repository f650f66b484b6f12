"""Opening the library file: creating, migrating, and what to do when the file is damaged, locked or from
a newer app.

Opening never raises for a bad file: a damaged (or newer) file is moved aside and a fresh one started; a file
held by another copy of the app, or one that cannot be opened at all, is left alone and an in-memory library
stands in for this session. Either way the caller gets a :class:`LibraryRecovered` saying so in words.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from horde_style_studio.library.db import BUSY_TIMEOUT, Database, connect
from horde_style_studio.library.errors import Trouble, human, trouble_of
from horde_style_studio.library.migrate import NewerSchemaError, migrate

if TYPE_CHECKING:
    # Imported where made: opening a sound, up-to-date file (Browse's first paint) needs neither (issue 18).
    from horde_style_studio.library.recovered import LibraryRecovered
    from horde_style_studio.library.schema import Migration

_SIDE_FILES = ("-wal", "-shm", "-journal")


class _DamagedError(Exception):
    """``PRAGMA quick_check`` found damage SQLite had not tripped over yet."""


def damage(conn: sqlite3.Connection) -> str | None:
    """What ``PRAGMA quick_check`` finds wrong with the file, or None when it is sound. It reads every page
    (over 200 ms at 100,000 styles), so the app runs it on the library's reader thread after the first paint
    (:meth:`StyleLibrary.check_in_background`)."""
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as err:
        return str(err)
    if check is None or check[0] != "ok":
        return str(check[0]) if check else "no answer"
    return None


def _prepare(
    conn: sqlite3.Connection, migrations: Sequence[Migration] | None, *, on_disk: bool, check: bool = True
) -> None:
    if on_disk:
        conn.execute("PRAGMA journal_mode = WAL")
        found = damage(conn) if check else None
        if found is not None:
            raise _DamagedError(found)
        # Ask for the write lock once, so a file held by another process is found now, not mid-sync.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    conn.execute("PRAGMA temp_store = MEMORY")
    migrate(conn, migrations)


def _open_file(
    path: Path, busy_timeout: float, migrations: Sequence[Migration] | None, check: bool = True
) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path, busy_timeout)
    try:
        _prepare(conn, migrations, on_disk=True, check=check)
    except BaseException:
        conn.close()
        raise
    return conn


def open_memory(migrations: Sequence[Migration] | None = None) -> Database:
    conn = connect(":memory:", 0.0)
    _prepare(conn, migrations, on_disk=False)
    return Database(conn, None)


def open_database(
    path: Path,
    *,
    busy_timeout: float = BUSY_TIMEOUT,
    clock: Callable[[], float] = time.time,
    migrations: Sequence[Migration] | None = None,
    check: bool = True,
) -> tuple[Database, LibraryRecovered | None]:
    """Open (creating, migrating or rebuilding as needed) the library at ``path``. ``check`` False leaves
    looking for damage SQLite has not tripped over yet to the caller (see :func:`damage`)."""
    try:
        return Database(_open_file(path, busy_timeout, migrations, check), path, busy_timeout), None
    except NewerSchemaError:
        trouble = Trouble.NEWER
    except _DamagedError:
        trouble = Trouble.CORRUPT
    except sqlite3.Error as err:
        trouble = trouble_of(err)
    except OSError:
        trouble = Trouble.UNREADABLE
    if trouble in (Trouble.CORRUPT, Trouble.NEWER):
        return rebuild(path, trouble, busy_timeout, clock, migrations)
    return _stand_in(trouble, migrations)


def rebuild(
    path: Path,
    trouble: Trouble,
    busy_timeout: float,
    clock: Callable[[], float],
    migrations: Sequence[Migration] | None = None,
) -> tuple[Database, LibraryRecovered | None]:
    """Move the file at ``path`` aside for ``trouble`` and start a fresh one there."""
    try:
        moved = move_aside(path, "corrupt" if trouble is Trouble.CORRUPT else "newer", clock())
        db = Database(_open_file(path, busy_timeout, migrations), path, busy_timeout)
    except (OSError, sqlite3.Error, NewerSchemaError, _DamagedError):
        return _stand_in(trouble, migrations)
    message = (
        f"{human(trouble)} It was kept as {moved.name} and a new, empty library was started: "
        "refresh the library to fill it again. Favourites and notes stay in the old file."
    )
    from horde_style_studio.library.recovered import LibraryRecovered

    return db, LibraryRecovered(trouble, message, moved_to=moved)


def _stand_in(trouble: Trouble, migrations: Sequence[Migration] | None) -> tuple[Database, LibraryRecovered]:
    message = (
        f"{human(trouble)} The file was left as it is; until the app is restarted it works with a "
        "temporary library, and nothing you change in it is saved."
    )
    from horde_style_studio.library.recovered import LibraryRecovered

    return open_memory(migrations), LibraryRecovered(trouble, message, temporary=True)


def move_aside(path: Path, why: str, now: float) -> Path:
    """Rename ``path`` (and its WAL/SHM files) to ``<name>.<why>-<UTC timestamp>``; returns the new path."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    target = path.with_name(f"{path.name}.{why}-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{why}-{stamp}-{counter}")
        counter += 1
    os.replace(path, target)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target
