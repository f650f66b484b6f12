"""Text as its author wrote it, and as the server stores it.

The server passes names, descriptions, tags and model names through ``bleach.clean`` (§2.2, §12): ``&``,
``<`` and ``>`` are stored and served as ``&amp;``, ``&lt;`` and ``&gt;``, and a by-name reference only
matches the escaped form. The read models unescape once, at the boundary, so everything above shows what
the author typed; references sent by name are escaped again, whichever form the user typed.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any, Final

ESCAPED: Final = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
ESCAPED_FIELDS: Final = ("name", "info", "tags")


def as_written(text: str) -> str:
    """The text as its author typed it (the server's escaping undone)."""
    return html.unescape(text) if "&" in text else text


def as_stored(text: str) -> str:
    """The text as the server stores and matches it, whether ``text`` was typed escaped or not."""
    return html.escape(as_written(text), quote=False).strip()


def escaped_characters(text: str) -> list[str]:
    return [char for char in ESCAPED if char in text]


def escape_notes(doc: Mapping[str, Any]) -> dict[str, str]:
    """Per field of ``doc`` that holds ``&``, ``<`` or ``>``: a sentence saying how the server stores it."""
    notes: dict[str, str] = {}
    for path in ESCAPED_FIELDS:
        value = doc.get(path)
        # Any JSON at all may be typed in the Editor's JSON tab: a name may be a number (issue 14 fuzzing).
        items = value if isinstance(value, list) else [value]
        texts = [v for v in items if isinstance(v, str)]
        chars = sorted({c for text in texts for c in escaped_characters(text)}, key=list(ESCAPED).index)
        if chars:
            pairs = ", ".join(f"{c} as “{ESCAPED[c]}”" for c in chars)
            notes[path] = f"The AI Horde stores {pairs} (shown here as typed)."
    return notes
