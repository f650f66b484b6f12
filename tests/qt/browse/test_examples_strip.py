"""The detail pane's strip of example images: primary first and marked, loading, then the picture or a
"broken image" mark; text styles have no such row."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from horde_style_studio.domain.styles import ImageStyle, TextStyle
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.browse.detail import DetailPane
from tests.qt.collections.test_thumbnails import Source, _png

GOOD = "https://images.test/good.png"
PRIMARY = "https://images.test/primary.png"
BROKEN = "https://images.test/broken.png"


def _style() -> ImageStyle:
    return ImageStyle.model_validate(
        {
            "id": "00000000-0000-4000-8000-0000000000e1",
            "name": "Three Examples",
            "prompt": "{p}",
            "examples": [
                {"id": "e1", "url": GOOD, "primary": False},
                {"id": "e2", "url": BROKEN, "primary": False},
                {"id": "e3", "url": PRIMARY, "primary": True},
            ],
        }
    )


def test_the_strip_shows_every_example_primary_first_and_marks_a_broken_one(
    qtbot: QtBot, tasks: TaskRegistry
) -> None:
    from horde_style_studio.ui.shared.thumbnails import ThumbnailCache

    cache = ThumbnailCache(Source({GOOD: _png(), PRIMARY: _png()}), tasks)
    pane = DetailPane(cache)
    qtbot.addWidget(pane)
    pane.show_style(_style())
    assert pane.strip.tile_texts() == [
        "Primary example: loading", "Example: loading", "Example: loading"
    ]  # fmt: skip
    qtbot.waitUntil(lambda: len(tasks) == 0)
    assert pane.strip.tile_texts() == [
        "Primary example", "Example", "Example: the image could not be loaded"
    ]  # fmt: skip
    pane.show_style(TextStyle.model_validate({"id": "t1", "name": "Words", "prompt": "{p}"}))
    assert pane.strip.tile_texts() == []
    assert pane.strip.isHidden()
