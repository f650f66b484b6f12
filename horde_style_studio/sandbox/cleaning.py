"""The server's ``ensure_clean``: a profanity check, then bleach's escaping and a strip (REFERENCE §2.2)."""

from __future__ import annotations

import html
import re

from .constants import PROFANE_WORDS, TAG_CUT
from .errors import bad_request

_WORDS = re.compile(r"[a-z]+")


def is_profane(text: str) -> bool:
    return any(word in PROFANE_WORDS for word in _WORDS.findall(text.lower()))


def ensure_clean(text: str, value_name: str) -> str:
    if is_profane(text):
        raise bad_request(f"{value_name} contains profanity")
    # bleach.clean escapes &, < and > in text (not quotes), so "a&b" is stored as "a&amp;b".
    return html.escape(text, quote=False).strip()


def clean_set(values: list[str], value_name: str) -> list[str]:
    """Models and tags are stored as sets: cleaned, cut to 100 chars, de-duplicated, order lost."""
    return sorted({ensure_clean(v, value_name)[:TAG_CUT] for v in values})
