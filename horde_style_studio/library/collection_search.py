"""Browsing collections like styles: the public ones the library mirrors plus the signed-in user's own (the
private ones too), narrowed by words, kind, NSFW and "mine", in the styles' sort orders.

§3: the server never says who owns a collection and never returns ``info``; both come from the user's own
collections (``own_collections``), whose remembered state wins over the mirror's copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.base import LibraryPart
from horde_style_studio.library.query import SortOrder, order_by, search_words
from horde_style_studio.library.rows import CollectionRow, collection_row

if TYPE_CHECKING:
    from horde_style_studio.library.own_collections import MemberRef

# One shape for both sources. A remembered member list is JSON written by the app, but a damaged one must
# not break the whole list, so anything but an array of objects with an id is read as no members.
_SOURCES = """
WITH own AS (SELECT * FROM own_collections WHERE account = ? AND gone_at IS NULL),
cols AS (
    SELECT c.id, c.name, c.kind, c.public, c.use_count, c.age_key, c.first_seen_at, c.seen_at,
           coalesce(json_extract(c.data, '$.info'), '') AS info, 0 AS mine
    FROM collections AS c WHERE c.gone_at IS NULL AND c.id NOT IN (SELECT id FROM own)
    UNION ALL
    SELECT o.id, o.name, o.kind, o.public, coalesce(c.use_count, 0), c.age_key,
           coalesce(c.first_seen_at, o.added_at), o.saved_at, o.info, 1
    FROM own AS o LEFT JOIN collections AS c ON c.id = o.id
),
members AS (
    SELECT m.collection_id, m.position, m.style_id, m.name FROM collection_members AS m
    WHERE m.collection_id NOT IN (SELECT id FROM own)
    UNION ALL
    SELECT o.id, CAST(j.key AS INTEGER), json_extract(j.value, '$.id'),
           coalesce(json_extract(j.value, '$.name'), '')
    FROM own AS o, json_each(CASE WHEN NOT json_valid(o.members) THEN '[]'
                                  WHEN json_type(o.members) = 'array' THEN o.members ELSE '[]' END) AS j
    WHERE json_type(j.value) = 'object' AND json_extract(j.value, '$.id') IS NOT NULL
)
"""

_SELECT = """
SELECT k.*, (SELECT count(*) FROM members AS m WHERE m.collection_id = k.id) AS member_count,
    (SELECT s.thumbnail FROM members AS m JOIN styles AS s ON s.id = m.style_id
     WHERE m.collection_id = k.id AND s.thumbnail IS NOT NULL AND s.gone_at IS NULL
     ORDER BY m.position LIMIT 1) AS thumbnail
FROM cols AS k WHERE {where} ORDER BY {order}
"""

_NSFW_MEMBER = (
    "EXISTS (SELECT 1 FROM members AS m JOIN styles AS s ON s.id = m.style_id "
    "WHERE m.collection_id = k.id AND s.nsfw = 1)"
)
_WORD_MATCH = (
    "(k.name LIKE ? ESCAPE '\\' OR k.info LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM members AS m "
    "WHERE m.collection_id = k.id AND m.name LIKE ? ESCAPE '\\'))"
)


# A NamedTuple, not a frozen dataclass: Browse's Collections scope makes one before the first paint, where
# generating a dataclass's methods costs about 1 ms (issue 18). Changed with ``_replace``.
class CollectionQuery(NamedTuple):
    """One browse request over collections. ``text``: every word must appear in the name, the description
    or a member's ``alias::style::name``. ``show_nsfw`` False hides a collection holding any NSFW style;
    ``mine_only`` keeps the signed-in user's own."""

    text: str = ""
    kind: StyleKind | None = None
    show_nsfw: bool = False
    mine_only: bool = False
    sort: SortOrder = SortOrder.POPULAR


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(query: CollectionQuery) -> tuple[str, list[Any]]:
    clauses, params = ["1"], []
    if query.kind is not None:
        clauses.append("k.kind = ?")
        params.append(StyleKind(query.kind).value)
    if not query.show_nsfw:
        clauses.append(f"NOT {_NSFW_MEMBER}")
    if query.mine_only:
        clauses.append("k.mine = 1")
    for word in search_words(query.text):
        clauses.append(_WORD_MATCH)
        params += [_like(word)] * 3
    return " AND ".join(clauses), params


class LibraryCollectionSearch(LibraryPart):
    """The collection-browsing part of a library. ``account``: whose own collections join the list."""

    def search_collections(self, query: CollectionQuery, account: str | None = None) -> list[CollectionRow]:
        clause, params = _where(query)
        sql = _SOURCES + _SELECT.format(where=clause, order=order_by(query.sort, "k"))
        return [collection_row(row) for row in self._db.query(sql, [account or "", *params])]

    def collection_member_refs(self, collection_id: str, account: str | None = None) -> list[MemberRef]:
        """The members of one collection in the server's order, from the same sources as the search."""
        sql = _SOURCES + "SELECT style_id, name FROM members WHERE collection_id = ? ORDER BY position"
        rows = self._db.query(sql, [account or "", collection_id])
        # Own collections are the Collections tab's: imported with it, not for Browse's first paint.
        from horde_style_studio.library.own_collections import MemberRef

        return [MemberRef(str(row["style_id"]), str(row["name"])) for row in rows]
