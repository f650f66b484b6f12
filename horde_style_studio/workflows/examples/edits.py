"""Reading an image style and changing its examples on the server (§2.7), each answer kept in the library.

The library is what Browse shows: its thumbnail is the primary example, its strip the examples. Every style
the server returns here is written through, so a change made in the Examples tab shows in Browse at once
rather than after the next refresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import LibraryError, StyleLibrary
from horde_style_studio.workflows import examples_primary

log = logging.getLogger(__name__)


class ExampleEdits:
    """One session's example changes, mirrored into ``library``."""

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.session = session
        self.library = library
        self._clock = clock

    async def read(self, style_id: str) -> ImageStyle:
        return self.keep(await self.session.get_style(StyleKind.IMAGE, style_id))

    async def read_by_name(self, reference: str) -> ImageStyle:
        """A style by any spelling of its name that §2.4 resolves."""
        return self.keep(await self.session.get_style_by_name(StyleKind.IMAGE, reference))

    async def settled(self, style_id: str) -> ImageStyle:
        """The style as the server holds it, with exactly one primary left (§2.7 B5)."""
        return self.keep(await examples_primary.read_settled(self.session, style_id))

    # Each change returns the style as the write left it, computed from what was sent: a re-read would come
    # from the server's 30 s cache (§1, §12) and bring back what was just changed.
    async def add(self, shown: ImageStyle, url: str) -> ImageStyle:
        return self.keep(await examples_primary.add_example(self.session, shown, url))

    async def make_primary(self, shown: ImageStyle, example_id: str) -> ImageStyle:
        return self.keep(await examples_primary.make_primary(self.session, shown, example_id))

    async def replace(self, shown: ImageStyle, example_id: str, url: str) -> ImageStyle:
        """Point the example at ``url``; it stays primary or not, as it was."""
        return self.keep(await examples_primary.replace_link(self.session, shown, example_id, url))

    async def remove(self, shown: ImageStyle, example_id: str) -> ImageStyle:
        return self.keep(await examples_primary.remove_example(self.session, shown, example_id))

    def keep(self, style: ImageStyle) -> ImageStyle:
        """Write ``style`` through to the library, as the server now holds it; returns it."""
        try:
            self.library.upsert_styles(StyleKind.IMAGE, [style], self._clock())
        except LibraryError as err:  # the server's answer is what the tab shows; the next refresh mends this
            log.warning("could not keep the style's examples in the library: %s", err)
        return style
