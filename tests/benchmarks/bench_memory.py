"""Resident memory of the Browse tab with 10,000 styles scrolled in and 300 thumbnails cached (issue 4's
target: under 300 MB), against a bare QApplication.

Each figure comes from a fresh child process, so nothing an earlier benchmark allocated counts, and the
library is built by the parent: the child only opens it, as the app does at start.
"""

from __future__ import annotations

import asyncio
import gc
import tempfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from tests.benchmarks.children import all_thumbnails, child_main, qt_loop, run_child, status_mb
from tests.benchmarks.results import Result, note

if TYPE_CHECKING:
    from horde_style_studio.ui.browse.page import BrowsePage
    from horde_style_studio.ui.shared.thumbnails import ThumbnailCache

LIMIT_MB = 300.0
THUMBNAILS = 300  # as many as ThumbnailCache keeps in memory
PICTURE_EDGE = 1024  # the size of a typical example image; each thumbnail is decoded from one
PATTERNS = 24


def rss_mb() -> float:
    """This process's resident memory now (VmRSS); elsewhere than Linux, its peak (ru_maxrss)."""
    return status_mb("VmRSS")


@lru_cache(maxsize=PATTERNS)
def _picture(pattern: int) -> bytes:
    from horde_style_studio.sandbox.images import sandbox_image

    return sandbox_image(f"pattern {pattern}", PICTURE_EDGE)


DOWNLOADS: list[str] = []


async def _download(url: str) -> bytes:
    DOWNLOADS.append(url)
    return await asyncio.to_thread(_picture, zlib.crc32(url.encode()) % PATTERNS)


def _settled_rss() -> float:
    QApplication.processEvents()
    gc.collect()
    return rss_mb()


async def _settled_rss_in_loop() -> float:
    """Like :func:`_settled_rss` from inside a task: processEvents() there would run other tasks re-entrantly,
    so the loop gets a few turns to deliver pending events instead."""
    for _ in range(10):
        await asyncio.sleep(0.01)
    gc.collect()
    return rss_mb()


def _bare() -> dict[str, float]:
    app = QApplication([])
    app.processEvents()
    return {"bare": _settled_rss()}


def _browse(library_path: Path, cache_dir: Path) -> dict[str, float]:
    # Imported here, not at the top, so that the bare child's baseline holds Qt and Python alone.
    from horde_style_studio.library import StyleLibrary
    from horde_style_studio.services.images import MiB
    from horde_style_studio.services.thumb_store import ThumbStore
    from horde_style_studio.ui.async_support import TaskRegistry
    from horde_style_studio.ui.browse.collections_presenter import CollectionBrowsePresenter
    from horde_style_studio.ui.browse.page import BrowsePage
    from horde_style_studio.ui.browse.presenter import BrowsePresenter
    from horde_style_studio.ui.shared.thumbnails import ThumbnailCache

    with qt_loop() as loop:
        library = StyleLibrary.open(library_path)
        thumbnails = ThumbnailCache(_download, TaskRegistry(), store=ThumbStore(cache_dir, 512 * MiB))
        collections = CollectionBrowsePresenter(library)
        page = BrowsePage(BrowsePresenter(library), thumbnails, collections=collections)
        styles, both = loop.run_until_complete(_scenario(page, thumbnails))
        page.close()
        library.close()
    return {"styles": styles, "thumbnails": both, "downloads": len(DOWNLOADS)}


async def _scenario(page: BrowsePage, thumbnails: ThumbnailCache) -> tuple[float, float]:
    from PySide6.QtCore import QModelIndex

    # Inside the running loop, as in the app: the first paint already starts thumbnail loads.
    page.resize(1280, 800)
    page.show()
    page.refresh()
    while page.model.canFetchMore(QModelIndex()):  # scrolled to the end: every style is in the model
        page.model.fetchMore(QModelIndex())
    rows = (page.model.row_at(n) for n in range(page.model.rowCount()))
    urls = [row.thumbnail for row in rows if row is not None and row.thumbnail][:THUMBNAILS]
    styles = await _settled_rss_in_loop()
    await asyncio.wait_for(all_thumbnails(thumbnails, urls), timeout=300)
    page.styles_view.list.viewport().repaint()
    return styles, await _settled_rss_in_loop()


def _child(*args: str) -> dict[str, float]:
    return run_child(__name__, *args)


def main() -> list[Result]:
    from tests.benchmarks.bench_library import build_library

    with tempfile.TemporaryDirectory(prefix="hss-bench-") as tmp:
        folder = Path(tmp)
        library, cache = str(folder / "library.sqlite"), str(folder / "thumbnails")
        note("building a 10,000-style library for the memory benchmark")
        build_library(Path(library)).close()
        baseline = _child("bare")["bare"]
        note(f"a bare QApplication holds {baseline:.0f} MB; now Browse, downloading {THUMBNAILS} thumbnails")
        downloaded = _child("browse", library, cache)
        note("and again, the thumbnails now coming from the disk cache")
        from_disk = _child("browse", library, cache)
        counts = downloaded["downloads"], from_disk["downloads"]
        note("downloads: {:.0f} in the first run, {:.0f} in the second".format(*counts))
    figures = [
        ("qapplication_rss", baseline),
        ("browse_10k_styles_rss", downloaded["styles"]),
        ("browse_10k_styles_300_thumbnails_rss", downloaded["thumbnails"]),
        ("browse_10k_styles_300_thumbnails_from_disk_rss", from_disk["thumbnails"]),
    ]
    return [Result.of(name, value, "MB", LIMIT_MB, baseline).emit() for name, value in figures]


if __name__ == "__main__":
    child_main(_bare, _browse)
