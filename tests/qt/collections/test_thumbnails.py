"""Thumbnails: downloaded once per URL, shown by the models on arrival, never retried after a failure."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot

from horde_style_studio.sandbox.images import encode_png
from horde_style_studio.services.images import ImageCheckError, ImageProblem
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.collections.member_model import MemberListModel
from horde_style_studio.ui.shared.thumbnails import EDGE, ThumbnailCache
from tests.qt.collections.conftest import image, wait_idle

URL = "https://images.test/amber.png"


def _png(width: int = 640, height: int = 480) -> bytes:
    return encode_png(width, [bytes((200, 120, 40)) * width] * height)


class Source:
    def __init__(self, answers: dict[str, bytes]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def __call__(self, url: str) -> bytes:
        self.asked.append(url)
        if url not in self.answers:
            raise OSError("no such image")
        return self.answers[url]


def test_a_card_shows_its_picture_once_downloaded(qtbot: QtBot, tasks: TaskRegistry) -> None:
    source = Source({URL: _png()})
    cache = ThumbnailCache(source, tasks)
    card = image("Amber", thumbnail=URL)
    model = MemberListModel(cache)
    model.add_cards([card])
    assert model.index(0).data(Qt.ItemDataRole.DecorationRole) is None  # asked for, not there yet
    with qtbot.waitSignal(model.dataChanged) as changed:
        wait_idle(qtbot, tasks)
    assert changed.args is not None
    assert Qt.ItemDataRole.DecorationRole in changed.args[2]
    pixmap = model.index(0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(pixmap, QPixmap)
    assert min(pixmap.width(), pixmap.height()) == EDGE  # scaled down, keeping the aspect ratio
    model.index(0).data(Qt.ItemDataRole.DecorationRole)
    assert source.asked == [URL]


def test_a_picture_that_cannot_be_had_is_not_asked_for_again(qtbot: QtBot, tasks: TaskRegistry) -> None:
    broken = "https://images.test/not-an-image.png"
    source = Source({broken: b"<html>not a picture</html>"})
    cache = ThumbnailCache(source, tasks)
    for url in (URL, broken):
        assert cache.pixmap(url) is None
    wait_idle(qtbot, tasks)
    assert cache.failed(URL)
    assert cache.failed(broken)
    assert cache.pixmap(URL) is None
    assert cache.pixmap(None) is None
    wait_idle(qtbot, tasks)
    assert source.asked == [URL, broken]


def test_without_a_source_nothing_is_downloaded(tasks: TaskRegistry) -> None:
    cache = ThumbnailCache(None, tasks)
    assert cache.pixmap(URL) is None
    assert len(tasks) == 0


class Offline:
    """Like the image fetcher with no network: every link's server is out of reach until ``online``."""

    def __init__(self) -> None:
        self.online = False
        self.asked: list[str] = []

    async def __call__(self, url: str) -> bytes:
        self.asked.append(url)
        if not self.online:
            raise ImageCheckError(ImageProblem.UNREACHABLE, "its server could not be reached")
        return _png()


def test_an_unreachable_picture_is_not_broken_and_is_asked_for_again_after_a_refresh(
    qtbot: QtBot, tasks: TaskRegistry
) -> None:
    source = Offline()
    cache = ThumbnailCache(source, tasks)
    assert cache.pixmap(URL) is None
    wait_idle(qtbot, tasks)
    assert (cache.failed(URL), cache.unreachable(URL)) == (False, True)  # no "broken image" mark
    assert cache.pixmap(URL) is None
    assert source.asked == [URL]  # not hammered while offline
    source.online = True
    with qtbot.waitSignal(cache.ready):
        cache.retry_unreachable()  # views repaint and ask again
    assert cache.pixmap(URL) is None
    wait_idle(qtbot, tasks)
    assert cache.pixmap(URL) is not None
    assert not cache.unreachable(URL)
