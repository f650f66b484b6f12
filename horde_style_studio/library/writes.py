"""Writing server objects into the library outside a sync walk (a sync uses the same SQL per page)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.base import LibraryPart
from horde_style_studio.library.rows import to_ts

if TYPE_CHECKING:
    from horde_style_studio.domain.collections import Collection
    from horde_style_studio.domain.styles import AnyStyle


# The writes below import the SQL they share with a sync (library.mirror) when first run: Browse's first
# paint only reads (issue 18).
class LibraryWrites(LibraryPart):
    def upsert_styles(
        self, kind: StyleKind, styles: Iterable[AnyStyle], seen_at: datetime, *, mine: bool = False
    ) -> int:
        """Store ``styles`` (all of ``kind``) as seen at ``seen_at``; ``mine`` flags them as the user's."""
        batch = list(styles)
        from horde_style_studio.library import mirror

        with self._db.write("saving styles") as conn:
            return mirror.upsert_styles(conn, kind, batch, to_ts(seen_at), mine=mine)

    def mark_gone(self, kind: StyleKind, seen_ids: Iterable[str], sync_started_at: datetime) -> int:
        """After a *complete* walk of the ``kind`` list: every style not in ``seen_ids`` and not seen since
        ``sync_started_at`` is marked gone (kept, with its favourite and note, but hidden from browsing)."""
        from horde_style_studio.library import mirror

        with self._db.write("marking styles gone") as conn:
            mirror.load_seen(conn, seen_ids)
            return mirror.mark_styles_gone(conn, kind, to_ts(sync_started_at), self._clock())

    def mark_style_deleted(self, style_id: str) -> bool:
        """The user deleted ``style_id`` on the server: hide it from browsing now, not after the next full
        sync (its favourite and note stay, like any gone style's). False when the library did not hold it."""
        with self._db.write("forgetting a deleted style") as conn:
            cursor = conn.execute(
                "UPDATE styles SET gone_at = ? WHERE id = ? AND gone_at IS NULL", (self._clock(), style_id)
            )
            return cursor.rowcount > 0

    def upsert_collections(self, collections: Iterable[Collection], seen_at: datetime) -> int:
        batch = list(collections)
        from horde_style_studio.library import mirror

        with self._db.write("saving collections") as conn:
            return mirror.upsert_collections(conn, batch, to_ts(seen_at))

    def mark_collections_gone(self, seen_ids: Iterable[str], sync_started_at: datetime) -> int:
        from horde_style_studio.library import mirror

        with self._db.write("marking collections gone") as conn:
            mirror.load_seen(conn, seen_ids)
            return mirror.mark_collections_gone(conn, to_ts(sync_started_at), self._clock())

    def set_own_styles(self, username: str, style_ids: Iterable[str]) -> None:
        """Record the signed-in account and exactly which styles are its own (from ``find_user``, §6)."""
        from horde_style_studio.library import mirror

        with self._db.write("saving your styles") as conn:
            mirror.load_seen(conn, style_ids)
            mirror.set_own_styles(conn, username, self._clock())

    def account(self) -> str | None:
        """The username (``alias#id``) whose styles are flagged as mine, if any sync has seen one."""
        value = self._db.scalar("SELECT value FROM meta WHERE key = 'account'")
        return str(value) if value is not None else None
