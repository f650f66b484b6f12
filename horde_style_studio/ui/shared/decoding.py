"""Decoding downloaded example images with Qt's image reader, within a pixel cap, off the UI thread.

``QImage`` and ``QImageReader`` may be used from worker threads (``QPixmap`` may not), so the functions here
run under ``asyncio.to_thread`` and hand back ``QImage``s for the UI thread to turn into pixmaps.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from horde_style_studio.services.images import (
    FetchedImage,
    ImageCheckError,
    ImageFetcher,
    ImageProblem,
    human_bytes,
)

DEFAULT_MAX_PIXELS = 32_000_000  # about 8000 x 4000: more than any front end shows, less than a bomb
TIMES = "\u00d7"  # the multiplication sign: sizes read better with it than with a letter x
THUMBNAIL_EDGE = 440  # twice the gallery's thumbnail box, so it stays sharp on HiDPI screens


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
    """A reader over ``data`` that applies the picture's orientation; close the buffer when done."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    return reader, buffer


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


def _decode(reader: QImageReader) -> QImage:
    image = reader.read()
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
        thumbnail = _decode(reader)
    finally:
        buffer.close()
    return CheckedImage(fetched.url, fetched.data, size.width(), size.height(), image_format, thumbnail)


def decode_full(data: bytes, limits: ImageLimits) -> QImage:
    """The whole image, for the full-size view; raises :class:`ImageCheckError`. Call it off the UI thread."""
    reader, buffer = image_reader(data)
    try:
        header_size(reader, limits)
        return _decode(reader)
    finally:
        buffer.close()


async def check_off_thread(fetched: FetchedImage, limits: ImageLimits) -> CheckedImage:
    return await asyncio.to_thread(decode_checked, fetched, limits)


async def full_off_thread(data: bytes, limits: ImageLimits) -> QImage:
    return await asyncio.to_thread(decode_full, data, limits)


async def download_and_check(fetcher: ImageFetcher, url: str, limits: ImageLimits) -> CheckedImage:
    """Everything a link must pass before it may become an example; raises :class:`ImageCheckError`."""
    return await check_off_thread(await fetcher.fetch(url), limits)
