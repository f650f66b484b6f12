"""Every keystroke's page and whole list agree with one plain SQL query over the same library.

The library answers a search from kept bitsets, orders and a name index rather than one SQL query per
keystroke; the query below is the definition it must agree with, for every prefix of what someone types,
in every sort order and with the other filters on, as the library changes between keystrokes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle, TextStyle
from horde_style_studio.library import SortOrder, StyleLibrary, StyleQuery
from horde_style_studio.library.query import order_by, search_words, where
from tests.unit.library.conftest import image_style, text_style

SEEN = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
WORDS = ("noir", "neon", "nocturne", "Noël", "noisy", "mood", "moody", "moon", "écume", "Écarlate", "ÉCHO",
         "straße", "Strasse", "zoë", "art", "artist", "arte", "a", "ab", "_under", "50%", "x")  # fmt: skip
# What someone types: every prefix of each, as the search box sends them.
TYPED = ("noir", "Noir", "NO", "neon city", "moo", "moody neon", "Écarlate", "écho", "é", "straße",
         "strasse", "zoë", "art", "a", "ab", "a b", "50%", "_un", "x", "  noir  ", "neon neon", "moon-art",
         "noir_", "ÉCHO Noël")  # fmt: skip


def _styles(rng: random.Random, count: int) -> list[ImageStyle | TextStyle]:
    made: list[ImageStyle | TextStyle] = []
    for n in range(count):
        name_words = rng.sample(WORDS, rng.randint(1, 3))
        name = " ".join(name_words) if n % 7 else name_words[0]  # some names are one word, or equal
        fields = {
            "info": " ".join(rng.sample(WORDS, 2)),
            "tags": sorted(set(rng.sample(("dark", "neon", "noir", "soft", "art"), rng.randint(0, 2)))),
            "models": [rng.choice(("Deliberate", "Noir XL", "Moonshot"))],
            # Ties on uses (and on names, by case) so the later order terms decide too.
            "use_count": rng.choice((0, 1, 5, 5, 50, 300, rng.randint(0, 10_000))),
            "nsfw": rng.random() < 0.1,
            "creator": f"{rng.choice(WORDS)}#{n % 5}",
        }
        if rng.random() < 0.2:
            made.append(text_style(name, id=f"txt-{n}", **fields))
        else:
            made.append(image_style(name, id=f"img-{n}", **fields))
    return made


@pytest.fixture
def library() -> Iterator[StyleLibrary]:
    lib = StyleLibrary.in_memory()
    styles = _styles(random.Random(18), 400)
    for kind in StyleKind:
        lib.upsert_styles(kind, [s for s in styles if (s.id.startswith("txt")) == (kind is StyleKind.TEXT)],
                          SEEN)  # fmt: skip
    yield lib
    lib.close()


def expected(lib: StyleLibrary, query: StyleQuery) -> list[str]:
    """The ids of every style ``query`` finds, in its order, from one SQL query: best match ranks a name
    that is the text (ASCII case folded, as SQLite's NOCASE), then one that begins with it, then one
    holding every word, then the other matches; each rank most used first."""
    clause, params = where(replace(query, limit=None, offset=0, after=None))
    words = search_words(query.text)
    if query.sort is SortOrder.BEST_MATCH and words:
        rank = (
            "CASE WHEN s.name = ? COLLATE NOCASE THEN 0 "
            "WHEN s.name >= ? COLLATE NOCASE AND s.name < ? || char(1114111) COLLATE NOCASE THEN 1 "
            "WHEN s.sid IN (SELECT rowid FROM style_fts WHERE style_fts MATCH ?) THEN 2 ELSE 3 END"
        )
        text = query.text.strip()
        order, order_params = f"{rank}, {order_by(SortOrder.POPULAR)}", [
            text, text, text, " AND ".join(f'name : "{word}"*' for word in words),
        ]  # fmt: skip
    else:
        order, order_params = order_by(query.sort), []
    sql = f"SELECT s.id FROM styles AS s WHERE {clause} ORDER BY {order}"
    return [str(row[0]) for row in lib._db.query(sql, [*params, *order_params])]


def _prefixes() -> list[str]:
    return [phrase[:n] for phrase in TYPED for n in range(1, len(phrase) + 1)]


def _check(lib: StyleLibrary, query: StyleQuery) -> None:
    whole = expected(lib, query)
    assert lib.ordered_ids(query) == whole, query
    # The first page, a small one, and pages further in, as Browse and fetchMore ask for them.
    for offset, limit in ((0, 60), (0, 1), (0, 3), (2, 5), (len(whole) - 2, 10), (len(whole) + 5, 10)):
        page = replace(query, offset=max(0, offset), limit=limit)
        assert [row.id for row in lib.search(page)] == whole[max(0, offset) : max(0, offset) + limit], page
    assert lib.count(query) == len(whole)


@pytest.mark.parametrize("sort", [SortOrder.BEST_MATCH, SortOrder.POPULAR, SortOrder.NAME, SortOrder.NEWEST])
def test_every_prefix_typed_finds_what_one_sql_query_finds_in_its_order(
    library: StyleLibrary, sort: SortOrder
) -> None:
    for text in _prefixes():
        _check(library, StyleQuery(text=text, sort=sort))


@pytest.mark.parametrize(
    "filters",
    [{"kind": StyleKind.TEXT}, {"show_nsfw": True}, {"tag": "noir"}, {"model": "Noir XL", "kind": "image"}],
)
def test_with_other_filters_on_too(library: StyleLibrary, filters: dict[str, Any]) -> None:
    for text in ("n", "no", "noir", "é", "écho", "mood", "a", "art"):
        _check(library, StyleQuery(text=text, sort=SortOrder.BEST_MATCH, **filters))


def test_a_change_between_keystrokes_shows_at_the_next(library: StyleLibrary) -> None:
    query = StyleQuery(text="noi", sort=SortOrder.BEST_MATCH)
    _check(library, query)
    _check(library, replace(query, text="noir"))
    # A renamed style leaves the ranks kept for the names, a new one joins them, a removed one leaves.
    renamed = image_style("Noirs", id="img-1", use_count=2)
    later = SEEN + timedelta(hours=1)
    library.upsert_styles(StyleKind.IMAGE, [renamed, image_style("noir", id="img-new", use_count=7)], later)
    library._db.query("DELETE FROM styles WHERE id = 'img-2'")
    for text in ("noi", "noir", "noirs", "no"):
        _check(library, replace(query, text=text))
