"""The Collections tab's records: the rows of its lists, the builder's open collection and the draft to save,
built from library rows and server answers by the workflows and read by the Qt models.

Apart from :mod:`~horde_style_studio.workflows.cards`, whose :class:`Card` Browse's first paint needs: these
frozen dataclasses cost start-up several ms to define, for a tab built later (issue 18).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.workflows.cards import Card, Mark, styles_count


@dataclass(frozen=True, slots=True)
class CollectionEntry:
    """One row of the Collections tab's lists. ``mine`` rows are the user's own, remembered in the library."""

    id: str
    name: str
    kind: StyleKind | None
    public: bool
    member_count: int
    mine: bool
    gone: bool = False

    @property
    def summary(self) -> str:
        kind = f"{self.kind.value} · " if self.kind else ""
        state = " · gone from the server" if self.gone else ("" if self.public else " · private")
        return f"{kind}{styles_count(self.member_count)}{state}"


@dataclass(frozen=True, slots=True)
class OpenCollection:
    """The collection in the builder. ``id`` None: a new one. ``owned`` False: saving makes a copy."""

    id: str | None = None
    name: str = ""
    info: str = ""
    public: bool = True
    kind: StyleKind | None = None
    members: tuple[Card, ...] = field(default_factory=tuple)
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
    members: tuple[Card, ...]
    owned: bool = True
    gone: bool = False

    @property
    def kind(self) -> StyleKind | None:
        return next((card.kind for card in self.members if card.kind is not None), None)

    @property
    def sendable(self) -> tuple[Card, ...]:
        return tuple(card for card in self.members if card.mark is not Mark.GONE)

    @property
    def creates(self) -> bool:
        return self.id is None or self.gone or not self.owned
