"""The app's one thumbnail pipeline: small pictures of styles' example images for every card and list row,
from memory, else from the disk cache, else fetched once per URL (through :class:`ThumbnailSource`),
decoded downscaled within a pixel cap (:mod:`.thumb_codec`) and kept on disk for the next run."""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QPixmap

from horde_style_studio.domain.units import MiB
from horde_style_studio.services.thumb_store import ThumbStore
from horde_style_studio.ui.async_support import TaskRegistry

if TYPE_CHECKING:
    import httpx
    from PySide6.QtGui import QImage

    from horde_style_studio.services.images import FetchPolicy, ImageFetcher

log = logging.getLogger(__name__)

ImageSource = Callable[[str], Awaitable[bytes]]
"""Downloads an image's bytes (the composition root adapts the app's image fetcher, which enforces the
https-only rule, the byte cap, a deadline and how many downloads run at once, in all and per host;
:func:`thumb_codec.thumbnail_of` enforces the pixel cap)."""

THUMBNAIL_MAX_BYTES = 4 * 1024 * 1024
THUMBNAIL_DEADLINE = 20.0
EDGE = 192  # about one and a half times the card's picture: sharp enough on HiDPI screens
KEEP = 300  # pixmaps kept, the least recently shown dropped first (each is about 150 KB)


def edge_for_screen() -> int:
    """The thumbnail edge for the primary screen: :data:`EDGE` device pixels per logical one, so cards stay
    sharp at 2x scale (a 2x screen decodes and keeps four times the pixels, and only there)."""
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    return math.ceil(EDGE * max(1.0, ratio))


class ThumbnailSource:
    """Fetches thumbnails' bytes through the app's image fetcher, with an HTTP client of its own (no Horde
    header reaches an image host); plain http comes from the same origins as example images
    (:func:`~horde_style_studio.services.images.image_http_origins`).

    The fetcher (and the image and HTTP stacks it imports) is built for the first download: the thumbnails
    on disk are shown from the first paint, which does without them (issue 18)."""

    def __init__(
        self,
        horde_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sandbox: bool = False,
        image_host_url: str = "",
        imports_done: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._horde_url = horde_url
        # The image stack is imported by the first download; while another thread imports the stacks it
        # shares (pydantic), that waits for it: one package imported by two threads at once can break.
        self._imports_done = imports_done
        self._sandbox = sandbox
        # Every image host configured in this run: in sandbox mode the examples made on each keep loading.
        self._image_hosts = [image_host_url]
        self._transport = transport
        self._fetcher: ImageFetcher | None = None

    def _policy(self) -> FetchPolicy:
        from horde_style_studio.services.images import FetchPolicy, horde_host, image_http_origins

        origins = image_http_origins(self._horde_url, sandbox=self._sandbox, image_hosts=self._image_hosts)
        # A thumbnail is small: a host that cannot send one in 20 s frees its slot for the next.
        return FetchPolicy(
            max_bytes=THUMBNAIL_MAX_BYTES,
            http_origins=origins,
            trusted_hosts=horde_host(self._horde_url),
            deadline=THUMBNAIL_DEADLINE,
        )

    def _fetcher_now(self) -> ImageFetcher:
        if self._fetcher is None:
            from horde_style_studio.services.images import ImageFetcher

            self._fetcher = ImageFetcher(self._policy(), transport=self._transport)
        return self._fetcher

    def follow_image_host(self, public_url: str) -> None:
        """The image host in Settings changed: in sandbox mode its loopback links are thumbnails too, and so
        stay the earlier hosts'."""
        self._image_hosts.append(public_url)
        if self._fetcher is not None:
            self._fetcher.policy = self._policy()

    async def __call__(self, url: str) -> bytes:
        if self._fetcher is None and self._imports_done is not None:
            await self._imports_done()
        return (await self._fetcher_now().fetch(url)).data

    async def aclose(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.aclose()


class ThumbnailCache(QObject):
    """Owns the pixmaps. :meth:`pixmap` answers at once (None until loaded) and starts the load, from
    ``store`` (the disk cache) when it has the picture, else from ``source``; ``ready(url)`` says loading
    ``url`` ended: its pixmap is here, or :meth:`failed` is now True (so views swap "loading" for a
    "broken image" mark). A URL that failed is not tried again in this run."""

    ready = Signal(str)

    def __init__(
        self,
        source: ImageSource | None,
        tasks: TaskRegistry,
        *,
        store: ThumbStore | None = None,
        edge: int = EDGE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._tasks = tasks
        self._store = store
        self._edge = edge
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        # Not broken, just out of reach now (no network, a timeout): tried again by retry_unreachable().
        self._unreachable: set[str] = set()

    def pixmap(self, url: str | None) -> QPixmap | None:
        if not url or self._source is None:
            return None
        found = self._pixmaps.get(url)
        if found is not None:
            self._pixmaps.move_to_end(url)
        elif url not in self._pending and url not in self._failed and url not in self._unreachable:
            self._pending.add(url)
            self._tasks.start(self._load(self._source, url))
        return found

    def failed(self, url: str) -> bool:
        return url in self._failed

    def unreachable(self, url: str) -> bool:
        return url in self._unreachable

    def retry_unreachable(self) -> None:
        """The network is back (a library refresh got through): views ask again for what was out of reach."""
        urls, self._unreachable = self._unreachable, set()
        for url in urls:
            self.ready.emit(url)

    def set_disk_cap(self, megabytes: int) -> None:
        """The disk cache's new cap (Settings' cache size); a smaller one is applied at once, off the UI
        thread."""
        store = self._store
        if store is None or store.cap == megabytes * MiB:
            return
        store.set_cap(megabytes * MiB)
        import asyncio

        self._tasks.start(asyncio.to_thread(store.trim), name="thumbnail-trim")

    async def _load(self, source: ImageSource, url: str) -> None:
        # The image checks' module is imported for the first picture, after the first paint (issue 18).
        from horde_style_studio.services.image_checks import ImageCheckError, ImageProblem

        unreachable = False
        try:
            image = await self._from_disk(url)
            if image is None:
                image = await self._download(source, url)
        except ImageCheckError as err:
            log.info("no thumbnail for %s: %s", url, err.problem)
            unreachable = err.problem is ImageProblem.UNREACHABLE
            image = None
        except Exception as exc:  # a missing thumbnail is never worth an error dialog
            log.info("no thumbnail for %s: %s", url, type(exc).__name__)
            image = None
        finally:
            self._pending.discard(url)
        if image is None:
            (self._unreachable if unreachable else self._failed).add(url)
            self.ready.emit(url)
            return
        self._pixmaps[url] = QPixmap.fromImage(image)
        while len(self._pixmaps) > KEEP:
            self._pixmaps.popitem(last=False)
        self.ready.emit(url)

    async def _from_disk(self, url: str) -> QImage | None:
        if self._store is None:
            return None
        # Imported for the first picture: the first frame shows none, and the decoders' Qt classes (image
        # reader and writer, buffers) cost start-up time (issue 18).
        from horde_style_studio.ui.shared import thumb_codec
        from horde_style_studio.ui.shared.decoding import in_decode_pool

        return await in_decode_pool(thumb_codec.stored, self._store, url, self._edge)

    async def _download(self, source: ImageSource, url: str) -> QImage | None:
        # No slots of its own: the fetcher's are per host, so a slow host cannot hold every one.
        data = await source(url)
        from horde_style_studio.ui.shared import thumb_codec
        from horde_style_studio.ui.shared.decoding import in_decode_pool

        return await in_decode_pool(thumb_codec.fresh, data, self._edge, self._store, url)
