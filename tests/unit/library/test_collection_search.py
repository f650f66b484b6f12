"""Browsing collections: the mirror's public ones and the user's own, by words, kind, NSFW, mine and sort."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from horde_style_studio.domain.collections import Collection
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import CollectionQuery, SortOrder, StyleLibrary
from horde_style_studio.library.own_collections import MemberRef, OwnCollections, OwnCollectionState
from tests.unit.library.conftest import T0, image_style, text_style

ME = "sandbox_user#2"
NOIR = image_style("Film Noir", creator="inkwell#5", examples=[
    {"id": "e1", "url": "https://x.test/noir.png", "primary": True}])  # fmt: skip
SPICY = image_style("Spicy Figure", creator="static#10", nsfw=True)
BLOOM = image_style("Watercolour Bloom", creator="lumen#6")
TUTOR = text_style("Cheerful Tutor", creator="copper#9")


def _collection(cid: str, name: str, kind: str | None, *members: Any, use_count: int = 0) -> Collection:
    styles = [{"id": m.id, "name": f"{m.creator}::style::{m.name}"} for m in members]
    return Collection.model_validate(
        {"id": cid, "name": name, "type": kind, "styles": styles, "use_count": use_count}
    )


@pytest.fixture
def lib() -> Iterator[StyleLibrary]:
    lib = StyleLibrary.in_memory()
    lib.upsert_styles(StyleKind.IMAGE, [NOIR, SPICY, BLOOM], T0)
    lib.upsert_styles(StyleKind.TEXT, [TUTOR], T0)
    lib.upsert_collections(
        [
            _collection("c-dark", "Dark Streets", "image", BLOOM, NOIR, use_count=40),
            _collection("c-spicy", "After Hours", "image", SPICY, BLOOM, use_count=90),
            _collection("c-class", "Classroom", "text", TUTOR, use_count=5),
        ],
        T0,
    )
    yield lib
    lib.close()


def names(lib: StyleLibrary, account: str | None = None, **query: Any) -> list[str]:
    return [row.name for row in lib.search_collections(CollectionQuery(**query), account)]


def test_popular_first_and_nsfw_collections_hidden_unless_asked(lib: StyleLibrary) -> None:
    assert names(lib) == ["Dark Streets", "Classroom"]
    assert names(lib, show_nsfw=True) == ["After Hours", "Dark Streets", "Classroom"]
    least_used = names(lib, show_nsfw=True, sort=SortOrder.LEAST_USED)
    assert least_used == ["Classroom", "Dark Streets", "After Hours"]
    assert names(lib, sort=SortOrder.NAME) == ["Classroom", "Dark Streets"]
    assert names(lib, sort=SortOrder.NAME_DESC) == ["Dark Streets", "Classroom"]


def test_words_match_the_name_or_a_member_and_all_are_needed(lib: StyleLibrary) -> None:
    assert names(lib, text="street") == ["Dark Streets"]
    assert names(lib, text="noir") == ["Dark Streets"]  # a member's name
    assert names(lib, text="lumen", show_nsfw=True) == ["After Hours", "Dark Streets"]  # a member's creator
    assert names(lib, text="dark tutor") == []
    assert names(lib, text="100%_") == []  # LIKE's wildcards are only characters to look for


def test_kind_filter_and_the_card_fields(lib: StyleLibrary) -> None:
    assert names(lib, kind=StyleKind.TEXT) == ["Classroom"]
    [dark] = lib.search_collections(CollectionQuery(text="dark"))
    assert (dark.kind, dark.member_count, dark.mine) == (StyleKind.IMAGE, 2, False)
    # Bloom, the first member, has no example: the first member that has one gives the picture.
    assert dark.thumbnail == "https://x.test/noir.png"
    refs = lib.collection_member_refs("c-dark")
    assert [ref.id for ref in refs] == [BLOOM.id, NOIR.id]
    assert refs[1].name == "inkwell#5::style::Film Noir"


def test_own_collections_join_with_their_private_ones_and_description(lib: StyleLibrary) -> None:
    own = OwnCollections(lib)
    own.remember_collection(ME, "c-dark", OwnCollectionState(
        "Dark Streets", StyleKind.IMAGE, "Wet streets at night.", True, (MemberRef(NOIR.id, "n"),)))
    own.remember_collection(ME, "c-secret", OwnCollectionState(
        "Secret Sketches", StyleKind.IMAGE, "", False, (MemberRef(BLOOM.id, "b"),)))  # fmt: skip
    assert names(lib) == ["Dark Streets", "Classroom"]  # nobody signed in: the mirror only
    assert names(lib, ME, mine_only=True, sort=SortOrder.NAME) == ["Dark Streets", "Secret Sketches"]
    rows = {row.id: row for row in lib.search_collections(CollectionQuery(), ME)}
    assert rows["c-dark"].info == "Wet streets at night."  # §3: only the app remembers it
    assert (rows["c-dark"].member_count, rows["c-dark"].use_count) == (1, 40)  # own state, server's count
    assert rows["c-secret"].public is False
    assert names(lib, ME, text="wet") == ["Dark Streets"]
    assert [ref.id for ref in lib.collection_member_refs("c-dark", ME)] == [NOIR.id]


def test_a_damaged_member_list_reads_as_empty(lib: StyleLibrary) -> None:
    own = OwnCollections(lib)
    own.remember_collection(ME, "c-odd", OwnCollectionState("Odd", None, "", True, ()))
    with lib._db.write("damaging a row") as conn:
        conn.execute("UPDATE own_collections SET members = '{\"not\": \"a list\"}' WHERE id = 'c-odd'")
    [odd] = lib.search_collections(CollectionQuery(text="odd"), ME)
    assert odd.member_count == 0
    with lib._db.write("damaging a row") as conn:
        conn.execute("UPDATE own_collections SET members = '[1, {\"name\": \"no id\"}]' WHERE id = 'c-odd'")
    assert lib.collection_member_refs("c-odd", ME) == []
    with lib._db.write("damaging a row") as conn:
        conn.execute("UPDATE own_collections SET members = 'not json [' WHERE id = 'c-odd'")
    assert [row.member_count for row in lib.search_collections(CollectionQuery(text="odd"), ME)] == [0]
