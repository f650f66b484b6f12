"""Peak memory of the Browse tab showing five styles whose examples are 8000 x 4000 PNGs, the pixel cap
(issue 14's target: under 300 MB, as the Browse memory benchmark), against a bare QApplication.

Qt's PNG reader decodes a whole picture (128 MB at the cap) before scaling it; thumbnails are decoded in a
small pool within a memory budget, so five styles' worth of such pictures must not add up. Each figure
comes from a fresh child process, whose peak resident memory (VmHWM) is the figure.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.benchmarks.children import all_thumbnails, child_main, qt_loop, run_child, status_mb
from tests.benchmarks.results import Result, note

LIMIT_MB = 300.0
STYLES = 5
EXAMPLES = 3  # per style, each its own URL, so each is downloaded and decoded
WIDTH, HEIGHT = 8000, 4000


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM); elsewhere than Linux, ru_maxrss."""
    return status_mb("VmHWM")


def _picture(path: Path) -> None:
    from horde_style_studio.sandbox.images import encode_png

    row = bytes(range(256)) * (WIDTH * 3 // 256) + bytes(WIDTH * 3 % 256)
    path.write_bytes(encode_png(WIDTH, [row] * HEIGHT))


def _library(path: Path) -> None:
    from horde_style_studio.domain.base import StyleKind
    from horde_style_studio.domain.styles import ImageStyle
    from horde_style_studio.library import StyleLibrary

    styles = [
        ImageStyle.model_validate({
            "id": f"00000000-0000-4000-8000-{n:012d}",
            "name": f"Panorama {n}",
            "prompt": "{p}, wide panorama###{np}",
            "models": ["Deliberate"],
            "use_count": 100 - n,
            "examples": [
                {"id": f"00000000-0000-4000-9000-{n:06d}{e:06d}", "url": f"https://img.test/{n}-{e}.png",
                 "primary": e == 0}
                for e in range(EXAMPLES)
            ],
        })
        for n in range(STYLES)
    ]  # fmt: skip
    library = StyleLibrary.open(path)
    library.upsert_styles(StyleKind.IMAGE, styles, datetime.now(UTC))
    library.close()


def _bare() -> dict[str, float]:
    app = QApplication([])
    app.processEvents()
    return {"peak": peak_mb()}


def _browse(library_path: Path, picture: Path) -> dict[str, float]:
    # Imported here, so that the bare child's figure holds Qt and Python alone.
    from horde_style_studio.library import StyleLibrary
    from horde_style_studio.ui.async_support import TaskRegistry
    from horde_style_studio.ui.browse.page import BrowsePage
    from horde_style_studio.ui.browse.presenter import BrowsePresenter
    from horde_style_studio.ui.shared.thumbnails import ThumbnailCache

    data = picture.read_bytes()
    downloads: list[str] = []

    async def download(url: str) -> bytes:
        downloads.append(url)
        return data

    with qt_loop() as loop:
        library = StyleLibrary.open(library_path)
        thumbnails = ThumbnailCache(download, TaskRegistry())
        page = BrowsePage(BrowsePresenter(library), thumbnails)

        async def scenario() -> None:
            page.resize(1280, 800)
            page.show()
            page.refresh()
            for row in range(STYLES):  # each style shown in turn: its cards and its examples strip
                page.styles_view.set_current_row(row)
                await asyncio.sleep(0.05)
            urls = [f"https://img.test/{n}-{e}.png" for n in range(STYLES) for e in range(EXAMPLES)]
            await asyncio.wait_for(all_thumbnails(thumbnails, urls), timeout=600)

        loop.run_until_complete(scenario())
        page.close()
        library.close()
    return {"peak": peak_mb(), "downloads": len(downloads)}


def _child(*args: str) -> dict[str, float]:
    return run_child(__name__, *args)


def main() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="hss-bench-") as tmp:
        folder = Path(tmp)
        library, picture = folder / "library.sqlite", folder / "panorama.png"
        _picture(picture)
        _library(library)
        baseline = _child("bare")["peak"]
        note(f"a bare QApplication peaks at {baseline:.0f} MB; now Browse with {STYLES} styles of "
             f"{EXAMPLES} {WIDTH}x{HEIGHT} examples each")  # fmt: skip
        browse = _child("browse", str(library), str(picture))
        note(f"downloads: {browse['downloads']:.0f}")
    return [
        Result.of("qapplication_peak_rss", baseline, "MB", LIMIT_MB, baseline).emit(),
        Result.of(
            "browse_5_styles_8000x4000_examples_peak_rss", browse["peak"], "MB", LIMIT_MB, baseline
        ).emit(),
    ]


if __name__ == "__main__":
    child_main(_bare, _browse)
