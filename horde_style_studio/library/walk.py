"""The record of a walk of one of the server's lists, as the library stores it with every page.

The walk itself (which page comes next, what a page means) is ``workflows.sync.walk``; the library keeps
only where it got, so a cancelled or failed walk resumes where it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from horde_style_studio.domain.paging import PagingMode

ListName = Literal["image", "text", "collections"]
COLLECTIONS: Final = "collections"


@dataclass(frozen=True)
class WalkState:
    """How far a walk of one list got. ``probe_id`` is page 1's second row, kept to read page 2 by."""

    list_name: str
    started_at: float
    next_page: int = 1
    paging: PagingMode = PagingMode.UNKNOWN
    probe_id: str | None = None
    pages: int = 0


@dataclass(frozen=True)
class Step:
    """What one fetched page means: where its rows sit in the list, and what to fetch next."""

    state: WalkState
    first_offset: int
    finished: bool
    complete: bool

    def age_keys(self, count: int) -> list[int | None]:
        return [self.first_offset + n for n in range(count)]
