"""Browsing the library: full-text search as you type, filters, sort orders and facet counts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from horde_style_studio.domain.collections import Collection
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import SortOrder, StyleLibrary, StyleQuery
from horde_style_studio.library.walk import Step, WalkState
from tests.unit.library.conftest import T0, image_style, text_style

if TYPE_CHECKING:
    from horde_style_studio.library.sync_book import Mirrored


@pytest.fixture
def browse() -> Iterator[StyleLibrary]:
    """Five image and two text styles with distinct names, tags, models, creators and use counts."""
    lib = StyleLibrary.in_memory()
    noir_example = [{"id": "e1", "url": "https://x.test/noir.png", "primary": True}]
    images = [
        image_style("Film Noir", info="Shadows and smoke.", tags=["photography", "dark"],
                    models=["Deliberate"], creator="inkwell#5", use_count=900, examples=noir_example),
        image_style("Watercolour Botanical", tags=["painting", "botanical"], models=["Dreamshaper"],
                    creator="lumen#6", use_count=50, prompt="{p}, soft washes of pigment###photo, {np}"),
        image_style("Neon Noirish Alley", tags=["dark", "neon"], models=["Deliberate", "SDXL 1.0"],
                    creator="lumen#6", use_count=300),
        image_style("Crème Brûlée Café", tags=["food"], models=["SDXL 1.0"], creator="static#10",
                    use_count=10),
        image_style("Spicy Figure", tags=["dark"], models=["Pony"], creator="static#10", use_count=5000,
                    nsfw=True),
    ]  # fmt: skip
    texts = [
        text_style("Hard-Boiled Narrator", tags=["noir", "narration"], models=["koboldcpp/Mythomax"],
                   creator="inkwell#5", use_count=120),
        text_style("Cheerful Tutor", tags=["education"], models=["koboldcpp/Mythomax"], creator="copper#9",
                   use_count=70),
    ]  # fmt: skip
    # Walk order (the server's oldest-first list) gives the age ranks: the list order above.
    _walk(lib, "image", images)
    _walk(lib, "text", texts)
    yield lib
    lib.close()


def _walk(lib: StyleLibrary, name: str, objects: Sequence[Mirrored]) -> None:
    state = lib.start_walk(name, T0.timestamp())
    lib.save_page(Step(WalkState(name, state.started_at), 0, True, True), objects, T0.timestamp())


def names(lib: StyleLibrary, **query: object) -> list[str]:
    return [row.name for row in lib.search(StyleQuery(**query))]  # type: ignore[arg-type]  # test shorthand


def test_default_browse_is_popular_first_and_hides_nsfw(browse: StyleLibrary) -> None:
    assert names(browse) == [
        "Film Noir", "Neon Noirish Alley", "Hard-Boiled Narrator", "Cheerful Tutor", "Watercolour Botanical",
        "Crème Brûlée Café",
    ]  # fmt: skip
    assert "Spicy Figure" in names(browse, show_nsfw=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("noir", {"Film Noir", "Neon Noirish Alley", "Hard-Boiled Narrator"}),  # name, prefix, tag
        ("n", {"Film Noir", "Neon Noirish Alley", "Hard-Boiled Narrator"}),  # not the {np} of prompts
        ("no", {"Film Noir", "Neon Noirish Alley", "Hard-Boiled Narrator"}),
        ("botan", {"Watercolour Botanical"}),  # tag and name
        ("pigm", {"Watercolour Botanical"}),  # prompt
        ("smoke", {"Film Noir"}),  # info
        ("dreamsh", {"Watercolour Botanical"}),  # model
        ("sdxl", {"Neon Noirish Alley", "Crème Brûlée Café"}),
        ("lumen", {"Watercolour Botanical", "Neon Noirish Alley"}),  # creator
        ("inkwell noir", {"Film Noir", "Hard-Boiled Narrator"}),  # every word must match
        ("creme brulee", {"Crème Brûlée Café"}),  # accents do not matter
        ("HARD-BOILED", {"Hard-Boiled Narrator"}),
    ],
)
def test_text_search_matches_every_field_by_prefix(
    browse: StyleLibrary, text: str, expected: set[str]
) -> None:
    assert set(names(browse, text=text)) == expected


@pytest.mark.parametrize(
    ("text", "finds_noir"),
    [('"', True), ('noir"', True), ("*", True), ("-noir", True), ('"noir', True), ("noir*", True),
     ("(noir)", True), ("noir:", True), ("NEAR(", False), ("noir OR", False), ("name:noir", False),
     ("zebra AND", False), ("^", True), ("'); DROP TABLE styles; --", False)],
)  # fmt: skip
def test_fts_syntax_in_user_input_is_just_text(browse: StyleLibrary, text: str, finds_noir: bool) -> None:
    # Syntax words are ordinary words to look for: "noir OR" wants a word starting with "or" as well.
    assert ("Film Noir" in names(browse, text=text)) is finds_noir
    assert browse.count(StyleQuery()) == 6


def test_typing_a_word_letter_by_letter_narrows_the_results(browse: StyleLibrary) -> None:
    counts = [browse.count(StyleQuery(text="botanical"[:n])) for n in range(1, 10)]
    assert counts == sorted(counts, reverse=True)
    assert counts[-1] == 1


def test_blank_text_finds_everything(browse: StyleLibrary) -> None:
    assert browse.count(StyleQuery(text="  ")) == browse.count(StyleQuery()) == 6


def test_filters_by_kind_tag_and_model(browse: StyleLibrary) -> None:
    assert names(browse, kind=StyleKind.TEXT) == ["Hard-Boiled Narrator", "Cheerful Tutor"]
    assert names(browse, tag="dark") == ["Film Noir", "Neon Noirish Alley"]
    assert names(browse, tag="dark", show_nsfw=True)[0] == "Spicy Figure"
    assert names(browse, model="SDXL 1.0") == ["Neon Noirish Alley", "Crème Brûlée Café"]
    assert names(browse, tag="dark", model="SDXL 1.0", text="alley") == ["Neon Noirish Alley"]
    assert names(browse, tag="Dark") == []  # tags match exactly, as on the server (§9 B13)


def test_sort_orders(browse: StyleLibrary) -> None:
    assert names(browse, kind=StyleKind.IMAGE, sort=SortOrder.OLDEST) == [
        "Film Noir", "Watercolour Botanical", "Neon Noirish Alley", "Crème Brûlée Café",
    ]  # fmt: skip
    assert names(browse, kind=StyleKind.IMAGE, sort=SortOrder.NEWEST) == [
        "Crème Brûlée Café", "Neon Noirish Alley", "Watercolour Botanical", "Film Noir",
    ]  # fmt: skip
    assert names(browse, sort=SortOrder.NAME) == [
        "Cheerful Tutor", "Crème Brûlée Café", "Film Noir", "Hard-Boiled Narrator", "Neon Noirish Alley",
        "Watercolour Botanical",
    ]  # fmt: skip


def test_a_style_seen_outside_a_full_walk_counts_as_newest(browse: StyleLibrary) -> None:
    browse.upsert_styles(StyleKind.IMAGE, [image_style("Brand New")], T0 + timedelta(minutes=5))
    assert names(browse, kind=StyleKind.IMAGE, sort=SortOrder.NEWEST)[0] == "Brand New"
    assert names(browse, kind=StyleKind.IMAGE, sort=SortOrder.OLDEST)[-1] == "Brand New"


def test_limit_and_offset_page_through_results(browse: StyleLibrary) -> None:
    everything = names(browse, sort=SortOrder.NAME)
    assert names(browse, sort=SortOrder.NAME, limit=2) == everything[:2]
    assert names(browse, sort=SortOrder.NAME, limit=2, offset=2) == everything[2:4]
    assert names(browse, sort=SortOrder.NAME, limit=None, offset=4) == everything[4:]
    assert browse.count(StyleQuery(limit=1)) == len(everything)


def test_facets_count_tags_and_models_of_the_current_results(browse: StyleLibrary) -> None:
    facets = browse.facet_counts(StyleQuery(kind=StyleKind.IMAGE))
    assert {(f.value, f.count) for f in facets.tags} == {
        ("dark", 2), ("photography", 1), ("painting", 1), ("botanical", 1), ("neon", 1), ("food", 1),
    }  # fmt: skip
    assert facets.tags[0].value == "dark"
    assert [(f.value, f.count) for f in facets.models][:2] == [("Deliberate", 2), ("SDXL 1.0", 2)]
    with_nsfw = browse.facet_counts(StyleQuery(kind=StyleKind.IMAGE, show_nsfw=True))
    assert with_nsfw.tags[0].value == "dark"
    assert with_nsfw.tags[0].count == 3


def test_a_chosen_tag_still_lists_the_other_tags(browse: StyleLibrary) -> None:
    facets = browse.facet_counts(StyleQuery(tag="dark", text="noir"))
    expected = {("dark", 2), ("photography", 1), ("neon", 1), ("noir", 1), ("narration", 1)}
    assert {(f.value, f.count) for f in facets.tags} == expected
    assert {(f.value, f.count) for f in facets.models} == {("Deliberate", 2), ("SDXL 1.0", 1)}


def test_facet_limit(browse: StyleLibrary) -> None:
    assert len(browse.facet_counts(StyleQuery(), limit=2).tags) == 2


def test_favourites_only_and_row_flags(browse: StyleLibrary) -> None:
    browse.set_favourite("img-watercolour-botanical")
    browse.set_note("img-film-noir", "great for portraits")
    assert names(browse, favourites_only=True) == ["Watercolour Botanical"]
    rows = {row.name: row for row in browse.search(StyleQuery())}
    assert rows["Watercolour Botanical"].favourite
    assert not rows["Film Noir"].favourite
    assert rows["Film Noir"].has_note
    assert rows["Film Noir"].thumbnail == "https://x.test/noir.png"
    assert rows["Film Noir"].tags == ("dark", "photography")
    browse.set_favourite("img-watercolour-botanical", False)
    assert names(browse, favourites_only=True) == []


def test_mine_only_and_private_styles(browse: StyleLibrary) -> None:
    private = image_style("My Private Draft", public=False, creator="me#1")
    browse.upsert_styles(StyleKind.IMAGE, [private], T0, mine=True)
    browse.upsert_styles(StyleKind.IMAGE, [image_style("Someone's Secret", public=False)], T0)
    browse.set_own_styles("me#1", ["img-my-private-draft", "img-film-noir"])
    assert names(browse, mine_only=True) == ["Film Noir", "My Private Draft"]
    assert "Someone's Secret" not in names(browse, show_nsfw=True)
    assert browse.account() == "me#1"


def test_collection_members_are_browsable(browse: StyleLibrary) -> None:
    collection = Collection.model_validate(
        {"id": "c1", "name": "Noir Nights", "type": "image", "use_count": 3,
         "styles": [{"id": "img-film-noir", "name": "inkwell#5::style::Film Noir"},
                    {"id": "img-neon-noirish-alley", "name": "lumen#6::style::Neon Noirish Alley"}]}
    )  # fmt: skip
    browse.upsert_collections([collection], T0)
    assert names(browse, collection="c1") == ["Film Noir", "Neon Noirish Alley"]
    assert names(browse, collection="c1", text="neon") == ["Neon Noirish Alley"]
    [row] = browse.collections()
    assert (row.name, row.kind, row.member_count) == ("Noir Nights", StyleKind.IMAGE, 2)
    stored = browse.get_collection("c1")
    assert stored is not None
    assert [m.id for m in stored.styles] == ["img-film-noir", "img-neon-noirish-alley"]


@pytest.mark.parametrize("sort", list(SortOrder))
def test_paging_after_the_last_style_shown_gives_every_style_once_in_order(sort: SortOrder) -> None:
    # Ties on every sort key but the last (use counts, names differing only in case, unranked ages), a text
    # search and a tag filter: pages read after their last style must join into the one-query order.
    lib = StyleLibrary.in_memory()
    ranked = [
        image_style(f"{'Moody' if n % 2 else 'moody'} Style {n % 4}", id=f"s{n:02d}", use_count=(n * 7) % 3,
                    tags=["kept"] if n % 5 else ["other"])
        for n in range(30)
    ]  # fmt: skip
    _walk(lib, "image", ranked)
    unranked = [image_style(f"Late {n % 2}", id=f"late{n}", use_count=n % 2, tags=["kept"]) for n in range(6)]
    lib.upsert_styles(StyleKind.IMAGE, unranked, T0 + timedelta(minutes=5))
    for query in (
        StyleQuery(sort=sort),
        StyleQuery(sort=sort, text="mood"),
        StyleQuery(sort=sort, tag="kept"),
    ):
        whole = [row.id for row in lib.search(replace(query, limit=None))]
        paged: list[str] = []
        page = lib.search(replace(query, limit=4))
        while page:
            paged += [row.id for row in page]
            page = lib.search(replace(query, limit=4, offset=len(paged), after=paged[-1]))
        assert paged == whole
    lib.close()


def test_paging_after_a_style_the_library_no_longer_holds_falls_back_to_the_offset(
    browse: StyleLibrary,
) -> None:
    everything = names(browse, sort=SortOrder.NAME)
    assert names(browse, sort=SortOrder.NAME, limit=2, offset=2, after="img-vanished") == everything[2:4]


async def test_facet_counts_follow_every_change_to_the_library(tmp_path: Path) -> None:
    # The counts come from per-tag bitsets kept between calls: a save on the same connection or on another
    # (the sync's writer, the window's) must show in the next count.
    lib = StyleLibrary.open(tmp_path / "library.sqlite")
    lib.upsert_styles(StyleKind.IMAGE, [image_style("First", tags=["old"])], T0)
    assert [f.value for f in lib.facet_counts(StyleQuery()).tags] == ["old"]
    assert [f.value for f in (await lib.facet_counts_in_background(StyleQuery())).tags] == ["old"]
    lib.upsert_styles(StyleKind.IMAGE, [image_style("Second", tags=["new", "old"])], T0)
    expected = [("old", 2), ("new", 1)]
    assert [(f.value, f.count) for f in lib.facet_counts(StyleQuery()).tags] == expected
    assert [(f.value, f.count) for f in (await lib.facet_counts_in_background(StyleQuery())).tags] == expected
    lib.close()


async def test_the_total_counted_in_the_background_matches_the_search(tmp_path: Path) -> None:
    # The background total comes from the facets' bitsets (the filters' styles kept while typing, ANDed
    # with the words' styles): every filter and every change must count as the query itself does.
    lib = StyleLibrary.open(tmp_path / "library.sqlite")
    _walk(lib, "image", [
        image_style("Noir Alley", tags=["dark"], models=["Pony"], nsfw=True),
        image_style("Noir Garden", tags=["dark", "green"], models=["Deliberate"]),
        image_style("Sunny Garden", tags=["green"], models=["Deliberate"]),
    ])  # fmt: skip
    lib.set_favourite("img-noir-garden")
    queries = [StyleQuery(), StyleQuery(text="noir"), StyleQuery(text="noir", show_nsfw=True),
               StyleQuery(text="gar", tag="green"), StyleQuery(model="Deliberate", text="sun"),
               StyleQuery(favourites_only=True), StyleQuery(text="nothing-like-it")]  # fmt: skip
    for query in queries:
        assert await lib.count_in_background(query) == len(lib.search(replace(query, limit=None)))
    lib.upsert_styles(StyleKind.IMAGE, [image_style("Noir Lake", tags=["dark"])], T0)
    assert await lib.count_in_background(StyleQuery(text="noir")) == 2  # Noir Alley is NSFW
    lib.set_favourite("img-noir-garden", False)
    assert await lib.count_in_background(StyleQuery(favourites_only=True)) == 0
    lib.close()


@pytest.mark.parametrize("sort", list(SortOrder))
async def test_every_id_in_order_matches_the_search_and_reads_back_by_id(
    sort: SortOrder, browse: StyleLibrary
) -> None:
    # The whole list's ids (a view's length up front, any page read by id) come from the kept bitsets and
    # sort orders: they must be exactly what the one query finds, in its order.
    browse.set_favourite("img-film-noir")
    for query in (StyleQuery(sort=sort), StyleQuery(sort=sort, show_nsfw=True, text="n"),
                  StyleQuery(sort=sort, tag="dark"), StyleQuery(sort=sort, favourites_only=True),
                  StyleQuery(sort=sort, kind=StyleKind.TEXT)):  # fmt: skip
        whole = [row.id for row in browse.search(replace(query, limit=None))]
        assert browse.ordered_ids(query) == whole
        assert await browse.ordered_ids_in_background(query) == whole
        assert [row.id for row in browse.rows_by_id([*reversed(whole), "gone-id"])] == whole[::-1]


def test_best_match_ranks_the_name_before_the_other_fields_then_by_uses() -> None:
    # "Noir" is the whole name of one style, begins two, is a word inside one, and is only a tag, the
    # description or a model of the most used ones: that order, each rank by uses.
    lib = StyleLibrary.in_memory()
    styles = [
        image_style("Tagged", tags=["noir"], use_count=9000),
        image_style("Described", info="A noir mood", use_count=8000),
        image_style("Modelled", models=["NoirXL"], use_count=7000),
        image_style("Dark Noir City", use_count=600),
        image_style("Noir Streets", use_count=50),
        image_style("Noirish Alley", use_count=400),
        image_style("noir", use_count=1),
        image_style("Unrelated", use_count=99999),
    ]
    _walk(lib, "image", styles)
    query = StyleQuery(text="Noir", sort=SortOrder.BEST_MATCH)
    expected = ["noir", "Noirish Alley", "Noir Streets", "Dark Noir City", "Tagged", "Described", "Modelled"]
    assert names(lib, text="Noir", sort=SortOrder.BEST_MATCH) == expected
    # The whole order (Browse reads the later pages by id from it) agrees with the first page.
    by_id = {row.id: row.name for row in lib.search(replace(query, limit=None))}
    assert [by_id[id_] for id_ in lib.ordered_ids(query)] == expected
    # Two words, both in the name, outrank a style holding them elsewhere; without a text: the most used.
    assert names(lib, text="noir cit", sort=SortOrder.BEST_MATCH) == ["Dark Noir City"]
    assert names(lib, sort=SortOrder.BEST_MATCH) == names(lib, sort=SortOrder.POPULAR)
    # An explicit order still wins over relevance.
    assert names(lib, text="noir", sort=SortOrder.NAME)[:2] == ["Dark Noir City", "Described"]
    lib.close()
