"""What a user may do, from `find_user` (§6, §11.6)."""

from __future__ import annotations

from typing import Any

import pytest

from horde_style_studio.domain.users import UserDetails


def _user(**fields: Any) -> UserDetails:
    return UserDetails.model_validate({"username": "alice#42", "id": 42} | fields)


@pytest.mark.parametrize(
    ("fields", "may_author"),
    [
        ({}, False),
        ({"customizer": True}, True),
        ({"trusted": True}, True),
        ({"customizer": True, "deleted": True}, False),
        ({"trusted": True, "username": "Anonymous#0", "id": 0}, False),
    ],
)
def test_style_authoring_needs_customizer_or_trust(fields: dict[str, Any], may_author: bool) -> None:
    assert _user(**fields).can_author_styles is may_author


def test_collections_need_a_registered_live_account() -> None:
    assert _user().can_build_collections
    assert _user(pseudonymous=True).can_build_collections
    assert not _user(deleted=True).can_build_collections
    assert not _user(username="Anonymous#0", id=0).can_build_collections


def test_anonymous_is_recognised_by_name_or_id() -> None:
    assert _user(username="Anonymous#0").is_anonymous
    assert _user(id=0).is_anonymous
    assert not _user().is_anonymous


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"moderator": True, "customizer": True}, "moderator"),
        ({"customizer": True, "trusted": True}, "customizer"),
        ({"trusted": True}, "trusted"),
        ({}, "user"),
    ],
)
def test_role_label(fields: dict[str, Any], label: str) -> None:
    assert _user(**fields).role_label == label


def test_nulls_and_unknown_fields_are_tolerated() -> None:
    user = UserDetails.model_validate(
        {
            "username": "bob#7",
            "id": 7,
            "kudos": None,
            "trusted": None,
            "styles": None,
            "monthly_kudos": {"amount": 1},
        }
    )
    assert user.kudos == 0.0
    assert user.styles == []
    assert not user.can_author_styles


def test_owned_styles_are_listed_with_their_kind() -> None:
    user = _user(styles=[{"name": "alice#42::style::ink", "id": "s1", "type": "text"}])
    assert user.styles[0].type == "text"
