"""What a search text names exactly, besides the words it holds: a style's id, or its name as the AI Horde
spells references (REFERENCE §2.4): ``name``, ``alias::name``, ``style::name``, ``style::alias::name``, and
the server's own ``alias::style::name``.

Browse puts the styles a text names exactly before the other matches: typing a name copied from a
collection, a log or a chat finds that style first (issue 16).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_KIND_WORD = "style"


@dataclass(frozen=True)
class Lookup:
    """``style_id``, or ``name`` (folded) with the creator's ``alias`` when one was given. ``alias_number``:
    the number after ``#`` in the alias, which is all the server uses to find the user (§2.4)."""

    name: str | None = None
    alias: str | None = None
    style_id: str | None = None

    @property
    def alias_number(self) -> str | None:
        if self.alias is None or "#" not in self.alias:
            return None
        number = self.alias.rpartition("#")[2]
        return number if number.isdigit() else None


def lookup(text: str) -> Lookup | None:
    """What ``text`` names exactly, or None when it is empty."""
    text = text.strip()
    if not text:
        return None
    if _UUID.fullmatch(text.casefold()):
        return Lookup(style_id=text.casefold())
    parts = [part.strip() for part in text.split("::")]
    if len(parts) > 1 and parts[0].casefold() == _KIND_WORD:
        parts = parts[1:]  # style::name, style::alias::name
    if len(parts) == 3 and parts[1].casefold() == _KIND_WORD:
        parts = [parts[0], parts[2]]  # the server's own alias::style::name (§2.4's trap)
    if len(parts) == 2 and parts[0] and parts[1]:
        return Lookup(name=parts[1].casefold(), alias=parts[0].casefold())
    if len(parts) == 1 and parts[0]:
        return Lookup(name=parts[0].casefold())
    return Lookup(name=text.casefold())  # a name holding "::" itself (the server cannot look it up either)


def names(found: Lookup, *, style_id: str, name: str, creator: str) -> bool:
    """Whether the style ``style_id`` called ``name`` by ``creator`` is the one ``found`` names."""
    if found.style_id is not None:
        return style_id.casefold() == found.style_id
    if found.name != name.strip().casefold():
        return False
    if found.alias is None:
        return True
    creator = creator.casefold()
    number = found.alias_number
    return creator == found.alias or (number is not None and creator.rpartition("#")[2] == number)
