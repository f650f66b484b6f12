"""The mirror itself: styles stored as served, refreshed, marked gone, and the user's data kept apart."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleLibrary, StyleQuery
from tests.unit.library.conftest import T0, image_style, text_style

SERVED = {
    "id": "3f1c0e8a-2b91-4b8e-9d57-6a7f3b522c1e",
    "name": "Golden Hour",
    "info": "Warm light.",
    "prompt": "{p}, golden hour###blurry, {np}",
    "params": {"width": 1024, "height": 768, "steps": 30, "loras": [{"name": "123", "model": 0.8}]},
    "public": True,
    "nsfw": False,
    "tags": ["photo", "warm"],
    "models": ["SDXL 1.0"],
    "use_count": 42,
    "creator": "sun#3",
    "examples": [{"id": "e1", "url": "https://x.test/a.png", "primary": False},
                 {"id": "e2", "url": "https://x.test/b.png", "primary": True}],
}  # fmt: skip


def test_a_style_comes_back_exactly_as_the_api_shaped_it(library: StyleLibrary) -> None:
    style = ImageStyle.model_validate(SERVED)
    library.upsert_styles(StyleKind.IMAGE, [style], T0)
    assert library.get_style(style.id) == style
    assert library.path is not None
    raw = library._db.scalar("SELECT data FROM styles WHERE id = ?", (style.id,))
    assert json.loads(raw) == style.model_dump(mode="json", exclude_none=True)
    row = library.get_row(style.id)
    assert row is not None
    assert (row.kind, row.thumbnail, row.use_count, row.seen_at) == (
        StyleKind.IMAGE,
        "https://x.test/b.png",
        42,
        T0,
    )


def test_unknown_ids_give_none(library: StyleLibrary) -> None:
    assert library.get_style("nope") is None
    assert library.get_row("nope") is None
    assert library.get_collection("nope") is None
    assert library.note("nope") == ""
    assert not library.is_favourite("nope")


def test_a_refreshed_style_is_found_by_its_new_words_only(library: StyleLibrary) -> None:
    library.upsert_styles(StyleKind.IMAGE, [image_style("Sepia Dream", tags=["vintage"])], T0)
    renamed = image_style("Cyan Dream", id="img-sepia-dream", tags=["cool"], use_count=7)
    library.upsert_styles(StyleKind.IMAGE, [renamed], T0 + timedelta(hours=1))
    assert [r.name for r in library.search(StyleQuery(text="cyan"))] == ["Cyan Dream"]
    assert library.search(StyleQuery(text="sepia")) == []
    assert library.search(StyleQuery(tag="vintage")) == []
    assert [f.value for f in library.facet_counts(StyleQuery()).tags] == ["cool"]
    assert library.count(StyleQuery()) == 1


def test_tag_order_from_the_server_is_not_a_change(library: StyleLibrary) -> None:
    library.upsert_styles(StyleKind.IMAGE, [image_style("A", tags=["x", "y"], models=["m2", "m1"])], T0)
    library.upsert_styles(StyleKind.IMAGE, [image_style("A", tags=["y", "x"], models=["m1", "m2"])], T0)
    row = library.get_row("img-a")
    assert row is not None
    assert row.tags == ("x", "y")
    assert row.models == ("m1", "m2")


def test_a_style_of_the_wrong_kind_is_refused(library: StyleLibrary) -> None:
    with pytest.raises(ValueError, match="text style"):
        library.upsert_styles(StyleKind.IMAGE, [text_style("Wrong")], T0)
    assert library.count(StyleQuery()) == 0


def test_mark_gone_hides_unseen_styles_but_keeps_them(library: StyleLibrary) -> None:
    library.upsert_styles(StyleKind.IMAGE, [image_style("Stays"), image_style("Leaves")], T0)
    library.upsert_styles(StyleKind.TEXT, [text_style("Other Kind")], T0)
    later = T0 + timedelta(hours=1)
    assert library.mark_gone(StyleKind.IMAGE, ["img-stays"], later) == 1
    assert {r.name for r in library.search(StyleQuery())} == {"Stays", "Other Kind"}
    gone = library.get_row("img-leaves")
    assert gone is not None
    assert gone.gone
    assert {r.name for r in library.search(StyleQuery(include_gone=True))} == {
        "Stays",
        "Leaves",
        "Other Kind",
    }
    assert library.get_style("img-leaves") is not None


def test_a_style_seen_after_the_sync_started_is_not_marked_gone(library: StyleLibrary) -> None:
    library.upsert_styles(StyleKind.IMAGE, [image_style("Fresh")], T0 + timedelta(minutes=2))
    assert library.mark_gone(StyleKind.IMAGE, [], T0) == 0


def test_a_gone_style_seen_again_is_back(library: StyleLibrary) -> None:
    library.upsert_styles(StyleKind.IMAGE, [image_style("Phoenix")], T0)
    library.mark_gone(StyleKind.IMAGE, [], T0 + timedelta(hours=1))
    library.upsert_styles(StyleKind.IMAGE, [image_style("Phoenix")], T0 + timedelta(hours=2))
    row = library.get_row("img-phoenix")
    assert row is not None
    assert not row.gone


def test_favourites_and_notes_survive_refresh_and_going(library: StyleLibrary) -> None:
    library.upsert_styles(StyleKind.IMAGE, [image_style("Loved")], T0)
    library.set_favourite("img-loved")
    library.set_note("img-loved", "my go-to")
    library.upsert_styles(StyleKind.IMAGE, [image_style("Loved", use_count=99)], T0 + timedelta(hours=1))
    library.mark_gone(StyleKind.IMAGE, [], T0 + timedelta(hours=2))
    assert library.is_favourite("img-loved")
    assert library.note("img-loved") == "my go-to"
    assert library.favourite_ids() == ["img-loved"]


def test_a_blank_note_removes_it(library: StyleLibrary) -> None:
    library.set_note("s", "first")
    library.set_note("s", "second")
    assert library.note("s") == "second"
    library.set_note("s", "   ")
    assert library.note("s") == ""


def test_favourites_list_newest_first() -> None:
    ticks = iter([100.0, 200.0, 300.0])
    lib = StyleLibrary.in_memory(clock=lambda: next(ticks))
    for style_id in ("a", "b", "c"):
        lib.set_favourite(style_id)
    assert lib.favourite_ids() == ["c", "b", "a"]
    lib.close()


def test_own_styles_switch_with_the_account(library: StyleLibrary) -> None:
    mine = image_style("Mine Private", public=False)
    library.upsert_styles(StyleKind.IMAGE, [mine, image_style("Mine Public")], T0, mine=True)
    library.set_own_styles("me#1", ["img-mine-private", "img-mine-public"])
    assert library.count(StyleQuery(mine_only=True)) == 2
    assert library.mark_gone(StyleKind.IMAGE, [], T0 + timedelta(hours=1)) == 1  # the private one stays
    library.set_own_styles("you#2", [])
    assert library.account() == "you#2"
    assert library.count(StyleQuery(mine_only=True)) == 0
    row = library.get_row("img-mine-private")
    assert row is not None
    assert row.gone
    assert not row.mine


def test_last_sync_times_start_empty(library: StyleLibrary) -> None:
    assert library.last_sync_at(StyleKind.IMAGE) is None
    assert library.last_full_sync_at("collections") is None
