"""Bringing a library file up to the newest schema, one numbered migration per transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from horde_style_studio.library.schema import Migration

# The newest migration's version, spelled out: opening a library that is up to date then imports neither
# the schema with its Migration records nor the modules whose tables the later migrations make (drafts,
# own collections, trials: Browse's first paint needs none of them, issue 18). A test keeps it in step
# with schema.MIGRATIONS.
LATEST_VERSION = 7


class NewerSchemaError(Exception):
    """The file's schema is newer than this app knows: it must not be touched."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(f"library schema {found} is newer than {known}")
        self.found = found
        self.known = known


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (trigger bodies hold semicolons of their own)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                yield pending.strip()
            pending = ""
    if pending.strip(" \n\t;"):
        yield pending.strip()


def migrate(conn: sqlite3.Connection, steps: Sequence[Migration] | None = None) -> int:
    """Apply every migration (of ``steps``, by default the library's own) newer than the file; returns how
    many ran.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Each migration and its version bump commit
    together, so a crash or a failing statement leaves the file at the previous version, never in between.
    """
    found = schema_version(conn)
    if steps is None:
        if found == LATEST_VERSION:
            return 0
        from horde_style_studio.library.schema import migrations

        steps = migrations()
    known = steps[-1].version if steps else 0
    if found > known:
        raise NewerSchemaError(found, known)
    applied = 0
    for migration in steps:
        if migration.version > found and _apply(conn, migration):
            applied += 1
    return applied


def _apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another copy of the app may have migrated while this one waited for the write lock.
        if schema_version(conn) >= migration.version:
            conn.execute("ROLLBACK")
            return False
        for statement in statements(migration.sql):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True
