""""Check links": download every example of the signed-in user's image styles and list the broken ones."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from horde_style_studio.api import HordeManualClient
from horde_style_studio.api.errors import HordeError
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle, StyleExample
from horde_style_studio.domain.users import UserStyleRef
from horde_style_studio.services.images import ImageCheckError, ImageFetcher
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.examples.gallery_model import HEALTH_OF_PROBLEM, Health
from horde_style_studio.ui.shared.decoding import ImageLimits, download_and_check

TASK = "examples.link_check"


@dataclass(frozen=True)
class BrokenLink:
    style_id: str
    style_name: str
    example: StyleExample
    health: Health
    message: str


@dataclass(frozen=True)
class LinkReport:
    """What one run found: how many links were checked, the broken ones, and styles that could not be read."""

    styles: int
    checked: int
    broken: list[BrokenLink]
    unread: list[str]


class LinkChecker(QObject):
    """Checks at most ``concurrency`` links (and style reads) at a time.

    Signals: ``started()``, ``progress(int, int)`` (links done, links found so far), ``finished(LinkReport)``
    and ``failed(str)`` when the styles could not even be listed.
    """

    started = Signal()
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        session: HordeManualClient,
        fetcher: ImageFetcher,
        tasks: TaskRegistry,
        *,
        limits: ImageLimits | None = None,
        concurrency: int = 4,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session, self._fetcher, self._tasks = session, fetcher, tasks
        self._limits = limits or ImageLimits()
        self._concurrency = concurrency

    @property
    def running(self) -> bool:
        return self._tasks.running(TASK)

    def check(self) -> None:
        """Start a run (a run already going is replaced)."""
        self._tasks.start(self._run(), name=TASK)

    def cancel(self) -> None:
        self._tasks.cancel(TASK)

    async def _run(self) -> None:
        self.started.emit()
        try:
            # A fresh find_user: the style list from sign-in misses styles created since (§6).
            user = await self._session.find_user()
        except HordeError as err:
            self.failed.emit(f"Could not list your styles: {err}")
            return
        refs = [ref for ref in user.styles if ref.type is StyleKind.IMAGE]
        gate = asyncio.Semaphore(self._concurrency)
        styles, unread = await self._read_styles(refs, gate)
        links = [(style, example) for style in styles for example in style.examples]
        self.progress.emit(0, len(links))
        broken = await self._check_links(links, gate)
        self.finished.emit(LinkReport(len(refs), len(links), broken, unread))

    async def _read_styles(
        self, refs: list[UserStyleRef], gate: asyncio.Semaphore
    ) -> tuple[list[ImageStyle], list[str]]:
        async def read(ref: UserStyleRef) -> ImageStyle | str:
            async with gate:
                try:
                    # By name where it can: reading by id allows 20 an hour per style on 5.1.5 (§1, §12).
                    style = await self._session.read_style(StyleKind.IMAGE, ref.id, ref.name)
                except HordeError as err:
                    return f"{ref.id}: {err}"
                return style if isinstance(style, ImageStyle) else f"{ref.id}: not an image style"

        results = await asyncio.gather(*(read(ref) for ref in refs))
        styles = [result for result in results if isinstance(result, ImageStyle)]
        return styles, [result for result in results if isinstance(result, str)]

    async def _check_links(
        self, links: list[tuple[ImageStyle, StyleExample]], gate: asyncio.Semaphore
    ) -> list[BrokenLink]:
        broken: list[BrokenLink] = []
        done = 0

        async def one(style: ImageStyle, example: StyleExample) -> None:
            nonlocal done
            async with gate:
                try:
                    await download_and_check(self._fetcher, example.url, self._limits)
                except ImageCheckError as err:
                    health = HEALTH_OF_PROBLEM[err.problem]
                    broken.append(BrokenLink(style.id, style.name, example, health, err.message))
            done += 1
            self.progress.emit(done, len(links))

        await asyncio.gather(*(one(style, example) for style, example in links))
        # Dead primaries first: they are what front ends show for the style.
        order = {(style.id, example.id): n for n, (style, example) in enumerate(links)}
        return sorted(broken, key=lambda b: (not b.example.primary, order[(b.style_id, b.example.id)]))
