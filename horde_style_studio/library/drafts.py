"""The editor's drafts: every edit of a style, kept in the library until it is saved to the server.

A draft is written whole in one transaction (one row upsert), and the library runs in WAL mode, so a crash
or a SIGKILL leaves either the previous version of the draft or the new one, never half of it. The editor
writes after each burst of typing (debounced well under a second), which is what makes "kill the app
mid-edit and nothing typed more than a second ago is lost" true.

This module also holds migration 2, which adds the editor's tables (drafts, and the snapshots that
:mod:`horde_style_studio.library.history` keeps).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.base import LibraryPart
from horde_style_studio.library.rows import from_ts

MIGRATION_VERSION = 2
MIGRATION_DESCRIPTION = "editor drafts, and snapshots of styles taken before each edit or delete"
# ``payload`` is the style as the editor holds it (a JSON object); ``raw`` is JSON view text that did not
# parse yet, kept so not even a half-typed edit there is lost; ``base`` is the server's version the draft
# started from, for conflict detection. Snapshots: see library.history.
_STATEMENTS = (
    """CREATE TABLE IF NOT EXISTS style_drafts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'text')),
    style_id TEXT,
    payload TEXT NOT NULL,
    raw TEXT,
    base TEXT,
    origin TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS style_drafts_style ON style_drafts (style_id)",
    """CREATE TABLE IF NOT EXISTS style_snapshots (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    style_id TEXT NOT NULL,
    lineage TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'text')),
    name TEXT NOT NULL,
    reason TEXT NOT NULL,
    data TEXT NOT NULL,
    taken_at REAL NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS style_snapshots_lineage ON style_snapshots (lineage, seq)",
    "CREATE TABLE IF NOT EXISTS style_lineage (style_id TEXT PRIMARY KEY, lineage TEXT NOT NULL)"
    " WITHOUT ROWID",
)
MIGRATION_SQL = ";\n".join(_STATEMENTS) + ";\n"


@dataclass(frozen=True, slots=True)
class Draft:
    """One draft. ``style_id`` is None for a style not on the server yet (new, forked or restored)."""

    id: str
    kind: StyleKind
    style_id: str | None
    payload: dict[str, Any]
    raw: str | None
    base: dict[str, Any] | None
    origin: str
    created_at: datetime
    updated_at: datetime

    @property
    def name(self) -> str:
        name = self.payload.get("name")
        return name.strip() if isinstance(name, str) and name.strip() else "Untitled style"


class LibraryDrafts(LibraryPart):
    """The drafts part of a library, as a mixin (or standing alone: :class:`Drafts`)."""

    def save_draft(
        self,
        draft_id: str | None,
        kind: StyleKind,
        payload: dict[str, Any],
        *,
        style_id: str | None = None,
        raw: str | None = None,
        base: dict[str, Any] | None = None,
        origin: str = "",
    ) -> str:
        """Write the draft whole (a new one when ``draft_id`` is None); returns its id."""
        # uuid imports platform (about 6 ms); Browse's first paint opens the library but makes no draft.
        import uuid

        draft_id = draft_id or uuid.uuid4().hex
        now = self._clock()
        with self._db.write("saving a draft") as conn:
            conn.execute(
                "INSERT INTO style_drafts (id, kind, style_id, payload, raw, base, origin, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, style_id = excluded.style_id, "
                "payload = excluded.payload, raw = excluded.raw, base = excluded.base, "
                "origin = excluded.origin, updated_at = excluded.updated_at",
                (draft_id, StyleKind(kind).value, style_id, json.dumps(payload), raw,
                 json.dumps(base) if base is not None else None, origin, now, now),
            )  # fmt: skip
        return draft_id

    def draft(self, draft_id: str) -> Draft | None:
        rows = self._db.query("SELECT * FROM style_drafts WHERE id = ?", (draft_id,))
        return _draft(rows[0]) if rows else None

    def drafts(self) -> list[Draft]:
        """Every draft, the most recently edited first."""
        return [
            _draft(row) for row in self._db.query("SELECT * FROM style_drafts ORDER BY updated_at DESC, id")
        ]

    def draft_for_style(self, style_id: str) -> Draft | None:
        """The newest draft editing the server's style ``style_id``, if any."""
        rows = self._db.query(
            "SELECT * FROM style_drafts WHERE style_id = ? ORDER BY updated_at DESC LIMIT 1", (style_id,)
        )
        return _draft(rows[0]) if rows else None

    def delete_draft(self, draft_id: str) -> None:
        with self._db.write("removing a draft") as conn:
            conn.execute("DELETE FROM style_drafts WHERE id = ?", (draft_id,))


class Drafts(LibraryDrafts):
    """The drafts part over an open library's connection and clock (as ``OwnCollections`` does)."""

    def __init__(self, library: LibraryPart) -> None:
        self._db = library._db
        self._clock = library._clock
        ensure_editor_tables(self)


def ensure_editor_tables(part: LibraryPart) -> None:
    """Create the editor's tables when a file skipped migration 2.

    Migration 3 (own collections) shipped before 2 existed, and ``migrate()`` only applies versions newer
    than the file's, so a file already at 3 never ran 2. Its statements are all ``IF NOT EXISTS``, so
    running them again here is harmless.
    """
    found = part._db.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'style_drafts'")
    if found is not None:
        return
    with part._db.write("adding the editor's tables") as conn:
        for statement in _STATEMENTS:
            conn.execute(statement)


def _json_object(raw: str | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _draft(row: sqlite3.Row) -> Draft:
    created, updated = from_ts(row["created_at"]), from_ts(row["updated_at"])
    assert created is not None  # NOT NULL column
    assert updated is not None  # NOT NULL column
    return Draft(
        id=row["id"],
        kind=StyleKind(row["kind"]),
        style_id=row["style_id"],
        payload=_json_object(row["payload"]) or {},
        raw=row["raw"],
        base=_json_object(row["base"]),
        origin=row["origin"],
        created_at=created,
        updated_at=updated,
    )


__all__ = [
    "MIGRATION_DESCRIPTION",
    "MIGRATION_SQL",
    "MIGRATION_VERSION",
    "Draft",
    "Drafts",
    "LibraryDrafts",
    "ensure_editor_tables",
]
