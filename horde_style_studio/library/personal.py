"""Favourites and personal notes: the user's own data, keyed by style id, untouched by any sync."""

from __future__ import annotations

from horde_style_studio.library.base import LibraryPart


class LibraryPersonal(LibraryPart):
    def set_favourite(self, style_id: str, favourite: bool = True) -> None:
        with self._db.write("saving a favourite") as conn:
            if favourite:
                conn.execute(
                    "INSERT OR IGNORE INTO favourites (style_id, added_at) VALUES (?, ?)",
                    (style_id, self._clock()),
                )
            else:
                conn.execute("DELETE FROM favourites WHERE style_id = ?", (style_id,))

    def is_favourite(self, style_id: str) -> bool:
        return self._db.scalar("SELECT 1 FROM favourites WHERE style_id = ?", (style_id,)) is not None

    def favourite_ids(self) -> list[str]:
        """Favourite style ids, the most recently added first."""
        rows = self._db.query("SELECT style_id FROM favourites ORDER BY added_at DESC, style_id")
        return [row[0] for row in rows]

    def set_note(self, style_id: str, text: str) -> None:
        """Save the user's note on a style; blank text removes it."""
        with self._db.write("saving a note") as conn:
            if text.strip():
                conn.execute(
                    "INSERT OR REPLACE INTO notes (style_id, body, updated_at) VALUES (?, ?, ?)",
                    (style_id, text, self._clock()),
                )
            else:
                conn.execute("DELETE FROM notes WHERE style_id = ?", (style_id,))

    def note(self, style_id: str) -> str:
        value = self._db.scalar("SELECT body FROM notes WHERE style_id = ?", (style_id,))
        return str(value) if value is not None else ""
