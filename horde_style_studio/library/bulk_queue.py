"""The bulk-edit queue, stored in the library so a restart finds it where it stopped (storage only).

A *job* is one operation (stored as JSON, its meaning is :mod:`horde_style_studio.workflows.bulk`'s) over
an ordered list of *items*, one per style. An item waits until ``not_before`` (set from a 429's
Retry-After, §1), then ends ``done``, ``unchanged``, ``failed`` or ``cancelled``. ``snapshot_seq`` is the
History snapshot taken before the item changed its style, so a retry never snapshots twice and an undo
knows what to put back; ``restore_from`` is the snapshot a restore job puts back.

The tables are created on first use (``IF NOT EXISTS``) rather than by a numbered migration, so this part
can land beside other branches' migrations without a numbering clash.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.base import LibraryPart
from horde_style_studio.library.bulk_glance import FINISHED_STATES, UNFINISHED_SQL
from horde_style_studio.library.rows import from_ts, json_object

_STATEMENTS = (
    """CREATE TABLE IF NOT EXISTS bulk_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    operation TEXT NOT NULL,
    label TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS bulk_items (
    job_id INTEGER NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    style_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'text')),
    name TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    not_before REAL NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    snapshot_seq INTEGER,
    restore_from INTEGER,
    PRIMARY KEY (job_id, position)
) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS bulk_items_waiting ON bulk_items (job_id, state, not_before)",
)


class BulkJobState(StrEnum):
    QUEUED = "queued"  # waiting to run, or interrupted by a quit: runs again on the next start
    RUNNING = "running"
    PAUSED = "paused"
    CANCELLED = "cancelled"
    DONE = "done"

    @property
    def finished(self) -> bool:
        return self.value in FINISHED_STATES


class ItemState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    UNCHANGED = "unchanged"  # the style already was as asked: nothing sent
    FAILED = "failed"
    CANCELLED = "cancelled"


# A NamedTuple, not a frozen dataclass: its UI imports it before Browse's first paint, where generating a
# dataclass's methods costs about 1 ms (issue 18). Nothing replaces, iterates or unpacks it.
class BulkTarget(NamedTuple):
    """One style a job works on (``restore_from``: the snapshot a restore puts back)."""

    style_id: str
    kind: StyleKind
    name: str
    restore_from: int | None = None


# A NamedTuple, not a frozen dataclass: Browse's UI imports it before its first paint, where generating a
# dataclass's methods costs about 1 ms (issue 18). Nothing replaces, iterates or unpacks it.
class BulkItem(NamedTuple):
    job_id: int
    position: int
    style_id: str
    kind: StyleKind
    name: str
    state: ItemState
    not_before: float
    attempts: int
    message: str
    snapshot_seq: int | None
    restore_from: int | None


