"""How the server finds styles and collections by UUID and by name (REFERENCE §2.3, §2.4)."""

from __future__ import annotations

import uuid
from typing import Literal, TypeVar

from .store import Collection, SandboxStore, Style

Want = Literal["style", "collection", "any"]
_Named = TypeVar("_Named", Style, Collection)
_KIND_TOKENS = {"style", "collection"}


def canonical_uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def style_by_uuid(store: SandboxStore, value: str) -> Style | None:
    key = canonical_uuid(value)
    return store.styles.get(key) if key else None


def collection_by_uuid(store: SandboxStore, value: str) -> Collection | None:
    key = canonical_uuid(value)
    return store.collections.get(key) if key else None


def by_name(store: SandboxStore, spelling: str, want: Want) -> Style | Collection | None:
    """Resolve ``name``, ``alias::name``, ``kind::name`` or ``kind::alias::name``.

    Faithful to 5.1.5's parse: a user token that resolves to nobody is silently dropped, so the server's own
    ``alias::style::name`` spelling matches any user's object of that name; a name holding ``::`` cannot be
    found at all (REFERENCE §2.4, B3).
    """
    parts = spelling.split("::")
    if len(parts) > 3:
        return None
    name = parts[-1]
    kind: str | None = None
    user_token: str | None = None
    if len(parts) == 2:
        if parts[0] in _KIND_TOKENS:
            kind = parts[0]
        else:
            user_token = parts[0]
    elif len(parts) == 3:
        kind = parts[0] if parts[0] in _KIND_TOKENS else None
        user_token = parts[1]
    user = store.user_by_alias(user_token) if user_token else None
    user_id = user.id if user else None
    if (want == "collection" and kind == "style") or (want == "style" and kind == "collection"):
        return None
    if want != "collection" and kind != "collection":
        style = _first_named(list(store.styles.values()), name, user_id)
        if style is not None:
            return style
    if want != "style" and kind != "style":
        return _first_named(list(store.collections.values()), name, user_id)
    return None


def _first_named(items: list[_Named], name: str, user_id: int | None) -> _Named | None:
    return next((i for i in items if i.name == name and (user_id is None or i.user_id == user_id)), None)
