"""The record of a walk of one of the server's lists, as the library stores it with every page, and what
saving a page takes and gives back.

The walk itself (which page comes next, what a page means) is ``workflows.sync.walk``; the library keeps
only where it got, so a cancelled or failed walk resumes where it stopped. Only a sync needs these records:
opening the library for Browse's first paint imports none of them (issue 18).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from horde_style_studio.domain.paging import PagingMode

if TYPE_CHECKING:
    from horde_style_studio.library.sync_book import Mirrored

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


@dataclass(frozen=True)
class PagePlan:
    """What to save of a fetched page: where it leaves the walk, the objects, and ``kept_ids``, rows the
    page listed that the app could not read (see :meth:`LibrarySyncBook.save_page`)."""

    step: Step
    objects: Sequence[Mirrored]
    kept_ids: Sequence[str] = ()


@dataclass(frozen=True)
class PageSaved:
    """After a page: how many distinct objects the walk has seen, how many were marked gone, and how many
    would have been but were ``withheld`` (most of the list: see ``sync_book.MASS_GONE_MIN``)."""

    seen: int
    gone: int
    withheld: int = 0
