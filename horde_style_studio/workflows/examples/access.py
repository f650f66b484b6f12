"""Who may change a style's examples, and the sentences that say why not (REFERENCE §2.7 step 4)."""

from __future__ import annotations

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle, StyleExample
from horde_style_studio.domain.users import UserDetails
from horde_style_studio.domain.validation import MAX_EXAMPLES

NO_STYLE = "Open one of your image styles first."
SIGNED_OUT = "Sign in to change example images."
FULL = (
    f"This style already has {MAX_EXAMPLES} examples, the most the AI Horde allows. "
    "Remove or replace one instead."
)


def edit_refusal(style: ImageStyle | None, user: UserDetails | None) -> str | None:
    """Why ``user`` may not change the examples of ``style``, or None when they may.

    The server lets the owner and moderators edit examples (§2.7 step 4); ownership is the ``creator``
    ("alias#id") matching the signed-in username.
    """
    if style is None:
        return NO_STYLE
    if user is None:
        return SIGNED_OUT
    if style.creator == user.username or user.moderator:
        return None
    owner = style.creator or "another account"
    return f"This style belongs to {owner}; only its owner can change its examples."


def add_refusal(style: ImageStyle | None, user: UserDetails | None) -> str | None:
    """Like :func:`edit_refusal`, and also refused when the style already holds the most examples."""
    reason = edit_refusal(style, user)
    if reason is None and style is not None and len(style.examples) >= MAX_EXAMPLES:
        return FULL
    return reason


def link_refusal(style: ImageStyle | None, url: str, *, replacing: StyleExample | None) -> str | None:
    """Why ``url`` cannot be added (or swapped in for ``replacing``) as far as the style's own examples
    tell, or None."""
    if not url:
        return "Paste or drop a link to an image first."
    if replacing is not None and url == replacing.url:
        return "That is already this example's link."
    others = [ex for ex in (style.examples if style else []) if replacing is None or ex.id != replacing.id]
    if any(ex.url == url for ex in others):
        # §2.7 step 7: the server refuses a URL the style already uses; say so without a round trip.
        return "This link is already one of the style's examples."
    return None


def own_image_styles(user: UserDetails | None) -> list[tuple[str, str]]:
    """``(id, name)`` of the user's image styles, by name; ``find_user`` lists names as
    ``alias::style::name`` (§6)."""
    if user is None:
        return []
    found = [(ref.id, _bare_name(ref.name) or ref.id) for ref in user.styles if ref.type is StyleKind.IMAGE]
    return sorted(found, key=lambda pair: pair[1].casefold())


def including(
    own: list[tuple[str, str]], style: ImageStyle, user: UserDetails | None
) -> list[tuple[str, str]]:
    """``own`` plus ``style`` when the user owns it and it is missing (created after sign-in, say)."""
    if user is None or style.creator != user.username or any(sid == style.id for sid, _ in own):
        return own
    return sorted([*own, (style.id, style.name)], key=lambda pair: pair[1].casefold())


def _bare_name(unique_name: str) -> str:
    _, sep, name = unique_name.partition("::style::")
    return name if sep else unique_name
