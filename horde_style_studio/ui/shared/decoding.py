"""Decoding downloaded example images with Qt's image reader, within a pixel cap, off the UI thread.

``QImage`` and ``QImageReader`` may be used from worker threads (``QPixmap`` may not), so the functions here
run in a small pool of their own (:func:`in_decode_pool`) and hand back ``QImage``s for the UI thread to turn
into pixmaps. Qt's PNG reader decodes the whole picture before scaling it, so a 32-megapixel PNG costs
128 MB while it is decoded, whatever size is asked for: every decode reserves that much of a shared memory
budget first, and waits while others hold it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from horde_style_studio.services.image_checks import (
    FetchedImage,
    ImageCheckError,
    ImageProblem,
    MiB,
    human_bytes,
    sniff_raster,
)

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from horde_style_studio.services.images import ImageFetcher

DEFAULT_MAX_PIXELS = 32_000_000  # about 8000 x 4000: more than any front end shows, less than a bomb
TIMES = "\u00d7"  # the multiplication sign: sizes read better with it than with a letter x
THUMBNAIL_EDGE = 440  # twice the gallery's thumbnail box, so it stays sharp on HiDPI screens
DECODE_THREADS = 2
# One picture at the pixel cap (4 bytes a pixel) fits; smaller ones decode side by side within it.
DECODE_BUDGET_BYTES = 4 * DEFAULT_MAX_PIXELS + 16 * MiB

P = ParamSpec("P")
T = TypeVar("T")


class DecodeBudget:
    """Bytes of decoded pixels that may exist at once; :meth:`reserve` waits until its share is free.

    A single decode larger than the whole budget still runs, alone.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._used = 0
        self._peak = 0
        self._free = threading.Condition()

    @property
    def peak(self) -> int:
        """The most bytes ever reserved at once (for tests and benchmarks)."""
        return self._peak

    @contextmanager
    def reserve(self, size: int) -> Iterator[None]:
        size = min(size, self.limit)
        with self._free:
            self._free.wait_for(lambda: self._used == 0 or self._used + size <= self.limit)
            self._used += size
            self._peak = max(self._peak, self._used)
        try:
            yield
        finally:
            with self._free:
                self._used -= size
                self._free.notify_all()


DECODE_BUDGET = DecodeBudget(DECODE_BUDGET_BYTES)


@cache
def decode_pool() -> ThreadPoolExecutor:
    """The threads that decode pictures, made for the first picture: the app's first frame shows none yet
    and does without asyncio and its executors (issue 18)."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(DECODE_THREADS, thread_name_prefix="image-decode")


async def in_decode_pool(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``function(*args)`` in the decoding pool: pictures never take the threads other work needs."""
    import asyncio

    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(decode_pool(), lambda: function(*args, **kwargs))


@dataclass(frozen=True)
class ImageLimits:
    max_pixels: int = DEFAULT_MAX_PIXELS
    thumbnail_edge: int = THUMBNAIL_EDGE


@dataclass(frozen=True)
class CheckedImage:
    """A downloaded image that decoded within the limits: its thumbnail, its size and its bytes."""

    url: str
    data: bytes
    width: int
    height: int
    format: str
    thumbnail: QImage

    @property
    def summary(self) -> str:
        size = human_bytes(len(self.data))
        return f"{self.width} {TIMES} {self.height} px · {self.format.upper()} · {size}"


def image_reader(data: bytes) -> tuple[QImageReader, QBuffer]:
    """A reader over ``data`` that applies the picture's orientation; close the buffer when done.

    The format is the one the first bytes show, never Qt's guess: an SVG or any other document is refused
    (:class:`ImageCheckError`) before a decoder sees it, whatever its server called it.
    """
    image_format = sniff_raster(data)
    if image_format is None:
        raise ImageCheckError(
            ImageProblem.NOT_IMAGE, "The link is not a picture (PNG, JPEG, GIF, WebP or BMP)."
        )
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(image_format.encode("ascii")))
    reader.setDecideFormatFromContent(False)
    reader.setAutoTransform(True)
    return reader, buffer


def read_within_budget(reader: QImageReader, size: QSize) -> QImage:
    """``reader.read()`` once the decoded picture (``size``, as its header declares) fits the budget."""
    with DECODE_BUDGET.reserve(4 * size.width() * size.height()):
        return reader.read()


def header_size(reader: QImageReader, limits: ImageLimits) -> QSize:
    """The size the header declares, refused before decoding when it is a decompression bomb."""
    if not reader.canRead():
        raise ImageCheckError(ImageProblem.NOT_IMAGE, "The link is not an image Qt can read.")
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        raise ImageCheckError(
            ImageProblem.NOT_IMAGE, "The link is not an image Qt can read (its header is damaged)."
        )
    pixels = size.width() * size.height()
    if pixels > limits.max_pixels:
        raise ImageCheckError(
            ImageProblem.TOO_LARGE,
            f"The image is too large ({size.width()} {TIMES} {size.height()} px, more than the "
            f"{limits.max_pixels / 1_000_000:.0f} megapixel limit).",
        )
    return size


def _decode(reader: QImageReader, size: QSize) -> QImage:
    image = read_within_budget(reader, size)
    if image.isNull():
        raise ImageCheckError(
            ImageProblem.NOT_IMAGE, f"The link is not an image Qt can decode ({reader.errorString()})."
        )
    return image


def decode_checked(fetched: FetchedImage, limits: ImageLimits) -> CheckedImage:
    """Check and decode ``fetched`` to a thumbnail; raises :class:`ImageCheckError`. Call it off the UI
    thread."""
    reader, buffer = image_reader(fetched.data)
    try:
        size = header_size(reader, limits)
        image_format = bytes(reader.format().data()).decode("ascii", "replace") or "image"
        edge = limits.thumbnail_edge
        if size.width() > edge or size.height() > edge:
            reader.setScaledSize(size.scaled(edge, edge, Qt.AspectRatioMode.KeepAspectRatio))
        thumbnail = _decode(reader, size)
    finally:
        buffer.close()
    return CheckedImage(fetched.url, fetched.data, size.width(), size.height(), image_format, thumbnail)


def decode_full(data: bytes, limits: ImageLimits) -> QImage:
    """The whole image, for the full-size view; raises :class:`ImageCheckError`. Call it off the UI thread."""
    reader, buffer = image_reader(data)
    try:
        return _decode(reader, header_size(reader, limits))
    finally:
        buffer.close()


async def check_off_thread(fetched: FetchedImage, limits: ImageLimits) -> CheckedImage:
    return await in_decode_pool(decode_checked, fetched, limits)


async def full_off_thread(data: bytes, limits: ImageLimits) -> QImage:
    return await in_decode_pool(decode_full, data, limits)


async def download_and_check(fetcher: ImageFetcher, url: str, limits: ImageLimits) -> CheckedImage:
    """Everything a link must pass before it may become an example; raises :class:`ImageCheckError`."""
    return await check_off_thread(await fetcher.fetch(url), limits)