# A NamedTuple, not a frozen dataclass: Browse's UI imports it before its first paint, where generating a
# dataclass's methods costs about 1 ms (issue 18). Nothing replaces, iterates or unpacks it.
class BulkJob(NamedTuple):
    id: int
    operation: dict[str, Any]
    label: str
    state: BulkJobState
    created_at: datetime
    counts: dict[ItemState, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def settled(self) -> int:
        return self.total - self.counts.get(ItemState.PENDING, 0)


class BulkQueue(LibraryPart):
    """The queue over an open library's connection and clock (as ``History`` and ``Drafts`` are)."""

    def __init__(self, library: LibraryPart) -> None:
        self._db = library._db
        self._clock = library._clock
        found = self._db.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bulk_items'")
        if found is None:
            with self._db.write("adding the bulk-edit queue") as conn:
                for statement in _STATEMENTS:
                    conn.execute(statement)

    def enqueue(self, operation: dict[str, Any], label: str, targets: Iterable[BulkTarget]) -> int:
        now = self._clock()
        with self._db.write("queueing a bulk edit") as conn:
            cursor = conn.execute(
                "INSERT INTO bulk_jobs (operation, label, state, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (json.dumps(operation), label, BulkJobState.QUEUED.value, now, now),
            )
            job_id = cursor.lastrowid
            assert job_id is not None  # an INSERT always sets it
            conn.executemany(
                "INSERT INTO bulk_items (job_id, position, style_id, kind, name, restore_from) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(job_id, index, t.style_id, StyleKind(t.kind).value, t.name, t.restore_from)
                 for index, t in enumerate(targets)],
            )  # fmt: skip
        return job_id

    def job(self, job_id: int) -> BulkJob | None:
        rows = self._db.query("SELECT * FROM bulk_jobs WHERE id = ?", (job_id,))
        return self._job(rows[0]) if rows else None

    def jobs(self, *, unfinished_only: bool = False) -> list[BulkJob]:
        """Newest first."""
        sql = "SELECT * FROM bulk_jobs"
        if unfinished_only:
            sql += f" WHERE {UNFINISHED_SQL}"
        params = FINISHED_STATES if unfinished_only else ()
        return [self._job(row) for row in self._db.query(sql + " ORDER BY id DESC", params)]

    def items(self, job_id: int) -> list[BulkItem]:
        rows = self._db.query("SELECT * FROM bulk_items WHERE job_id = ? ORDER BY position", (job_id,))
        return [_item(row) for row in rows]

    def next_ready(self, job_id: int, now: float) -> BulkItem | None:
        """The first pending item whose wait is over."""
        rows = self._db.query(
            "SELECT * FROM bulk_items WHERE job_id = ? AND state = ? AND not_before <= ? "
            "ORDER BY position LIMIT 1",
            (job_id, ItemState.PENDING.value, now),
        )
        return _item(rows[0]) if rows else None

    def earliest_wait(self, job_id: int) -> float | None:
        """When the next pending item may go; None when nothing is pending."""
        value = self._db.scalar(
            "SELECT MIN(not_before) FROM bulk_items WHERE job_id = ? AND state = ?",
            (job_id, ItemState.PENDING.value),
        )
        return float(value) if value is not None else None

    def set_job_state(self, job_id: int, state: BulkJobState) -> None:
        with self._db.write("updating a bulk edit") as conn:
            conn.execute(
                "UPDATE bulk_jobs SET state = ?, updated_at = ? WHERE id = ?",
                (BulkJobState(state).value, self._clock(), job_id),
            )
            if state is BulkJobState.CANCELLED:
                conn.execute(
                    "UPDATE bulk_items SET state = ?, message = 'Cancelled before it was sent.' "
                    "WHERE job_id = ? AND state = ?",
                    (ItemState.CANCELLED.value, job_id, ItemState.PENDING.value),
                )

    def settle(self, item: BulkItem, state: ItemState, message: str = "") -> None:
        self._update(item, "state = ?, message = ?, attempts = attempts + 1", (state.value, message))

    def defer(self, item: BulkItem, not_before: float, message: str) -> None:
        """Try ``item`` again at ``not_before`` (a rate limit, a dropped connection)."""
        self._update(item, "not_before = ?, message = ?, attempts = attempts + 1", (not_before, message))

    def remember_snapshot(self, item: BulkItem, seq: int) -> None:
        self._update(item, "snapshot_seq = ?", (seq,))

    def _update(self, item: BulkItem, assignments: str, values: tuple[Any, ...]) -> None:
        with self._db.write("recording a bulk edit's progress") as conn:
            conn.execute(
                f"UPDATE bulk_items SET {assignments} WHERE job_id = ? AND position = ?",
                (*values, item.job_id, item.position),
            )
            conn.execute("UPDATE bulk_jobs SET updated_at = ? WHERE id = ?", (self._clock(), item.job_id))

    def _job(self, row: sqlite3.Row) -> BulkJob:
        counts = {
            ItemState(state): int(count)
            for state, count in self._db.query(
                "SELECT state, COUNT(*) FROM bulk_items WHERE job_id = ? GROUP BY state", (row["id"],)
            )
        }
        created = from_ts(row["created_at"])
        assert created is not None  # NOT NULL column
        return BulkJob(
            id=row["id"],
            operation=json_object(row["operation"]),
            label=row["label"],
            state=BulkJobState(row["state"]),
            created_at=created,
            counts=counts,
        )


def _item(row: sqlite3.Row) -> BulkItem:
    return BulkItem(
        job_id=row["job_id"],
        position=row["position"],
        style_id=row["style_id"],
        kind=StyleKind(row["kind"]),
        name=row["name"],
        state=ItemState(row["state"]),
        not_before=float(row["not_before"]),
        attempts=int(row["attempts"]),
        message=row["message"],
        snapshot_seq=row["snapshot_seq"],
        restore_from=row["restore_from"],
    )


__all__ = ["BulkItem", "BulkJob", "BulkJobState", "BulkQueue", "BulkTarget", "ItemState"]
