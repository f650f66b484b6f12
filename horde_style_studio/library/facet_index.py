"""Facet counts from bitsets: each tag's and each model's styles as one Python integer (bit ``sid`` set),
kept while the file is unchanged, so counting a facet is one AND and one popcount per value.

Counting with SQL joins every tag row of every matching style to its style: over 100,000 styles a broad
search (one letter, or no text at all) counted a quarter of a million rows per facet, hundreds of
milliseconds each. Here a search costs one pass over the matching styles' ids.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from horde_style_studio.library.query import StyleQuery, where
from horde_style_studio.library.rows import FacetCount, Facets

# SQLite's NOCASE folds ASCII letters only; the facets' order breaks ties the same way.
_NOCASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class FacetIndex:
    """The bitsets of one connection's view of the library, rebuilt when the file changed: through another
    connection (``PRAGMA data_version``) or through this one (its ``total_changes``)."""

    def __init__(self) -> None:
        self._version: tuple[int, int] | None = None
        self._tags: dict[str, int] = {}
        self._models: dict[str, int] = {}

    def facets(self, conn: sqlite3.Connection, query: StyleQuery, limit: int | None) -> Facets:
        self._refresh(conn)
        tag_query, model_query = query.without(tag=True), query.without(model=True)
        for_tags = _matching(conn, tag_query)
        for_models = for_tags if model_query == tag_query else _matching(conn, model_query)
        return Facets(
            tags=_counted(self._tags, for_tags, limit), models=_counted(self._models, for_models, limit)
        )

    def _refresh(self, conn: sqlite3.Connection) -> None:
        version = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
        if version == self._version:
            return
        self._tags = _bitsets(conn, "SELECT tag, sid FROM style_tags")
        self._models = _bitsets(conn, "SELECT model, sid FROM style_models")
        self._version = version


def _bitsets(conn: sqlite3.Connection, sql: str) -> dict[str, int]:
    members: defaultdict[str, list[int]] = defaultdict(list)
    for value, sid in conn.execute(sql):
        members[value].append(sid)
    return {value: _bitset(sids) for value, sids in members.items()}


def _bitset(sids: list[int]) -> int:
    if not sids:
        return 0
    bits = bytearray(max(sids) // 8 + 1)
    for sid in sids:
        bits[sid >> 3] |= 1 << (sid & 7)
    return int.from_bytes(bits, "little")


def _matching(conn: sqlite3.Connection, query: StyleQuery) -> int:
    clause, params = where(query)
    return _bitset([sid for (sid,) in conn.execute(f"SELECT s.sid FROM styles AS s WHERE {clause}", params)])


def _counted(bitsets: dict[str, int], matching: int, limit: int | None) -> tuple[FacetCount, ...]:
    counts = [(value, (bits & matching).bit_count()) for value, bits in bitsets.items()]
    ordered = sorted(((v, n) for v, n in counts if n), key=lambda vn: (-vn[1], vn[0].translate(_NOCASE)))
    return tuple(FacetCount(value, n) for value, n in ordered[:limit])
