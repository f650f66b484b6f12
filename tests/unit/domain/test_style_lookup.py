"""A search text that names one style: by its id, or as ``alias::name`` in the server's spellings."""

from __future__ import annotations

import pytest

from horde_style_studio.domain.style_lookup import Lookup, lookup, names

STYLE = {"style_id": "6f1c2b7e-0d0a-4c53-9f4e-2b8a1d9e0c11", "name": "My Style", "creator": "db0#1"}


def test_an_id_names_that_style_whatever_its_case() -> None:
    found = lookup(" 6F1C2B7E-0D0A-4C53-9F4E-2B8A1D9E0C11 ")
    assert found == Lookup(style_id=STYLE["style_id"])
    assert names(found, **STYLE)
    assert not names(found, **{**STYLE, "style_id": "00000000-0000-4000-8000-000000000000"})


@pytest.mark.parametrize(
    "text", ["db0#1::my style", "style::db0#1::My Style", "db0#1::style::my style", "DB0#1 :: My Style"]
)
def test_every_spelling_of_alias_and_name_names_the_style(text: str) -> None:
    assert names(lookup(text) or Lookup(), **STYLE)


def test_the_alias_number_is_what_counts_as_on_the_server() -> None:
    assert names(lookup("renamed#1::my style") or Lookup(), **STYLE)
    assert not names(lookup("db0#2::my style") or Lookup(), **STYLE)
    assert not names(lookup("someone::my style") or Lookup(), **STYLE)


def test_a_bare_name_names_any_creators_style_of_that_name_only() -> None:
    assert names(lookup("my style") or Lookup(), **STYLE)
    assert names(lookup("style::my style") or Lookup(), **STYLE)
    assert not names(lookup("my") or Lookup(), **STYLE)  # a word of the name is a search, not a name


def test_nothing_typed_names_nothing() -> None:
    assert lookup("   ") is None
