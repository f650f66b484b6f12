"""Use counts over time: every sync's changes of ``use_count``, kept compactly, and what they add up to.

Triggers on ``styles`` write a point only when a style first appears or its count changed, so no writer
(the sync's pages, an edit saved from the editor, a bulk edit) can forget, and an unchanged style costs
nothing however often it is synced. A point is (style rowid, time, count): three numbers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, NamedTuple

from horde_style_studio.library.base import LibraryPart
from horde_style_studio.library.rows import from_ts

# After keyset paging's 6: main's libraries are at 6 already, and a migration numbered below the file's
# version never runs. Its SQL only adds, so a library of this branch's earlier 5 replays it harmlessly.
MIGRATION_VERSION = 7
MIGRATION_DESCRIPTION = "use counts over time, one point per change"
# IF NOT EXISTS throughout: a development file that ran this as migration 4 must not fail it as 5.
RISING_DAYS: Final = 7
_DAY: Final = 86400.0

MIGRATION_SQL = """
CREATE TABLE IF NOT EXISTS style_uses (
    sid INTEGER NOT NULL,
    at REAL NOT NULL,
    use_count INTEGER NOT NULL,
    PRIMARY KEY (sid, at)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS styles_ai_uses AFTER INSERT ON styles BEGIN
    INSERT OR REPLACE INTO style_uses (sid, at, use_count) VALUES (new.sid, new.seen_at, new.use_count);
END;
CREATE TRIGGER IF NOT EXISTS styles_au_uses AFTER UPDATE OF use_count ON styles
WHEN old.use_count IS NOT new.use_count BEGIN
    INSERT OR REPLACE INTO style_uses (sid, at, use_count) VALUES (new.sid, new.seen_at, new.use_count);
END;
CREATE TRIGGER IF NOT EXISTS styles_ad_uses AFTER DELETE ON styles BEGIN
    DELETE FROM style_uses WHERE sid = old.sid;
END;
INSERT OR IGNORE INTO style_uses (sid, at, use_count) SELECT sid, seen_at, use_count FROM styles;
"""


def uses_gained_sql(table: str = "s", days: int = RISING_DAYS) -> str:
    """SQL for how many uses the style aliased ``table`` gained in the ``days`` before the newest sync.

    "Now" is the newest sync the library saw, not the wall clock: a library opened after a week offline
    still ranks by the last week it knows. A style first seen inside the window counts from then.
    """
    cutoff = f"(SELECT max(seen_at) FROM styles) - {days * _DAY}"
    before = (
        f"(SELECT u.use_count FROM style_uses AS u WHERE u.sid = {table}.sid AND u.at <= {cutoff} "
        "ORDER BY u.at DESC LIMIT 1)"
    )
    first = f"(SELECT u.use_count FROM style_uses AS u WHERE u.sid = {table}.sid ORDER BY u.at LIMIT 1)"
    return f"({table}.use_count - coalesce({before}, {first}, {table}.use_count))"


# A NamedTuple, not a frozen dataclass: its UI imports it before Browse's first paint, where generating a
# dataclass's methods costs about 1 ms (issue 18). Nothing replaces, iterates or unpacks it.
class UsePoint(NamedTuple):
    at: datetime
    use_count: int


class LibraryUsage(LibraryPart):
    def usage_history(self, style_id: str) -> list[UsePoint]:
        """Every recorded change of the style's use count, oldest first."""
        rows = self._db.query(
            "SELECT u.at, u.use_count FROM style_uses AS u JOIN styles AS s ON s.sid = u.sid "
            "WHERE s.id = ? ORDER BY u.at",
            (style_id,),
        )
        points = []
        for at, count in rows:
            when = from_ts(at)
            assert when is not None  # NOT NULL column
            points.append(UsePoint(when, int(count)))
        return points

    def uses_gained(self, style_id: str, days: int = RISING_DAYS) -> int:
        """Uses gained in the ``days`` before the newest sync (0 for a style the library does not hold)."""
        value = self._db.scalar(
            f"SELECT {uses_gained_sql('s', days)} FROM styles AS s WHERE s.id = ?", (style_id,)
        )
        return int(value or 0)


__all__ = [
    "MIGRATION_DESCRIPTION",
    "MIGRATION_SQL",
    "MIGRATION_VERSION",
    "LibraryUsage",
    "UsePoint",
    "uses_gained_sql",
]
