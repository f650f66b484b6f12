"""Thumbnails kept on disk between runs: served without the network, replaced when damaged, within the cap
the Settings dialog sets, and still shown when the disk refuses to keep them."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import httpx
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from horde_style_studio.sandbox.images import PNG_SIGNATURE, encode_png
from horde_style_studio.services.images import MiB
from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.thumb_store import FOLDER, SUFFIX, ThumbStore, key_of
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.shared.thumbnails import EDGE, ThumbnailCache
from tests.qt.collections.conftest import wait_idle
from tests.qt.collections.test_thumbnails import URL, Source
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start


def _png(width: int = 640, height: int = 480) -> bytes:
    return encode_png(width, [bytes((40, 120, 200)) * width] * height)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _bomb(width: int, height: int) -> bytes:
    """A valid one-colour PNG of ``width`` x ``height``: a few hundred KB that decode to far more pixels."""
    packer = zlib.compressobj(1)
    row = b"\x00" + bytes(3 * width)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


class ImageHost(httpx.AsyncBaseTransport):
    """Serves one PNG at every https://images.test address, counting requests; no Horde answers."""

    def __init__(self) -> None:
        self.requests: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host != "images.test":
            raise httpx.ConnectError("no Horde in this test", request=request)
        self.requests.append(str(request.url))
        return httpx.Response(200, headers={"content-type": "image/png"}, content=_png())


def _loaded(qtbot: QtBot, cache: ThumbnailCache, url: str = URL) -> QImage:
    with qtbot.waitSignal(cache.ready, check_params_cb=lambda arrived: arrived == url):
        assert cache.pixmap(url) is None
    pixmap = cache.pixmap(url)
    assert pixmap is not None
    return pixmap.toImage()


def test_a_thumbnail_downloaded_once_is_shown_from_disk_in_the_next_run(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    host = ImageHost()
    first = make_studio(host)
    task = start(qtbot, first)
    shown = _loaded(qtbot, first.thumbnails)
    close(qtbot, first, task)
    assert host.requests == [URL]

    again = make_studio(host)
    task = start(qtbot, again)
    from_disk = _loaded(qtbot, again.thumbnails)
    close(qtbot, again, task)
    assert host.requests == [URL]  # the second run never asked the image host
    assert (from_disk.width(), from_disk.height()) == (shown.width(), shown.height())
    assert from_disk.pixelColor(10, 10).blue() > 150  # the picture itself, not a placeholder


# libjpeg says what it found wrong through Qt's log; the damage is the point of the test.
@pytest.mark.qt_log_ignore("Corrupt JPEG data|JPEG datastream contains no image")
def test_a_damaged_file_on_disk_is_downloaded_again_and_replaced(
    qtbot: QtBot, tasks: TaskRegistry, tmp_path: Path
) -> None:
    store = ThumbStore(tmp_path, 10 * MiB)
    store.put(URL, b"\xff\xd8 half a jpeg")
    source = Source({URL: _png()})
    image = _loaded(qtbot, ThumbnailCache(source, tasks, store=store))
    assert source.asked == [URL]
    assert min(image.width(), image.height()) == EDGE
    wait_idle(qtbot, tasks)
    assert QImage.fromData(store.get(URL) or b"").width() == image.width()


def test_a_file_made_for_another_size_is_downloaded_again(
    qtbot: QtBot, tasks: TaskRegistry, tmp_path: Path
) -> None:
    store = ThumbStore(tmp_path, 10 * MiB)
    source = Source({URL: _png()})
    _loaded(qtbot, ThumbnailCache(source, tasks, store=store, edge=EDGE // 2))
    image = _loaded(qtbot, ThumbnailCache(source, tasks, store=store))
    assert min(image.width(), image.height()) == EDGE
    assert source.asked == [URL, URL]


@pytest.mark.logs_warning("thumbnail cache: could not")
def test_a_disk_that_refuses_writes_still_shows_the_thumbnail(
    qtbot: QtBot, tasks: TaskRegistry, tmp_path: Path
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    source = Source({URL: _png()})
    cache = ThumbnailCache(source, tasks, store=ThumbStore(blocker / FOLDER, 10 * MiB))
    _loaded(qtbot, cache)
    assert not cache.failed(URL)


def test_a_picture_declaring_too_many_pixels_is_never_decoded(qtbot: QtBot, tasks: TaskRegistry) -> None:
    bomb = "https://images.test/bomb.png"
    cache = ThumbnailCache(Source({bomb: _bomb(6000, 6000)}), tasks)  # 36 megapixels, over the cap
    assert cache.pixmap(bomb) is None
    wait_idle(qtbot, tasks)
    assert cache.failed(bomb)  # shown as a broken image, as before


def test_a_panorama_is_cropped_to_its_middle_so_its_thumbnail_stays_small(
    qtbot: QtBot, tasks: TaskRegistry
) -> None:
    strip = "https://images.test/strip.png"
    red, blue = bytes((220, 30, 30)), bytes((30, 30, 220))
    row = red * 1980 + blue * 40 + red * 1980  # 4000 x 20: only the middle 40 x 20 fit a 2:1 crop
    image = _loaded(qtbot, ThumbnailCache(Source({strip: encode_png(4000, [row] * 20)}), tasks), strip)
    assert (image.width(), image.height()) == (2 * EDGE, EDGE)
    assert image.pixelColor(10, EDGE // 2).blue() > 150  # not squeezed: its left edge is the middle's blue


def _fill(folder: Path, count: int, size: int) -> list[Path]:
    """``count`` thumbnail files of ``size`` bytes (sparse: nothing is written), oldest first."""
    files = []
    for n in range(count):
        key = key_of(f"https://images.test/{n}.png")
        path = folder / key[:2] / f"{key}{SUFFIX}"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            handle.truncate(size)
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
        files.append(path)
    return files


def test_a_smaller_cache_size_in_settings_shrinks_the_folder_at_once(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    files = _fill(app_dirs().cache / FOLDER, 12, 2 * MiB)
    studio = make_studio(ImageHost())
    task = start(qtbot, studio)
    dialog = studio.open_settings()
    dialog.cache_size.setValue(16)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: sum(p.stat().st_size for p in files if p.exists()) <= 16 * MiB)
    kept = [p.exists() for p in files]
    assert kept == sorted(kept)  # the oldest went, the most recently used stayed
    assert kept.count(True) >= 6
    close(qtbot, studio, task)
