"""The card view-model every list shows, and the membership rules of a collection: plain Python, no Qt."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.own_collections import MemberRef
from horde_style_studio.library.rows import CollectionRow, StyleRow
from horde_style_studio.workflows.cards import Card, Mark, initials
from horde_style_studio.workflows.collections.membership import admit
from horde_style_studio.workflows.collections.records import CollectionDraft

SEEN = datetime(2026, 1, 1, tzinfo=UTC)


def style_row(name: str = "Rain-Soaked Neon", **fields: object) -> StyleRow:
    row = StyleRow(
        id="s-1", kind=StyleKind.IMAGE, name=name, info="Neon after rain", creator="neon_fan#42",
        tags=("city", "neon"), models=("AlbedoBase XL (SDXL)",), use_count=12345, nsfw=False, public=True,
        thumbnail="https://img.test/neon.webp", mine=False, favourite=False, has_note=False, seen_at=SEEN,
        gone_at=None,
    )  # fmt: skip
    return replace(row, **fields)  # type: ignore[arg-type]  # some of StyleRow's own fields


def test_a_style_card_says_kind_uses_creator_and_tags() -> None:
    card = Card.from_row(style_row())
    assert card.name == "Rain-Soaked Neon"
    assert card.byline == "image · 12,345 uses · neon_fan"
    assert card.detail == "city, neon"
    assert card.thumbnail == "https://img.test/neon.webp"
    assert (card.mark, card.badge) == (Mark.OK, None)


def test_nsfw_private_and_gone_styles_are_marked() -> None:
    assert Card.from_row(style_row(nsfw=True)).badge == "NSFW"
    assert Card.from_row(style_row(public=False)).mark is Mark.PRIVATE
    assert Card.from_row(style_row(gone_at=SEEN)).mark is Mark.GONE


def test_a_collection_card_says_its_size_and_whether_it_is_private_and_yours() -> None:
    row = CollectionRow("c-1", "Noir Nights", StyleKind.IMAGE, public=False, use_count=3, member_count=1,
                        seen_at=SEEN, gone_at=None, mine=True)  # fmt: skip
    card = Card.from_collection_row(row)
    assert card.byline == "image · 1 style · 3 uses · by you"
    assert card.badge == "private"


def test_two_cards_of_one_style_are_equal_whatever_a_list_adds() -> None:
    listed = Card.from_row(style_row())
    plain = Card("s-1", StyleKind.IMAGE, "Rain-Soaked Neon", "neon_fan#42", "Neon after rain",
                 "https://img.test/neon.webp")  # fmt: skip
    assert listed == plain
    assert plain.byline == "by neon_fan"


def test_a_member_known_only_by_the_servers_listing_is_unchecked_and_named_as_the_server_names_it() -> None:
    card = Card.from_member(MemberRef("s-9", "noir_fan::style::Wet Asphalt"), StyleKind.IMAGE)
    assert (card.name, card.creator, card.mark) == ("Wet Asphalt", "noir_fan", Mark.UNCHECKED)
    assert card.unique_name == "noir_fan::style::Wet Asphalt"
    assert card.reference.endswith("noir_fan::Wet Asphalt")
    assert Card("s-2", StyleKind.IMAGE, "odd::name").reference == "s-2"  # cannot go by name


def test_initials_stand_in_for_a_missing_picture() -> None:
    assert initials("rain-soaked neon street") == "RN"
    assert initials("  ") == "?"


def test_a_draft_sends_every_member_but_the_gone_ones() -> None:
    kept, gone = Card("a", StyleKind.TEXT, "A"), Card("b", StyleKind.TEXT, "B", mark=Mark.GONE)
    draft = CollectionDraft(None, "Tales", "", True, (kept, gone))
    assert draft.sendable == (kept,)
    assert draft.kind is StyleKind.TEXT
    assert draft.creates


def test_membership_refuses_duplicates_and_the_other_kind_and_says_so() -> None:
    amber, birch = Card("a", StyleKind.IMAGE, "Amber"), Card("b", StyleKind.IMAGE, "Birch")
    tale = Card("t", StyleKind.TEXT, "Tale")
    outcome = admit([amber], None, [amber, birch, tale], asked=4)
    assert outcome.added == [birch]
    assert outcome.kind is StyleKind.IMAGE
    refusal = outcome.refusal(outcome.kind)
    assert refusal is not None
    assert "“Amber” is already in the collection." in refusal
    assert "“Tale” is a text style" in refusal
    assert "1 style could not be found in the local library." in refusal


def test_the_first_style_fixes_the_kind_of_a_new_collection() -> None:
    tale, amber = Card("t", StyleKind.TEXT, "Tale"), Card("a", StyleKind.IMAGE, "Amber")
    outcome = admit([], None, [tale, amber], asked=2)
    assert (outcome.added, outcome.kind) == ([tale], StyleKind.TEXT)


