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
from horde_style_studio.domain.base import StyleKind
from horde_style_studio.domain.styles import ImageStyle, StyleExample
from horde_style_studio.library import LibraryError, StyleLibrary

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
        return self._kept(await self.session.get_style(StyleKind.IMAGE, style_id))

    async def read_by_name(self, reference: str) -> ImageStyle:
        """A style by any spelling of its name that §2.4 resolves."""
        return self._kept(await self.session.get_style_by_name(StyleKind.IMAGE, reference))

    async def settled(self, style_id: str) -> ImageStyle:
        """The style as the server holds it after a change, with exactly one primary left (§2.7 B5)."""
        return self._kept(await self.session.ensure_single_primary(style_id))

    async def add(self, style_id: str, url: str) -> None:
        await self.session.add_example(style_id, url)

    async def make_primary(self, style_id: str, example: StyleExample) -> None:
        await self.session.set_primary_example(style_id, example)

    async def replace(self, style_id: str, example: StyleExample, url: str) -> None:
        """Point ``example`` at ``url``; it stays primary or not, as it was."""
        await self.session.patch_example(style_id, example.id, url=url, primary=example.primary)

    async def remove(self, style_id: str, example: StyleExample) -> None:
        await self.session.delete_example(style_id, example.id)

    def _kept(self, style: ImageStyle) -> ImageStyle:
        try:
            self.library.upsert_styles(StyleKind.IMAGE, [style], self._clock())
        except LibraryError as err:  # the server's answer is what the tab shows; the next refresh mends this
            log.warning("could not keep the style's examples in the library: %s", err)
        return style
