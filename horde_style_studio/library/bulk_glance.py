"""A look at the bulk-edit queue that loads none of it: whether Browse opens with the queue's panel
(issue 18: :mod:`~horde_style_studio.library.bulk_queue`, its states and its records, load when the queue is
first used, not for the first paint)."""

from __future__ import annotations

from typing import NamedTuple

from horde_style_studio.library.base import LibraryPart

# The values of bulk_queue.BulkJobState's finished states (that module reads them from here).
FINISHED_STATES = ("cancelled", "done")
# A job not over yet, in SQL: its parameters are FINISHED_STATES.
UNFINISHED_SQL = f"state NOT IN ({', '.join('?' * len(FINISHED_STATES))})"


class QueueGlance(NamedTuple):
    newest_job: int  # 0 when there is none
    unfinished: bool


def glance(library: LibraryPart) -> QueueGlance:
    """The newest job's id and whether any job is left unfinished; nothing queued when the queue's tables
    were never made (they are made on first use)."""
    db = library._db
    if db.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bulk_jobs'") is None:
        return QueueGlance(0, False)
    sql = f"SELECT coalesce(max(id), 0), coalesce(sum({UNFINISHED_SQL}), 0) FROM bulk_jobs"
    [row] = db.query(sql, FINISHED_STATES)
    return QueueGlance(int(row[0]), bool(row[1]))
