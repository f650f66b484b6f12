"""The two style kinds, apart from the pydantic models: the first paint uses them without pydantic."""

from __future__ import annotations

from enum import StrEnum


class StyleKind(StrEnum):
    """The two style kinds, spelled as in the API paths (`/v2/styles/image`, `/v2/styles/text`)."""

    IMAGE = "image"
    TEXT = "text"
