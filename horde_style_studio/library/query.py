"""What the browser asks the library for, and its translation into SQL.

User text never reaches FTS5 as syntax: it is cut into words and each word becomes a quoted prefix term, so
``"``, ``*``, ``NEAR``, ``-`` or a stray parenthesis are just characters to look for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.usage import uses_gained_sql

MAX_TERMS = 12
_WORD = re.compile(r"\w+")


class SortOrder(StrEnum):
    POPULAR = "popular"
    NEWEST = "newest"
    OLDEST = "oldest"
    NAME = "name"
    # The other direction of a table column's sort (Uses, Name), for a second click on its header.
    LEAST_USED = "least_used"
    NAME_DESC = "name_desc"
    RISING = "rising"  # uses gained in the last 7 days (library.usage)
    # What the search text matches best first (see :func:`best_match_rank`), then the most used; with no
    # search text, the same as POPULAR.
    BEST_MATCH = "best_match"


@dataclass(frozen=True)
class StyleQuery:
    """One browse request. ``text`` is matched as you type: every word is a prefix.

    ``show_nsfw`` False hides NSFW styles; ``mine_only`` keeps the signed-in user's own styles (private ones
    included); ``collection`` keeps the members of one collection. Styles gone from the server are left out
    unless ``include_gone``.
    """

    text: str = ""
    kind: StyleKind | None = None
    tag: str | None = None
    model: str | None = None
    show_nsfw: bool = False
    favourites_only: bool = False
    mine_only: bool = False
    collection: str | None = None
    include_gone: bool = False
    sort: SortOrder = SortOrder.POPULAR
    limit: int | None = 200
    offset: int = 0
    # The id of the last style of the previous page: the page starts right after it in ``sort`` order, at
    # the cost of one page however deep (keyset paging; ``offset`` reads and skips every row before it).
    # ``offset`` still applies when the library no longer holds that style.
    after: str | None = None

    def without(self, *, tag: bool = False, model: bool = False) -> StyleQuery:
        return replace(self, tag=None if tag else self.tag, model=None if model else self.model)


def search_words(text: str) -> list[str]:
    """The words of what the user typed, folded, at most :data:`MAX_TERMS` of them."""
    return _WORD.findall(text.casefold())[:MAX_TERMS]


def fts_match(text: str) -> str | None:
    """An FTS5 MATCH expression for ``text``: every word a quoted prefix term, all required."""
    words = search_words(text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


_NAME = "{t}.name COLLATE NOCASE"
# §2.8: the server has no creation time; ``age_key`` is the place in its oldest-first list (§2.1). A style
# with none was first seen after the last full walk, so it is newer than every ranked one: it takes the
# largest key (the expression of schema.py's styles_age index, so that index serves both age orders).
_AGE = "IFNULL({t}.age_key, 9223372036854775807)"
# Each order as (expression, descending) terms over a table aliased ``{t}``. The last term is unique, so
# the order is total and a page can start right after a known row.
_KEYS: dict[SortOrder, tuple[tuple[str, bool], ...]] = {
    SortOrder.POPULAR: (("{t}.use_count", True), (_NAME, False), ("{t}.id", False)),
    SortOrder.LEAST_USED: (("{t}.use_count", False), (_NAME, False), ("{t}.id", False)),
    SortOrder.NEWEST: ((_AGE, True), ("{t}.first_seen_at", True), ("{t}.id", False)),
    SortOrder.OLDEST: ((_AGE, False), ("{t}.first_seen_at", False), ("{t}.id", False)),
    SortOrder.NAME: ((_NAME, False), ("{t}.id", False)),
    SortOrder.NAME_DESC: ((_NAME, True), ("{t}.id", True)),
    SortOrder.BEST_MATCH: (("{t}.use_count", True), (_NAME, False), ("{t}.id", False)),
    SortOrder.RISING: (("{rising}", True), ("{t}.use_count", True), (_NAME, False), ("{t}.id", False)),
}


# Sorts an index of ``styles`` can walk in order (see schema.py). Best match with a search text ranks the
# matches by what they hold, which no index knows.
_INDEXED_SORTS = frozenset(SortOrder) - {SortOrder.BEST_MATCH}


def best_match_rank(query: StyleQuery) -> tuple[str, str] | None:
    """For a best-match search with text, what ranks a match: the text itself (a name that is it ranks
    first, then a name that begins with it) and an FTS5 MATCH for every word in the name (next); the other
    matches hold the words in their tags, description, prompt or models. None for any other query.

    Ranks rather than FTS5's bm25: bm25 weighs how rare a word is across the library, so a long description
    that repeats a word would outrank a name that is the word; a curator expects the name to win.
    """
    words = search_words(query.text)
    if SortOrder(query.sort) is not SortOrder.BEST_MATCH or not words:
        return None
    return query.text.strip(), " ".join(f'name : "{word}"*' for word in words)


def where(query: StyleQuery, *, paged: bool = False) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``styles AS s``) and its parameters. ``paged``: for a page of results in
    ``query.sort`` order, rather than a count."""
    clauses = ["(s.public = 1 OR s.mine = 1)"]
    params: list[Any] = []
    # For a page in an indexed order, the unary + keeps SQLite from driving the query by a set of matches
    # (all of them fetched, then sorted): it walks the order's index and stops after one page instead.
    # A one-letter search over 10,000 styles went from 20 ms to 5; a rare word costs about 2 ms. The same
    # goes for the kind and NSFW columns, which the filters' covering index (schema.py) begins with.
    indexed = query.sort in _INDEXED_SORTS or best_match_rank(query) is None
    drive = "+" if paged and query.limit is not None and indexed else ""
    if not query.include_gone:
        clauses.append("s.gone_at IS NULL")
    if query.kind is not None:
        clauses.append(f"{drive}s.kind = ?")
        params.append(StyleKind(query.kind).value)
    if not query.show_nsfw:
        clauses.append(f"{drive}s.nsfw = 0")
    if query.tag is not None:
        clauses.append(f"{drive}s.sid IN (SELECT sid FROM style_tags WHERE tag = ?)")
        params.append(query.tag)
    if query.model is not None:
        clauses.append(f"{drive}s.sid IN (SELECT sid FROM style_models WHERE model = ?)")
        params.append(query.model)
    if query.favourites_only:
        clauses.append("s.id IN (SELECT style_id FROM favourites)")
    if query.mine_only:
        clauses.append("s.mine = 1")
    if query.collection is not None:
        clauses.append("s.id IN (SELECT style_id FROM collection_members WHERE collection_id = ?)")
        params.append(query.collection)
    match = fts_match(query.text)
    if match is not None:
        clauses.append(f"{drive}s.sid IN (SELECT rowid FROM style_fts WHERE style_fts MATCH ?)")
        params.append(match)
    return " AND ".join(clauses), params


