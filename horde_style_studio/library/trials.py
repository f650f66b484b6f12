"""Trials kept per style: what was tried, with which seed, and the pictures or text it brought (issue 15).

The bytes are stored in the library itself (a few hundred kilobytes per trial), because the Horde's result
links expire after 30 minutes (REFERENCE §13); only the newest trials of each style are kept.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.base import LibraryPart

if TYPE_CHECKING:
    from horde_style_studio.domain.trials import Trial

MIGRATION_VERSION = 4
MIGRATION_DESCRIPTION = "trials of styles and drafts, with their results"
MIGRATION_SQL = """
CREATE TABLE IF NOT EXISTS trials (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'text')),
    label TEXT NOT NULL,
    request TEXT NOT NULL,
    draft INTEGER NOT NULL DEFAULT 0,
    job_id TEXT,
    kudos REAL NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS trials_owner ON trials (owner, created_at DESC);
CREATE TABLE IF NOT EXISTS trial_results (
    trial_id INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    generation_id TEXT NOT NULL,
    seed TEXT NOT NULL,
    model TEXT NOT NULL,
    worker TEXT NOT NULL,
    censored INTEGER NOT NULL,
    extension TEXT,
    data BLOB,
    text TEXT,
    PRIMARY KEY (trial_id, position)
) WITHOUT ROWID;
"""
KEEP_PER_OWNER = 20


class LibraryTrials(LibraryPart):
    def keep_trial(self, trial: Trial) -> int:
        """Store a finished trial under ``trial.owner``; the oldest beyond ``KEEP_PER_OWNER`` are dropped."""
        if not trial.owner:
            raise ValueError("a trial is kept under a style or draft")
        when = trial.created_at or self._clock()
        with self._db.write("keeping a trial") as conn:
            cursor = conn.execute(
                "INSERT INTO trials (owner, kind, label, request, draft, job_id, kudos, state, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    trial.owner,
                    trial.kind.value,
                    trial.label,
                    json.dumps(trial.request.model_dump(mode="json")),
                    int(trial.draft),
                    trial.job_id,
                    trial.kudos,
                    trial.state.value,
                    when,
                ),
            )
            trial_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO trial_results (trial_id, position, generation_id, seed, model, worker, censored,"
                " extension, data, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        trial_id,
                        i,
                        r.id,
                        r.seed,
                        r.model,
                        r.worker,
                        int(r.censored),
                        r.extension,
                        r.data,
                        r.text,
                    )
                    for i, r in enumerate(trial.results)
                ],
            )
            stale = conn.execute(
                "SELECT id FROM trials WHERE owner = ? ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?",
                (trial.owner, KEEP_PER_OWNER),
            ).fetchall()
            for (old,) in stale:
                conn.execute("DELETE FROM trial_results WHERE trial_id = ?", (old,))
                conn.execute("DELETE FROM trials WHERE id = ?", (old,))
        trial.stored_id, trial.created_at = trial_id, when
        return trial_id

    def trials_of(self, owner: str) -> list[Trial]:
        """The trials kept under ``owner``, newest first, with their results."""
        rows = self._db.query(
            "SELECT * FROM trials WHERE owner = ? ORDER BY created_at DESC, id DESC", (owner,)
        )
        return [self._trial(row) for row in rows]

    def forget_trial(self, trial_id: int) -> None:
        with self._db.write("removing a trial") as conn:
            conn.execute("DELETE FROM trial_results WHERE trial_id = ?", (trial_id,))
            conn.execute("DELETE FROM trials WHERE id = ?", (trial_id,))

    def _trial(self, row: sqlite3.Row) -> Trial:
        # Imported here: every library open reads this module for its migration, and the job models cost
        # start-up time before the first paint that only trials need (issue 18).
        from horde_style_studio.domain.jobs import JobRequest, JobState
        from horde_style_studio.domain.trials import Trial, TrialResult

        results = self._db.query(
            "SELECT * FROM trial_results WHERE trial_id = ? ORDER BY position", (row["id"],)
        )
        return Trial(
            kind=StyleKind(row["kind"]),
            label=row["label"],
            request=JobRequest.model_validate_json(row["request"]),
            draft=bool(row["draft"]),
            job_id=row["job_id"],
            kudos=float(row["kudos"]),
            state=JobState(row["state"]),
            results=[
                TrialResult(
                    id=r["generation_id"],
                    seed=r["seed"],
                    model=r["model"],
                    worker=r["worker"],
                    censored=bool(r["censored"]),
                    data=r["data"],
                    extension=r["extension"],
                    text=r["text"],
                )
                for r in results
            ],
            owner=row["owner"],
            created_at=float(row["created_at"]),
            stored_id=int(row["id"]),
        )


class TrialBook(LibraryTrials):
    """The trials part over an open library's connection and clock (as ``OwnCollections`` does)."""

    def __init__(self, library: LibraryPart) -> None:
        self._db = library._db
        self._clock = library._clock
