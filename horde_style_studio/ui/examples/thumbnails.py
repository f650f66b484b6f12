"""Filling the gallery's cards: each example's image downloaded and checked, a few at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from horde_style_studio.domain.styles import StyleExample
from horde_style_studio.services.images import ImageCheckError
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.examples.gallery_model import GalleryModel
from horde_style_studio.ui.shared.decoding import CheckedImage

TASK = "examples.thumbnails"
Check = Callable[[str], Awaitable[CheckedImage]]


class Thumbnails:
    """Marks every unchecked row of ``model`` as loading, broken, not an image or too large.

    The image checked just before it was added is remembered, so its new card shows it at once instead of
    downloading it a second time.
    """

    def __init__(self, model: GalleryModel, check: Check, tasks: TaskRegistry, *, concurrency: int) -> None:
        self._model, self._check, self._tasks = model, check, tasks
        self._concurrency = concurrency
        self._recent: dict[str, CheckedImage] = {}

    def remember(self, image: CheckedImage) -> None:
        self._recent = {image.url: image}

    def fill(self, unchecked: list[StyleExample]) -> None:
        """Check ``unchecked`` (rows the model just reported), replacing a fill still under way."""
        needing = []
        for example in unchecked:
            image = self._recent.pop(example.url, None)
            if image is None:
                needing.append(example)
            else:
                self._model.mark_loaded(example, image)
        if needing:
            self._tasks.start(self._load(needing), name=TASK)

    async def _load(self, examples: list[StyleExample]) -> None:
        gate = asyncio.Semaphore(self._concurrency)

        async def one(example: StyleExample) -> None:
            async with gate:
                try:
                    image = await self._check(example.url)
                except ImageCheckError as err:
                    self._model.mark_failed(example, err.problem, err.message)
                    return
            self._model.mark_loaded(example, image)

        await asyncio.gather(*(one(example) for example in examples))
