"""Facet counts and totals from bitsets: each tag's and each model's styles as one Python integer (bit
``sid`` set), kept while the file is unchanged, so counting a facet is one AND and one popcount per value.

Counting with SQL joins every tag row of every matching style to its style: over 100,000 styles a broad
search (one letter, or no text at all) counted a quarter of a million rows per facet, hundreds of
milliseconds each. Here a keystroke costs one full-text lookup: the styles the filters let through (kind,
NSFW, tag, favourites...) do not change while someone types, so their bitset is kept too, and the words
typed only narrow it with one AND.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict, deque
from dataclasses import replace
from itertools import compress, repeat

from horde_style_studio.library.query import (
    SortOrder,
    StyleQuery,
    best_match_rank,
    fts_match,
    order_by,
    search_words,
    where,
)
from horde_style_studio.library.rows import FacetCount, Facets

# SQLite's NOCASE folds ASCII letters only; the facets' order breaks ties the same way.
_NOCASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_BYTES_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")
_KEPT_WORDS = 256  # a few KB each (a bit per style): a few MB at 100,000 styles
# Filter combinations kept per version of the file: a handful are in play at once (with and without the
# chosen tag or model, for the facets that ignore their own filter, and for the total).
_KEPT_FILTERS = 8


class FacetIndex:
    """The bitsets of one connection's view of the library, rebuilt when the file changed: through another
    connection (``PRAGMA data_version``) or through this one (its ``total_changes``)."""

    def __init__(self) -> None:
        self._version: tuple[int, int] | None = None
        self._tags: dict[str, int] | None = None
        self._models: dict[str, int] | None = None
        self._filtered: dict[StyleQuery, int] = {}
        # Every style's sid and id in one sort order, for :meth:`ordered_ids`.
        self._orders: dict[SortOrder, tuple[list[int], list[str]]] = {}
        # Each word looked up lately, with its styles: typing a phrase adds a word at a time, and the facets
        # and the total of one keystroke share them. The styles a query's words match are their AND.
        self._words: OrderedDict[str, int] = OrderedDict()

    def facets(self, conn: sqlite3.Connection, query: StyleQuery, limit: int | None) -> Facets:
        self._refresh(conn)
        if self._tags is None or self._models is None:
            self._tags = _bitsets(conn, "SELECT tag, group_concat(sid) FROM style_tags GROUP BY tag")
            self._models = _bitsets(conn, "SELECT model, group_concat(sid) FROM style_models GROUP BY model")
        tag_query, model_query = query.without(tag=True), query.without(model=True)
        for_tags = self._matching(conn, tag_query)
        for_models = for_tags if model_query == tag_query else self._matching(conn, model_query)
        return Facets(
            tags=_counted(self._tags, for_tags, limit), models=_counted(self._models, for_models, limit)
        )

    def count(self, conn: sqlite3.Connection, query: StyleQuery) -> int:
        """How many styles ``query`` finds in all."""
        self._refresh(conn)
        return self._matching(conn, query).bit_count()

    def ordered_ids(self, conn: sqlite3.Connection, query: StyleQuery) -> list[str]:
        """The ids of every style ``query`` finds, in its sort order: the order of all styles (one walk of
        that order's index, kept) with the ones the bitset lets through picked out, all in C."""
        self._refresh(conn)
        ranks = self._ranks(conn, query)
        sort = SortOrder(query.sort)
        if sort is SortOrder.BEST_MATCH:
            sort = SortOrder.POPULAR  # ranks apart, the most used first
        order = self._orders.get(sort)
        if order is None:
            rows = conn.execute(f"SELECT s.sid, s.id FROM styles AS s ORDER BY {order_by(sort)}").fetchall()
            order = self._orders[sort] = ([sid for sid, _ in rows], [str(id_) for _, id_ in rows])
        sids, ids = order
        left = self._matching(conn, query)
        found: list[str] = []
        for rank in [*ranks, left]:  # each rank's styles in that order, then the other matches
            found += _picked(sids, ids, left & rank)
            left &= ~rank
        return found

    def _ranks(self, conn: sqlite3.Connection, query: StyleQuery) -> list[int]:
        """For a best-match search with text (query.best_match_rank), the styles of each rank above the
        last: the name is the text, begins with it, holds every word. Bitsets, so that ranking the whole
        list costs a pass over it per rank rather than a sort of every match."""
        rank = best_match_rank(query)
        if rank is None:
            return []
        text, name_words = rank
        exact = _ids(conn, "SELECT group_concat(sid) FROM styles INDEXED BY styles_name "
                     "WHERE name = ? COLLATE NOCASE", (text,))  # fmt: skip
        # A range of the name index rather than LIKE, which would read every name: NOCASE compares
        # ASCII-folded UTF-8 bytes, and no name going on from the text sorts after it plus U+10FFFF.
        begins = _ids(conn, "SELECT group_concat(sid) FROM styles INDEXED BY styles_name "
                      "WHERE name >= ? COLLATE NOCASE AND name < ? COLLATE NOCASE",
                      (text, text + "\U0010ffff"))  # fmt: skip
        words = _ids(conn, "SELECT group_concat(rowid) FROM style_fts WHERE style_fts MATCH ?", (name_words,))
        return [_bitset(exact), _bitset(begins), _bitset(words)]

    def _refresh(self, conn: sqlite3.Connection) -> None:
        version = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
        if version == self._version:
            return
        self._tags, self._models = None, None
        self._words.clear()
        self._filtered.clear()
        self._orders.clear()
        self._version = version

    def _matching(self, conn: sqlite3.Connection, query: StyleQuery) -> int:
        filters = replace(query, text="", sort=SortOrder.POPULAR, limit=None, offset=0, after=None)
        filtered = self._filtered.get(filters)
        if filtered is None:
            clause, params = where(filters)
            sql = f"SELECT group_concat(s.sid) FROM styles AS s WHERE {clause}"
            filtered = _bitset(_ids(conn, sql, params))
            if len(self._filtered) >= _KEPT_FILTERS:
                self._filtered.pop(next(iter(self._filtered)))
            self._filtered[filters] = filtered
        for word in search_words(query.text):
            filtered &= self._word(conn, word)
        return filtered

    def _word(self, conn: sqlite3.Connection, word: str) -> int:
        found = self._words.get(word)
        if found is None:
            match = fts_match(word)  # one quoted prefix term, as in the query's own MATCH
            sql = "SELECT group_concat(rowid) FROM style_fts WHERE style_fts MATCH ?"
            found = _bitset(_ids(conn, sql, (match,))) if match else 0
            if len(self._words) >= _KEPT_WORDS:
                self._words.popitem(last=False)
        self._words[word] = found
        self._words.move_to_end(word)
        return found

    def forget_words(self) -> None:
        """Drop the words kept (the benchmarks time a word never typed before)."""
        self._words.clear()


def _picked(sids: list[int], ids: list[str], bits: int) -> list[str]:
    """The ids, in order, of the styles whose sid is set in ``bits``."""
    if not bits:
        return []
    # A byte per style (0 or 1) that map() can index: the bitset's base-2 numeral, lowest bit first.
    chosen = format(bits, "b")[::-1].encode().translate(_BYTES_FROM_DIGITS)
    chosen = chosen.ljust(max(sids, default=0) + 1, b"\x00")
    return list(compress(ids, map(chosen.__getitem__, sids)))


def _ids(conn: sqlite3.Connection, sql: str, params: tuple[object, ...] | list[object] = ()) -> str:
    """One comma-separated list of ids: SQLite joins them faster than Python takes in a row per id."""
    found = conn.execute(sql, params).fetchone()[0]
    return str(found) if found else ""


def _bitsets(conn: sqlite3.Connection, sql: str) -> dict[str, int]:
    return {str(value): _bitset(ids) for value, ids in conn.execute(sql)}


def _bitset(ids: str) -> int:
    if not ids:
        return 0
    # The JSON parser reads a list of numbers several times faster than int() per piece; setting a byte per
    # id through map() and reading the bytes as a base-2 numeral keeps the per-id work in C as well.
    sids: list[int] = json.loads(f"[{ids}]")
    bits = bytearray(max(sids) + 1)
    deque(map(bits.__setitem__, sids, repeat(1)), maxlen=0)
    return int(bits.translate(_BINARY_DIGITS)[::-1], 2)


def _counted(bitsets: dict[str, int], matching: int, limit: int | None) -> tuple[FacetCount, ...]:
    counts = [(value, (bits & matching).bit_count()) for value, bits in bitsets.items()]
    ordered = sorted(((v, n) for v, n in counts if n), key=lambda vn: (-vn[1], vn[0].translate(_NOCASE)))
    return tuple(FacetCount(value, n) for value, n in ordered[:limit])
