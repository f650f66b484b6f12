"""Thumbnails from downloaded pictures and from the disk cache: decoded within a pixel cap, scaled, encoded.

Every function here runs in a worker thread: ``QImage`` and ``QImageReader`` may be used off the UI thread,
``QPixmap`` may not.
"""

from __future__ import annotations

from math import ceil

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QImage, QImageWriter

from horde_style_studio.services.image_checks import ImageCheckError
from horde_style_studio.services.thumb_store import ThumbStore
from horde_style_studio.ui.shared.decoding import (
    DEFAULT_MAX_PIXELS,
    ImageLimits,
    header_size,
    image_reader,
    read_within_budget,
)

# Both delegates show a picture's centre at a square-ish crop, so a panorama is cut to 2:1 before scaling:
# scaled until its short side fills the card, a 10000 x 10 strip would otherwise become 36 megapixels.
MAX_ASPECT = 2
JPEG_QUALITY = 85


def _centre(size: QSize) -> QRect:
    width = min(size.width(), size.height() * MAX_ASPECT)
    height = min(size.height(), size.width() * MAX_ASPECT)
    return QRect((size.width() - width) // 2, (size.height() - height) // 2, width, height)


def thumbnail_of(data: bytes, edge: int, max_pixels: int = DEFAULT_MAX_PIXELS) -> QImage | None:
    """A downloaded picture scaled until its short side is ``edge``; None when it is no picture Qt reads or
    its header declares more than ``max_pixels`` (a decompression bomb is refused before decoding)."""
    try:
        reader, buffer = image_reader(data)
    except ImageCheckError:
        return None
    try:
        try:
            size = header_size(reader, ImageLimits(max_pixels=max_pixels))
        except ImageCheckError:
            return None
        clip = _centre(size)
        wanted = clip.size().scaled(edge, edge, Qt.AspectRatioMode.KeepAspectRatioByExpanding)
        factor = wanted.width() / clip.width()
        # The whole picture is decoded straight to the small size (JPEG's reader then skips most of the work
        # and the memory) and the centre cut from that. A clip rectangle on the reader would cost a second
        # full-size copy with readers that cannot clip while decoding, PNG's among them.
        reader.setScaledSize(QSize(ceil(size.width() * factor), ceil(size.height() * factor)))
        image = read_within_budget(reader, size)
    finally:
        buffer.close()
    if image.isNull():
        return None
    left = min(round(clip.x() * factor), image.width() - wanted.width())
    top = min(round(clip.y() * factor), image.height() - wanted.height())
    return image.copy(QRect(max(left, 0), max(top, 0), wanted.width(), wanted.height()))


def encoded(image: QImage) -> bytes:
    """``image`` as JPEG (PNG when it has an alpha channel), small enough for thousands on disk."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # QImageWriter rather than QImage.save: PySide's stubs want the format as bytes, its runtime a str.
    alpha = image.hasAlphaChannel()
    writer = QImageWriter(buffer, QByteArray(b"PNG" if alpha else b"JPEG"))
    if not alpha:
        writer.setQuality(JPEG_QUALITY)
    saved = writer.write(image)
    buffer.close()
    return bytes(array.data()) if saved else b""


def _fits(size: QSize, edge: int) -> bool:
    short, long = sorted((size.width(), size.height()))
    return short == edge and long <= edge * MAX_ASPECT + 1


def stored(store: ThumbStore, url: str, edge: int) -> QImage | None:
    """The thumbnail the disk cache holds for ``url``, or None; a damaged file, or one made for another
    ``edge``, is deleted so that the download that follows replaces it."""
    data = store.get(url)
    if data is None:
        return None
    try:
        reader, buffer = image_reader(data)
    except ImageCheckError:
        store.discard(url)
        return None
    try:
        image = reader.read() if _fits(reader.size(), edge) else QImage()
    finally:
        buffer.close()
    if image.isNull():
        store.discard(url)
        return None
    return image


def fresh(data: bytes, edge: int, store: ThumbStore | None, url: str) -> QImage | None:
    """The thumbnail of a download, saved to ``store`` for the next run (when there is a store)."""
    image = thumbnail_of(data, edge)
    if image is not None and store is not None:
        small = encoded(image)
        if small:
            store.put(url, small)
    return image