def order_by(sort: SortOrder, table: str = "s") -> str:
    """The ORDER BY list for ``sort`` over a table aliased ``table`` (styles and collections share the
    columns it reads: use_count, name, id, age_key, first_seen_at)."""
    sort = _for_table(sort, table)
    return ", ".join(f"{expr} DESC" if desc else expr for expr, desc in _terms(sort, table))


def _for_table(sort: SortOrder, table: str) -> SortOrder:
    sort = SortOrder(sort)
    if sort in (SortOrder.RISING, SortOrder.BEST_MATCH) and table != "s":
        return SortOrder.POPULAR  # only styles keep a history of their use counts
    return sort


def _terms(sort: SortOrder, table: str) -> list[tuple[str, bool]]:
    rising = uses_gained_sql(table) if sort is SortOrder.RISING else ""
    return [(expr.format(t=table, rising=rising), desc) for expr, desc in _KEYS[sort]]


def sort_terms_sql(sort: SortOrder) -> str:
    """Reads the terms ``sort`` orders by of one style (``?``: its id), to page on after it."""
    terms = ", ".join(expr for expr, _ in _terms(SortOrder(sort), "s"))
    return f"SELECT {terms} FROM styles AS s WHERE s.id = ?"


def after_clauses(sort: SortOrder, values: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    """Conditions for the rows that follow, in ``sort`` order, a row whose terms are ``values``, nearest
    first: those tied with it on every term but the last, then on every term but the last two, and so on.
    Each is an equality prefix plus one range on an index in that order, so each reads at most a page, and
    their results, one after the other, are the rows in sort order."""
    terms = _terms(SortOrder(sort), "s")
    clauses = []
    for depth in reversed(range(len(terms))):
        ties = [f"{expr} IS ?" for expr, _ in terms[:depth]]
        expr, descending = terms[depth]
        clauses.append((" AND ".join([*ties, f"{expr} {'<' if descending else '>'} ?"]),
                        [*values[:depth], values[depth]]))  # fmt: skip
    return clauses


def limit_clause(query: StyleQuery) -> tuple[str, list[Any]]:
    if query.limit is None:
        return ("LIMIT -1 OFFSET ?", [max(0, query.offset)]) if query.offset else ("", [])
    return "LIMIT ? OFFSET ?", [max(0, query.limit), max(0, query.offset)]
