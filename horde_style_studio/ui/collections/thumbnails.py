"""Small pictures of styles' example images for cards and list rows, downloaded once per URL."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

from horde_style_studio.ui.async_support import TaskRegistry

log = logging.getLogger(__name__)

ImageSource = Callable[[str], Awaitable[bytes]]
"""Downloads an image's bytes (the composition root adapts the app's image fetcher)."""

EDGE = 192  # about one and a half times the card's picture: sharp enough on HiDPI screens
PARALLEL = 4
KEEP = 300  # pixmaps kept, the least recently shown dropped first (each is about 150 KB)


def _decode(data: bytes, edge: int) -> QImage | None:
    """Runs in a worker thread: QImage may be used off the UI thread, QPixmap may not."""
    image = QImage.fromData(data)
    if image.isNull():
        return None
    return image.scaled(
        edge, edge, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
    )


class ThumbnailCache(QObject):
    """Owns the pixmaps. :meth:`pixmap` answers at once (None until loaded) and starts the download;
    ``ready(url)`` says loading ``url`` ended: its pixmap is here, or :meth:`failed` is now True (so views
    swap "loading" for a "broken image" mark). A URL that failed is not tried again in this run."""

    ready = Signal(str)

    def __init__(
        self,
        source: ImageSource | None,
        tasks: TaskRegistry,
        *,
        edge: int = EDGE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._tasks = tasks
        self._edge = edge
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self._slots = asyncio.Semaphore(PARALLEL)

    def pixmap(self, url: str | None) -> QPixmap | None:
        if not url or self._source is None:
            return None
        found = self._pixmaps.get(url)
        if found is not None:
            self._pixmaps.move_to_end(url)
        elif url not in self._pending and url not in self._failed:
            self._pending.add(url)
            self._tasks.start(self._load(self._source, url))
        return found

    def failed(self, url: str) -> bool:
        return url in self._failed

    async def _load(self, source: ImageSource, url: str) -> None:
        try:
            async with self._slots:
                image = await asyncio.to_thread(_decode, await source(url), self._edge)
        except Exception as exc:  # a missing thumbnail is never worth an error dialog
            log.info("no thumbnail for %s: %s", url, type(exc).__name__)
            image = None
        finally:
            self._pending.discard(url)
        if image is None:
            self._failed.add(url)
            self.ready.emit(url)
            return
        self._pixmaps[url] = QPixmap.fromImage(image)
        while len(self._pixmaps) > KEEP:
            self._pixmaps.popitem(last=False)
        self.ready.emit(url)
