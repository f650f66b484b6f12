"""What the Collections tab shows about a style, a collection and the collection being built.

Plain records, built by the presenter from library rows and server answers, and read by the Qt models.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from horde_style_studio.api.references import member_reference
from horde_style_studio.domain.base import StyleKind
from horde_style_studio.library.own_collections import MemberRef
from horde_style_studio.library.rows import StyleRow


class Mark(StrEnum):
    """What the builder knows about a member style beyond its name."""

    OK = "ok"
    PRIVATE = "private"  # others drawing from the collection may not see it
    GONE = "gone"  # deleted on the server: not sent when saving
    UNCHECKED = "unchecked"  # neither in the library nor looked up yet


MARK_TEXT = {
    Mark.OK: "",
    Mark.PRIVATE: "Private",
    Mark.GONE: "Gone",
    Mark.UNCHECKED: "Not checked",
}
MARK_TIPS = {
    Mark.OK: "",
    Mark.PRIVATE: "This style is private: it stays in the collection, but only its owner can look at it.",
    Mark.GONE: "This style was deleted on the server. It is left out when you save.",
    Mark.UNCHECKED: "This style is not in the local library, so the app has not checked it.",
}


@dataclass(frozen=True, slots=True)
class StyleCard:
    """One style as a card or a list row. ``creator`` is the server's ``alias#id``."""

    id: str
    kind: StyleKind | None
    name: str
    creator: str = ""
    info: str = ""
    thumbnail: str | None = None
    mark: Mark = Mark.OK

    @classmethod
    def from_row(cls, row: StyleRow) -> StyleCard:
        mark = Mark.GONE if row.gone else (Mark.OK if row.public else Mark.PRIVATE)
        return cls(row.id, row.kind, row.name, row.creator, row.info, row.thumbnail, mark)

    @classmethod
    def from_member(cls, member: MemberRef, kind: StyleKind | None, mark: Mark = Mark.UNCHECKED) -> StyleCard:
        """A card from only what the server lists: the id and ``alias::style::name`` (§3)."""
        creator, _, name = member.name.partition("::style::")
        if not name:
            creator, name = "", member.name
        return cls(member.id, kind, name or member.id, creator, mark=mark)

    def with_mark(self, mark: Mark) -> StyleCard:
        return replace(self, mark=mark)

    @property
    def unique_name(self) -> str:
        """The server's own spelling, ``alias::style::name``, as collection listings carry it (§3)."""
        return f"{self.creator}::style::{self.name}" if self.creator else self.name

    @property
    def reference(self) -> str:
        """How a collection payload names this style.

        §3 / §9 B6: 5.1.5 types a collection, and checks kinds, only from members given by name, so members
        go as ``style::alias::name`` (§2.4). A name holding ``::`` cannot be parsed by name at all, so such a
        style goes by id.
        """
        if "::" in self.name or not self.name:
            return self.id
        return member_reference(self.unique_name) if self.creator else f"style::{self.name}"

    @property
    def member(self) -> MemberRef:
        return MemberRef(self.id, self.unique_name)


@dataclass(frozen=True, slots=True)
class CollectionEntry:
    """One row of the collection lists. ``mine`` rows are the user's own, remembered in the library."""

    id: str
    name: str
    kind: StyleKind | None
    public: bool
    member_count: int
    mine: bool
    gone: bool = False


@dataclass(frozen=True, slots=True)
class OpenCollection:
    """The collection in the builder. ``id`` None: a new one. ``owned`` False: saving makes a copy."""

    id: str | None = None
    name: str = ""
    info: str = ""
    public: bool = True
    kind: StyleKind | None = None
    members: tuple[StyleCard, ...] = field(default_factory=tuple)
    owned: bool = True
    gone: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class CollectionDraft:
    """What the user asks to save: the builder's fields and its members, in the builder's order."""

    id: str | None
    name: str
    info: str
    public: bool
    members: tuple[StyleCard, ...]
    owned: bool = True
    gone: bool = False

    @property
    def kind(self) -> StyleKind | None:
        return next((card.kind for card in self.members if card.kind is not None), None)

    @property
    def sendable(self) -> tuple[StyleCard, ...]:
        return tuple(card for card in self.members if card.mark is not Mark.GONE)

    @property
    def creates(self) -> bool:
        return self.id is None or self.gone or not self.owned
