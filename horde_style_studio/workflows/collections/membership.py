"""The rules of a collection's membership (issue 7), whichever way styles arrive (a drop, "Add to
collection"): several styles at once, duplicates refused, and the first style fixes the collection's kind."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.workflows.cards import Card, styles_count


@dataclass
class AddOutcome:
    """What one drop (or "Add to collection") did."""

    added: list[Card] = field(default_factory=list)
    duplicates: list[Card] = field(default_factory=list)
    wrong_kind: list[Card] = field(default_factory=list)
    unknown: int = 0
    kind: StyleKind | None = None  # the collection's kind once the added styles are in

    def refusal(self, kind: StyleKind | None) -> str | None:
        """The sentence to show when something was refused, or None when everything went in."""
        parts = [text for text in (_duplicates(self.duplicates), _mismatch(self.wrong_kind, kind)) if text]
        if self.unknown:
            parts.append(f"{styles_count(self.unknown, 'style')} could not be found in the local library.")
        return " ".join(parts) or None


def _duplicates(cards: list[Card]) -> str:
    if not cards:
        return ""
    if len(cards) == 1:
        return f"“{cards[0].name}” is already in the collection."
    return f"{styles_count(len(cards), 'style')} already in the collection were skipped."


def _mismatch(cards: list[Card], kind: StyleKind | None) -> str:
    if not cards or kind is None:
        return ""
    other = StyleKind.TEXT if kind is StyleKind.IMAGE else StyleKind.IMAGE
    article = "an" if other is StyleKind.IMAGE else "a"
    if len(cards) == 1:
        what = f"“{cards[0].name}” is {article} {other.value} style"
    else:
        what = f"{styles_count(len(cards), other.value + ' style')} were refused"
    return f"{what}: a collection holds styles of one kind, and this one is for {kind.value} styles."


def admit(present: Sequence[Card], kind: StyleKind | None, cards: Sequence[Card], asked: int) -> AddOutcome:
    """Which of ``cards`` (found for ``asked`` distinct ids) may join ``present`` members of ``kind``."""
    outcome = AddOutcome(unknown=asked - len(cards))
    ids = {card.id for card in present}
    for card in cards:
        if card.id in ids:
            outcome.duplicates.append(card)
        elif kind is not None and card.kind is not None and card.kind is not kind:
            outcome.wrong_kind.append(card)
        else:
            kind = kind or card.kind
            ids.add(card.id)
            outcome.added.append(card)
    outcome.kind = kind
    return outcome
