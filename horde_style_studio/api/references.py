"""How styles and collections are named in paths and member lists (§2.4, §3, §11.4)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from horde_style_studio.domain.escaping import as_stored

if TYPE_CHECKING:
    from horde_style_studio.domain.styles import AnyStyle

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_uuid(text: str) -> bool:
    return bool(_UUID.match(text.strip()))


def stored_reference(reference: str) -> str:
    """``reference`` with its name part escaped as the server stores names (§2.2, §12), so ``Noir & Neon``
    and ``Noir &amp; Neon`` both find the style the server holds as ``Noir &amp; Neon``."""
    head, sep, name = reference.rpartition("::")
    return f"{head}{sep}{as_stored(name)}"


def by_name_path(name: str) -> str:
    """Percent-encode a name for a by-name route: ``#`` must travel as ``%23`` (§2.4, §12)."""
    return quote(stored_reference(name), safe="")


def member_reference(unique_name: str) -> str:
    """Turn the server's ``alias::style::name`` into ``style::alias::name``, the order it can parse (§2.4)."""
    parts = unique_name.split("::")
    if len(parts) == 3 and parts[1] == "style":
        return stored_reference(f"style::{parts[0]}::{parts[2]}")
    return stored_reference(unique_name)


def style_reference(style: AnyStyle) -> str:
    """How to name a style so the server resolves it to exactly this one (§2.4, §11.4)."""
    return stored_reference(f"style::{style.creator}::{style.name}" if style.creator else style.name)
