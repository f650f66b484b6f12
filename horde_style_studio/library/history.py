"""Snapshots of the server's version of a style, taken before every PATCH and DELETE the editor sends.

§2.5/§2.6: a PATCH replaces the whole style and a DELETE cascades, and neither can be undone on the server;
a snapshot is what lets the user put a style back, even one that was deleted. A text style that 5.1.5 can
only change by delete and recreate (§9 B4) gets a new id; ``link_recreated`` keeps its history together
(its *lineage* is the id of the first version).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import pydantic

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import AnyStyle, style_read_model
from horde_style_studio.library.base import LibraryPart
from horde_style_studio.library.drafts import ensure_editor_tables
from horde_style_studio.library.rows import from_ts, json_object


class SnapshotReason(StrEnum):
    """What the editor was about to do when it took the snapshot."""

    PATCH = "patch"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The style exactly as the server served it (``data``) just before a PATCH or DELETE."""

    seq: int
    style_id: str
    lineage: str
    kind: StyleKind
    name: str
    reason: SnapshotReason
    data: dict[str, Any]
    taken_at: datetime

    def style(self) -> AnyStyle | None:
        """The snapshot as a served style (None if a later app version stored something unreadable)."""
        try:
            return style_read_model(self.kind).model_validate(self.data)
        except pydantic.ValidationError:
            return None


class LibraryHistory(LibraryPart):
    """The history part of a library, as a mixin (or standing alone: :class:`History`)."""

    def take_snapshot(self, style: AnyStyle, reason: SnapshotReason) -> Snapshot:
        """Keep ``style`` (as just re-fetched from the server) before ``reason`` is sent."""
        data = style.model_dump(mode="json", exclude_none=True)
        with self._db.write("keeping the style's previous version") as conn:
            lineage = _lineage(conn, style.id)
            cursor = conn.execute(
                "INSERT INTO style_snapshots (style_id, lineage, kind, name, reason, data, taken_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (style.id, lineage, style.kind.value, style.name, SnapshotReason(reason).value,
                 json.dumps(data), self._clock()),
            )  # fmt: skip
            seq = cursor.lastrowid
        assert seq is not None  # an INSERT always sets it
        found = self.snapshot(seq)
        assert found is not None  # just written on this connection
        return found

    def link_recreated(self, old_id: str, new_id: str) -> None:
        """``new_id`` replaces the deleted ``old_id`` (§9 B4): one history for both."""
        with self._db.write("linking a recreated style to its history") as conn:
            conn.execute(
                "INSERT OR REPLACE INTO style_lineage (style_id, lineage) VALUES (?, ?)",
                (new_id, _lineage(conn, old_id)),
            )

    def snapshot(self, seq: int) -> Snapshot | None:
        rows = self._db.query("SELECT * FROM style_snapshots WHERE seq = ?", (seq,))
        return _snapshot(rows[0]) if rows else None

    def history(self, style_id: str) -> list[Snapshot]:
        """Every snapshot of ``style_id`` and of the styles it was recreated from, newest first."""
        lineage = self._db.scalar("SELECT lineage FROM style_lineage WHERE style_id = ?", (style_id,))
        rows = self._db.query(
            "SELECT * FROM style_snapshots WHERE lineage = ? ORDER BY seq DESC", (lineage or style_id,)
        )
        return [_snapshot(row) for row in rows]

    def snapshots(self, limit: int = 500) -> list[Snapshot]:
        """The newest snapshots of every style, newest first."""
        rows = self._db.query("SELECT * FROM style_snapshots ORDER BY seq DESC LIMIT ?", (limit,))
        return [_snapshot(row) for row in rows]

    def was_deleted(self, style_id: str) -> bool:
        """Whether the editor deleted ``style_id`` from the server (so restoring it means creating it)."""
        found = self._db.scalar(
            "SELECT 1 FROM style_snapshots WHERE style_id = ? AND reason = ?",
            (style_id, SnapshotReason.DELETE.value),
        )
        return found is not None

    def live_successor(self, style_id: str) -> str | None:
        """The id that replaced ``style_id`` by a delete-and-recreate and was not deleted itself since."""
        lineage = self._db.scalar("SELECT lineage FROM style_lineage WHERE style_id = ?", (style_id,))
        rows = self._db.query(
            "SELECT l.style_id FROM style_lineage AS l WHERE l.lineage = ? AND l.style_id != ? "
            "AND NOT EXISTS (SELECT 1 FROM style_snapshots AS s "
            "WHERE s.style_id = l.style_id AND s.reason = ?)",
            (lineage or style_id, style_id, SnapshotReason.DELETE.value),
        )
        return str(rows[0][0]) if rows else None


class History(LibraryHistory):
    """The history part over an open library's connection and clock."""

    def __init__(self, library: LibraryPart) -> None:
        self._db = library._db
        self._clock = library._clock
        ensure_editor_tables(self)


def _lineage(conn: sqlite3.Connection, style_id: str) -> str:
    row = conn.execute("SELECT lineage FROM style_lineage WHERE style_id = ?", (style_id,)).fetchone()
    return str(row[0]) if row is not None else style_id


def _snapshot(row: sqlite3.Row) -> Snapshot:
    taken = from_ts(row["taken_at"])
    assert taken is not None  # NOT NULL column
    return Snapshot(
        seq=row["seq"],
        style_id=row["style_id"],
        lineage=row["lineage"],
        kind=StyleKind(row["kind"]),
        name=row["name"],
        reason=SnapshotReason(row["reason"]),
        data=json_object(row["data"]),
        taken_at=taken,
    )


__all__ = ["History", "LibraryHistory", "Snapshot", "SnapshotReason"]
