"""The card view-model: what every list of styles or collections says about one of them, whichever tab shows
it and however (a grid card, a list row, a compact row). No Qt: the one card delegate in ``ui.shared`` paints
a :class:`Card`. The Collections tab's own records are in ``workflows.collections.records``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.rows import CollectionRow, StyleRow

if TYPE_CHECKING:
    from horde_style_studio.library.own_collections import MemberRef


class Mark(StrEnum):
    """What a list knows about a style beyond its name."""

    OK = "ok"
    PRIVATE = "private"  # others drawing from a collection may not see it
    GONE = "gone"  # deleted on the server: not sent when saving a collection
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


MARKERS = {"★": "★ One of your favourites", "✎": "✎ You have a note on it"}


def alias(creator: str) -> str:
    """``alias#id`` as people say it: the alias."""
    return creator.split("#")[0]


def initials(name: str) -> str:
    """What a card without a picture shows: the first letters of its first two words."""
    words = [w for w in name.split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def styles_count(n: int, noun: str = "style") -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Card:
    """One style (or, in Browse, one collection) as a card or a row. ``creator`` is the server's ``alias#id``.

    ``facts`` (a line such as "image · 1,204 uses · alias"), ``detail`` (tags or the description) and
    ``badge`` (a warning word over the picture: NSFW, private) are how a list presents the card, not what it
    is: two cards of the same style at the same state are equal whatever a list adds.
    """

    id: str
    kind: StyleKind | None
    name: str
    creator: str = ""
    info: str = ""
    thumbnail: str | None = None
    mark: Mark = Mark.OK
    facts: str = field(default="", compare=False)
    detail: str = field(default="", compare=False)
    badge: str | None = field(default=None, compare=False)
    # The user's own marks on the style: ★ a favourite, ✎ a personal note (MARKERS).
    markers: str = field(default="", compare=False)

    @classmethod
    def from_row(cls, row: StyleRow) -> Card:
        """A style of the library."""
        mark = Mark.GONE if row.gone else (Mark.OK if row.public else Mark.PRIVATE)
        markers = "".join(sign for sign, on in zip(MARKERS, (row.favourite, row.has_note), strict=True) if on)
        facts = f"{row.kind.value} · {row.use_count:,} uses · {alias(row.creator)}"
        badge = "NSFW" if row.nsfw else None
        return cls(row.id, row.kind, row.name, row.creator, row.info, row.thumbnail, mark, facts=facts,
                   detail=", ".join(row.tags) or row.info, badge=badge, markers=markers)  # fmt: skip

    @classmethod
    def from_collection_row(cls, row: CollectionRow) -> Card:
        """A collection of the library (Browse's collections scope)."""
        kind = f"{row.kind.value} · " if row.kind else ""
        facts = f"{kind}{styles_count(row.member_count)} · {row.use_count:,} uses"
        facts += " · by you" if row.mine else ""
        badge = None if row.public else "private"
        return cls(row.id, row.kind, row.name, info=row.info, thumbnail=row.thumbnail, facts=facts,
                   detail=row.info, badge=badge)  # fmt: skip

    @classmethod
    def from_member(cls, member: MemberRef, kind: StyleKind | None, mark: Mark = Mark.UNCHECKED) -> Card:
        """A card from only what the server lists: the id and ``alias::style::name`` (§3)."""
        creator, _, name = member.name.partition("::style::")
        if not name:
            creator, name = "", member.name
        return cls(member.id, kind, name or member.id, creator, mark=mark)

    def with_mark(self, mark: Mark) -> Card:
        return replace(self, mark=mark)

    @property
    def byline(self) -> str:
        """The card's line of facts (after the user's own markers), or who made it when the list said
        nothing more."""
        facts = self.facts or (f"by {alias(self.creator)}" if self.creator else "")
        return f"{' '.join(self.markers)} · {facts}" if self.markers else facts

    @property
    def tooltip(self) -> str:
        kind = f"{self.kind.value} style" if self.kind else "style"
        lines = [f"{self.name} — {kind}" + (f" by {self.creator}" if self.creator else "")]
        if self.info:
            lines.append(self.info)
        if self.mark is not Mark.OK:
            lines.append(MARK_TEXT[self.mark])
        lines += [MARKERS[sign] for sign in self.markers]
        return "\n".join(lines)

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
        # Here: the first paint shows cards without the server's naming rules (and their html module).
        from horde_style_studio.api.references import member_reference

        return member_reference(self.unique_name) if self.creator else f"style::{self.name}"

    @property
    def member(self) -> MemberRef:
        # Here: Browse's first paint shows cards without the own collections' storage (issue 18).
        from horde_style_studio.library.own_collections import MemberRef

        return MemberRef(self.id, self.unique_name)
