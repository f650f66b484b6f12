"""What opening a library file that could not be used did instead.

Apart from ``library.errors``: opening a sound file (Browse's first paint) makes no such record, and a
frozen dataclass costs start-up about 1 ms to define (issue 18).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from horde_style_studio.library.errors import Trouble


@dataclass(frozen=True)
class LibraryRecovered:
    """The outcome of opening a library file that could not be used: what happened, in words, and where
    the old file went (None when it was left in place, e.g. because another copy of the app holds it)."""

    trouble: Trouble
    message: str
    moved_to: Path | None = None
    temporary: bool = False
