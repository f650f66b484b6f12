"""The sandbox's in-memory database: users, styles, examples, collections, shared keys and active models."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from .constants import StyleKind
from .users import DEMO_USERS, User


@dataclass
class Example:
    id: str
    style_id: str
    url: str
    # 5.1.5 can store the parser default 1 instead of a bool (REFERENCE §2.7); it reads back as truthy.
    primary: bool


@dataclass
class Style:
    id: str
    kind: StyleKind
    user_id: int
    name: str
    created: int
    info: str = ""
    prompt: str = "{p}{np}"
    params: dict[str, Any] = field(default_factory=dict)
    public: bool = True
    nsfw: bool = False
    tags: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    use_count: int = 0
    sharedkey_id: str | None = None
    examples: list[Example] = field(default_factory=list)
    parameter_policy: dict[str, Any] | None = None
    template_fields: list[dict[str, Any]] | None = None
    # Bumped whenever any style's kind, visibility or sort key is set, so that SandboxStore.listed knows
    # its sorted lists are stale (tests and handlers change these fields in place).
    listing_generation: ClassVar[int] = 0

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LISTED_BY:
            Style.listing_generation += 1
        object.__setattr__(self, name, value)


_LISTED_BY = frozenset({"kind", "public", "use_count", "created"})


@dataclass
class StoredCollection:
    id: str
    kind: StyleKind | None
    user_id: int
    name: str
    created: int
    info: str = ""
    public: bool = True
    style_ids: list[str] = field(default_factory=list)
    use_count: int = 0


# One name per class in the package (the client's ``domain`` has its own); call sites keep the short one.
Collection = StoredCollection


@dataclass
class SharedKey:
    id: str
    user_id: int
    name: str
    kudos: int
    expiry: datetime
    utilized: int = 0
    max_image_pixels: int = -1
    max_image_steps: int = -1
    max_text_tokens: int = -1

    def __repr__(self) -> str:
        # A shared key id is spendable like an API key: keep it out of reprs.
        return f"SharedKey(name={self.name!r}, user_id={self.user_id})"


@dataclass(frozen=True)
class StoredActiveModel:
    name: str
    kind: StyleKind
    count: int
    performance: float
    queued: float
    jobs: float
    eta: int
    known: bool = True


ActiveModel = StoredActiveModel  # as for Collection


@dataclass
class SandboxStore:
    """Plain dicts in insertion order; ``created`` is a counter so ``sort=age`` is deterministic."""

    users: dict[int, User] = field(default_factory=lambda: {u.id: u for u in DEMO_USERS})
    styles: dict[str, Style] = field(default_factory=dict)
    collections: dict[str, Collection] = field(default_factory=dict)
    shared_keys: dict[str, SharedKey] = field(default_factory=dict)
    active_models: list[ActiveModel] = field(default_factory=list)
    _clock: itertools.count[int] = field(default_factory=itertools.count)
    _listings: dict[tuple[StyleKind, Hashable], tuple[tuple[int, int, int], list[Style]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def tick(self) -> int:
        return next(self._clock)

    @staticmethod
    def new_id() -> str:
        return str(uuid.uuid4())

    def user_by_key(self, key: str) -> User | None:
        return next((u for u in self.users.values() if u.key == key), None)

    def user_by_alias(self, alias: str) -> User | None:
        """Resolve "alias#id" (or a bare id) the way the server does: only the number after ``#`` counts."""
        number = alias.rsplit("#", 1)[-1]
        return self.users.get(int(number)) if number.isdigit() else None

    def add_style(self, style: Style) -> Style:
        self.styles[style.id] = style
        return style

    def add_collection(self, collection: Collection) -> Collection:
        self.collections[collection.id] = collection
        return collection

    def find_example(self, example_id: str) -> Example | None:
        for style in self.styles.values():
            for example in style.examples:
                if example.id == example_id:
                    return example
        return None

    def delete_style(self, style: Style) -> None:
        # Deleting cascades to examples and collection memberships (REFERENCE §2.6).
        del self.styles[style.id]
        for collection in self.collections.values():
            collection.style_ids = [sid for sid in collection.style_ids if sid != style.id]

    def listed(self, kind: StyleKind, order: Hashable, key: Callable[[Style], Any]) -> list[Style]:
        """The public styles of ``kind`` sorted by ``key`` (named ``order``), kept until a style changes, so
        that serving a page costs O(page) rather than sorting every style on every request."""
        stamp = (Style.listing_generation, id(self.styles), len(self.styles))
        known = self._listings.get((kind, order))
        if known is None or known[0] != stamp:
            rows = sorted((s for s in self.styles.values() if s.kind == kind and s.public), key=key)
            known = self._listings[(kind, order)] = (stamp, rows)
        return known[1]

    def styles_of(self, user_id: int) -> list[Style]:
        return [s for s in self.styles.values() if s.user_id == user_id]

    def owner_alias(self, user_id: int) -> str:
        user = self.users.get(user_id)
        return user.username if user else f"deleted#{user_id}"
