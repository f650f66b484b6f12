"""Facet counts, totals and best-match pages from bitsets: each tag's and each model's styles as one Python
integer (bit ``sid`` set), kept while the file is unchanged, so counting a facet is one AND and one popcount
per value.

Counting with SQL joins every tag row of every matching style to its style: over 100,000 styles a broad
search (one letter, or no text at all) counted a quarter of a million rows per facet, hundreds of
milliseconds each. Here a keystroke costs one full-text lookup: the styles the filters let through (kind,
NSFW, tag, favourites...) do not change while someone types, so their bitset is kept too, and the words
typed only narrow it with one AND.

A keystroke's page comes from the same bitsets: a one-letter search matches most of the library, and
ordering every match (or picking every match out of a kept order) before showing sixty of them cost tens of
milliseconds at 100,000 styles; :meth:`FacetIndex.page` picks out only the styles the page shows.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import chain, compress, islice, repeat
from typing import Any, TypeVar

from horde_style_studio.library.query import (
    SortOrder,
    StyleQuery,
    best_match_rank,
    fts_match,
    order_by,
    search_words,
    where,
)
from horde_style_studio.library.rows import Facets

# SQLite's NOCASE folds ASCII letters only; the facets' order breaks ties the same way.
_NOCASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_BYTES_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")
_KEPT_WORDS = 256  # a few KB each (a bit per style): a few MB at 100,000 styles
# Filter combinations kept per version of the file: a handful are in play at once (with and without the
# chosen tag or model, for the facets that ignore their own filter, and for the total).
_KEPT_FILTERS = 8
# Best-match ranks kept, by search text: typing on, backspacing and retyping meet the same texts again.
_KEPT_RANKS = 64
# A page is picked from a set this sparse by sorting its members' places in the order; from a denser one
# by walking the order from the top, which meets a page of members within a few pages' worth of styles.
_SPARSE = 64
_Kept = TypeVar("_Kept")


@dataclass(frozen=True, slots=True)
class FacetCount:
    """How many of the styles a query finds carry one tag or model (``value``)."""

    value: str
    count: int


@dataclass(frozen=True, slots=True)
class _Order:
    """Every style in one sort order: its sids, the place of each sid in it, and (once a whole list was
    asked for) its ids side by side with the sids. A page needs no ids but its own: reading every id
    doubles what building the order costs."""

    sids: list[int]
    place: array[int]  # indexed by sid; -1 for a sid not in the order
    size: int  # the largest sid plus one: a byte per style, indexed by sid
    ids: list[str] | None

    @classmethod
    def of(cls, sids: list[int], ids: list[str] | None = None) -> _Order:
        size = max(sids, default=0) + 1
        place = array("q", [-1]) * size
        deque(map(place.__setitem__, sids, range(len(sids))), maxlen=0)
        return cls(sids, place, size, ids)

    def picked(self, bits: int) -> list[str]:
        """The ids, in order, of the styles whose sid is set in ``bits`` (an order with ids)."""
        assert self.ids is not None
        if not bits:
            return []
        return list(compress(self.ids, map(_bytes_of(bits, self.size).__getitem__, self.sids)))

    def first(self, bits: int, count: int) -> list[int]:
        """The sids of the first ``count`` styles, in order, set in ``bits``, without picking out the rest."""
        if count <= 0 or not bits:
            return []
        if bits.bit_count() * _SPARSE <= len(self.sids):
            # A style saved since the order was read (a sync's commit between two reads) is not in it.
            members = [sid for sid in _members(bits) if sid < self.size]
            places = sorted(at for at in map(self.place.__getitem__, members) if at >= 0)
            return [self.sids[at] for at in places[:count]]
        chosen = _bytes_of(bits, self.size)
        return list(islice(compress(self.sids, map(chosen.__getitem__, self.sids)), count))


@dataclass(frozen=True, slots=True)
class _Names:
    """Every style's name in SQLite's NOCASE order (the styles_name index's), with its sid: the styles
    whose name is a text, or begins with it, are one range of it, found by bisection."""

    names: list[str]
    sids: list[int]

    def between(self, low: str, high: str, *, inclusive: bool) -> list[int]:
        """The sids of the names from ``low`` to ``high`` (``high`` itself too if ``inclusive``), compared
        as NOCASE compares them; ``low`` and ``high`` folded already."""
        start = bisect_left(self.names, low, key=_nocase)
        end = (bisect_right if inclusive else bisect_left)(self.names, high, key=_nocase)
        return self.sids[start:end]


def _nocase(name: str) -> str:
    """What NOCASE compares: ASCII letters folded, the rest as is. SQLite compares UTF-8 bytes, whose order
    is the code points' order, which Python compares."""
    return name.translate(_NOCASE)


class FacetIndex:
    """The bitsets of one connection's view of the library, rebuilt when the file changed: through another
    connection (``PRAGMA data_version``) or through this one (its ``total_changes``)."""

    def __init__(self) -> None:
        self._version: tuple[int, int] | None = None
        self._tags: dict[str, int] | None = None
        self._models: dict[str, int] | None = None
        self._filtered: dict[StyleQuery, int] = {}
        # Every style in one sort order, for :meth:`ordered_ids` and :meth:`page`.
        self._orders: dict[SortOrder, _Order] = {}
        # Each word looked up lately, with its styles: typing a phrase adds a word at a time, and the facets
        # and the total of one keystroke share them. The styles a query's words match are their AND.
        self._words: OrderedDict[str, int] = OrderedDict()
        # The same for words in names alone (best match's third rank); and each search text's first two.
        self._in_name: OrderedDict[str, int] = OrderedDict()
        self._ranked: OrderedDict[str, tuple[int, int]] = OrderedDict()
        self._names: _Names | None = None

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
        order = self._order(conn, query.sort, with_ids=True)
        left = self._matching(conn, query)
        found: list[str] = []
        for rank in chain(self._ranks(conn, query), [left]):  # each rank's styles in order, then the rest
            found += order.picked(left & rank)
            left &= ~rank
        return found

    def page(self, conn: sqlite3.Connection, query: StyleQuery, start: int, count: int) -> list[str]:
        """``count`` ids of :meth:`ordered_ids` from ``start`` on, picking out no more of the order than
        they need: a keystroke's first page costs the styles it shows, not a pass over every match."""
        self._refresh(conn)
        order = self._order(conn, query.sort)
        left = self._matching(conn, query)
        end = start + count
        found: list[int] = []
        for rank in chain(self._ranks(conn, query), [left]):
            found += order.first(left & rank, end - len(found))
            if len(found) >= end:
                break
            left &= ~rank
        shown = found[start:end]
        if order.ids is not None:
            return [order.ids[order.place[sid]] for sid in shown]
        marks = ", ".join("?" * len(shown))
        ids = dict(_rows(conn, f"SELECT sid, id FROM styles WHERE sid IN ({marks})", shown))
        return [str(ids[sid]) for sid in shown if sid in ids]

    def _order(self, conn: sqlite3.Connection, sort: SortOrder, *, with_ids: bool = False) -> _Order:
        sort = SortOrder(sort)
        if sort is SortOrder.BEST_MATCH:
            sort = SortOrder.POPULAR  # ranks apart, the most used first
        order = self._orders.get(sort)
        if order is None or (with_ids and order.ids is None):
            # Sids and ids from one statement: read apart, a write between them would misalign them.
            if with_ids:
                rows = _rows(conn, f"SELECT s.sid, s.id FROM styles AS s ORDER BY {order_by(sort)}")
                order = _Order.of([sid for sid, _ in rows], [str(id_) for _, id_ in rows])
            else:
                rows = _rows(conn, f"SELECT s.sid FROM styles AS s ORDER BY {order_by(sort)}")
                order = _Order.of([sid for (sid,) in rows])
            self._orders[sort] = order
        return order

    def _ranks(self, conn: sqlite3.Connection, query: StyleQuery) -> Iterator[int]:
        """For a best-match search with text (query.best_match_rank), the styles of each rank above the
        last: the name is the text, begins with it, holds every word. Bitsets, so that ranking the whole
        list costs a pass over it per rank rather than a sort of every match. One at a time: a page filled
        by the first ranks never looks up the words in names (a full-text lookup per new word)."""
        rank = best_match_rank(query)
        if rank is None:
            return
        text = rank[0]
        named = self._ranked.get(text)
        if named is None:
            if self._names is None:
                rows = _rows(conn, "SELECT name, sid FROM styles INDEXED BY styles_name "
                             "ORDER BY name COLLATE NOCASE")  # fmt: skip
                self._names = _Names([str(name) for name, _ in rows], [sid for _, sid in rows])
            # The names index's ranges, in memory: no name going on from the text sorts after it plus
            # U+10FFFF.
            folded = _nocase(text)
            exact = self._names.between(folded, folded, inclusive=True)
            begins = self._names.between(folded, folded + "\U0010ffff", inclusive=False)
            named = (_bitset_of(exact), _bitset_of(begins))
            _keep(self._ranked, text, named, _KEPT_RANKS)
        self._ranked.move_to_end(text)
        yield from named
        in_name = -1  # every word in the name: the AND of each word's styles
        for word in search_words(text):
            in_name &= self._word_in_name(conn, word)
        yield in_name

    def _refresh(self, conn: sqlite3.Connection) -> None:
        version = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
        if version == self._version:
            return
        self._tags, self._models, self._names = None, None, None
        for kept in (self._words, self._in_name, self._ranked, self._filtered, self._orders):
            kept.clear()
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
        return _looked_up(conn, self._words, word, "")

    def _word_in_name(self, conn: sqlite3.Connection, word: str) -> int:
        return _looked_up(conn, self._in_name, word, "name : ")

    def forget_words(self) -> None:
        """Drop the words and ranks kept (the benchmarks time a word never typed before)."""
        for kept in (self._words, self._in_name, self._ranked):
            kept.clear()


def _looked_up(conn: sqlite3.Connection, kept: OrderedDict[str, int], word: str, column: str) -> int:
    """The styles ``word`` (a prefix) matches, in ``column`` (an FTS5 column filter, or all)."""
    found = kept.get(word)
    if found is None:
        match = fts_match(word)  # one quoted prefix term, as in the query's own MATCH
        sql = "SELECT group_concat(rowid) FROM style_fts WHERE style_fts MATCH ?"
        found = _bitset(_ids(conn, sql, (column + match,))) if match else 0
        _keep(kept, word, found, _KEPT_WORDS)
    kept.move_to_end(word)
    return found


def _keep(kept: OrderedDict[str, _Kept], key: str, value: _Kept, most: int) -> None:
    if len(kept) >= most:
        kept.popitem(last=False)
    kept[key] = value


def _members(bits: int) -> list[int]:
    """The sids set in ``bits``, one step per member (for a few)."""
    digits = format(bits, "b")
    top = len(digits) - 1
    found = []
    at = digits.find("1")
    while at >= 0:
        found.append(top - at)
        at = digits.find("1", at + 1)
    return found


def _bytes_of(bits: int, size: int) -> bytes:
    """A byte per sid below ``size`` (0 or 1) that map() can index: the base-2 numeral, lowest bit first."""
    return format(bits, "b")[::-1].encode().translate(_BYTES_FROM_DIGITS).ljust(size, b"\x00")


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    """Rows as plain tuples: the connection's sqlite3.Row objects cost twice as much over every style."""
    cursor = conn.cursor()
    cursor.row_factory = None
    rows: list[tuple[Any, ...]] = cursor.execute(sql, params).fetchall()
    return rows


def _ids(conn: sqlite3.Connection, sql: str, params: tuple[object, ...] | list[object] = ()) -> str:
    """One comma-separated list of ids: SQLite joins them faster than Python takes in a row per id."""
    found = conn.execute(sql, params).fetchone()[0]
    return str(found) if found else ""


def _bitsets(conn: sqlite3.Connection, sql: str) -> dict[str, int]:
    return {str(value): _bitset(ids) for value, ids in conn.execute(sql)}


def _bitset(ids: str) -> int:
    if not ids:
        return 0
    # The JSON parser reads a list of numbers several times faster than int() per piece.
    sids: list[int] = json.loads(f"[{ids}]")
    return _bitset_of(sids)


def _bitset_of(sids: list[int]) -> int:
    if not sids:
        return 0
    # Setting a byte per sid through map() and reading the bytes as a base-2 numeral keeps the work in C.
    bits = bytearray(max(sids) + 1)
    deque(map(bits.__setitem__, sids, repeat(1)), maxlen=0)
    return int(bits.translate(_BINARY_DIGITS)[::-1], 2)


def _counted(bitsets: dict[str, int], matching: int, limit: int | None) -> tuple[FacetCount, ...]:
    counts = [(value, (bits & matching).bit_count()) for value, bits in bitsets.items()]
    ordered = sorted(((v, n) for v, n in counts if n), key=lambda vn: (-vn[1], vn[0].translate(_NOCASE)))
    return tuple(FacetCount(value, n) for value, n in ordered[:limit])
