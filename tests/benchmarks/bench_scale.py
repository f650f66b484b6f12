"""The same figures at 10,000 and at 100,000 synthetic styles, side by side, so growth shows (issue 18).

- a keystroke in Browse until the view shows the new result set (median < 16 ms, p95 < 50 ms);
- any scroll position: each further page the view asks for as it scrolls, read and painted (< 16 ms, the
  worst page, keyset paging), and every row scrolled in (which must grow linearly, not quadratically);
- facet counts per keystroke on the reader thread (p95 < 100 ms);
- resident memory of Browse with every style scrolled in and 300 thumbnails (< 400 MB);
- a full sync over loopback from a sandbox in its own process: no event-loop stall over 50 ms, at most
  ceil(N/25)+5 requests, and every style mirrored.

``HSS_BENCH_SIZES`` (e.g. ``10000``) and ``HSS_BENCH_PARTS`` (e.g. ``facets,sync``) limit the run. The
libraries are built once and kept (see ``bench_library.CACHE``); the sync builds its own, over the network,
every time.
"""

from __future__ import annotations

import asyncio
import math
import os
import tempfile
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

from horde_style_studio.library import StyleLibrary, StyleQuery
from tests.benchmarks.bench_library import (
    MEDIAN_MS,
    P95_MS,
    STALL_MS,
    TYPED,
    CountingTransport,
    Heartbeat,
    idle_stall,
    keystrokes,
    library_copy,
    sample,
    served_synthetic,
    timed_ms,
)
from tests.benchmarks.results import Result, median, note, p95

SIZES = tuple(int(n) for n in os.environ.get("HSS_BENCH_SIZES", "10000,100000").split(","))
PARTS = tuple(os.environ.get("HSS_BENCH_PARTS", "browse,facets,memory,sync").split(","))
FACETS_P95_MS = 100.0
MEMORY_MB = 400.0
SCROLL_PAGE_MS = 16.0
# Scrolling rows in is capped: each page the view takes in costs it a relayout of every row it holds (see
# the report), so all 100,000 would take over an hour.
SCROLLED = 10_000


def _label(count: int) -> str:
    return f"{count // 1000}k"


def browse(library: StyleLibrary, count: int) -> list[Result]:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication

    from horde_style_studio.ui.browse.page import BrowsePage
    from horde_style_studio.ui.browse.presenter import BrowsePresenter

    app = QApplication.instance() or QApplication([])
    page = BrowsePage(BrowsePresenter(library), None)
    page.resize(1280, 800)
    page.show()
    page.refresh()
    app.processEvents()
    viewport = page.styles_view.list.viewport()

    def shown(text: str) -> None:
        page.presenter.set_text(text)
        page.presenter.run()  # what the debounce timer does after the last keystroke of a burst
        viewport.repaint()

    baseline = median([timed_ms(viewport.repaint) for _ in range(20)])
    typed = [word[:n] for word in TYPED for n in range(1, len(word) + 1)]
    for text in typed:  # untimed: warms SQLite's page cache and Qt's glyph caches, as any use does
        shown(text)
    typing = [timed_ms(partial(shown, text)) for text in typed]
    shown("")

    def next_page() -> None:
        page.model.fetchMore(QModelIndex())
        viewport.repaint()

    note(f"  scrolling the first {min(count, SCROLLED):,} styles in")
    pages: list[float] = []
    while page.model.canFetchMore(QModelIndex()) and page.model.rowCount() < SCROLLED:
        pages.append(timed_ms(next_page))
    rows = page.model.rowCount()
    page.close()
    # The page at any depth, as the library reads it for the view (keyset paging): here the last one.
    query = page.presenter.query
    deepest = library.search(replace(query, limit=1, offset=library.count(query) - 61))[0].id
    deep = [timed_ms(partial(library.search, replace(query, after=deepest))) for _ in range(20)]
    label = _label(count)
    return [
        Result.of(f"scale_{label}_keystroke_to_view_median", median(typing), "ms", MEDIAN_MS, baseline),
        Result.of(f"scale_{label}_keystroke_to_view_p95", p95(typing), "ms", P95_MS, baseline),
        Result.of(f"scale_{label}_deepest_page_read_median", median(deep), "ms", SCROLL_PAGE_MS, baseline),
        Result.of(f"scale_{label}_scroll_page_worst", max(pages), "ms", SCROLL_PAGE_MS, baseline),
        Result.of(f"scale_{label}_scroll_page_p95", p95(pages), "ms", SCROLL_PAGE_MS, baseline),
        # Linear growth would be about 16 ms a page however many rows are in already.
        Result.of(
            f"scale_{label}_scroll_first_{rows // 1000}k_rows_in",
            sum(pages),
            "ms",
            SCROLL_PAGE_MS * len(pages),
            baseline,
        ),
    ]


def facets(library: StyleLibrary, count: int) -> list[Result]:
    baseline = median(sample(library, [StyleQuery()] * 20))
    counted = sample(library, keystrokes(), library.facet_counts)
    label = _label(count)
    return [
        Result.of(f"scale_{label}_facets_median", median(counted), "ms", FACETS_P95_MS, baseline),
        Result.of(f"scale_{label}_facets_p95", p95(counted), "ms", FACETS_P95_MS, baseline),
    ]


def memory(library_path: Path, folder: Path, count: int) -> list[Result]:
    from tests.benchmarks.bench_memory import _child

    baseline = _child("bare")["bare"]
    figures = _child("browse", str(library_path), str(folder / f"thumbnails-{count}"))
    name = f"scale_{_label(count)}_browse_300_thumbnails_rss"
    return [Result.of(name, figures["thumbnails"], "MB", MEMORY_MB, baseline)]


async def sync(folder: Path, count: int) -> list[Result]:
    from horde_style_studio.api import HordeClientSession
    from horde_style_studio.api.retry import NO_RETRY
    from horde_style_studio.workflows.sync.library_sync import LibrarySync

    baseline_stall = await idle_stall()
    with served_synthetic(count) as base_url:
        library = StyleLibrary.open(folder / f"synced-{count}.sqlite")
        heartbeat = Heartbeat()
        beating = asyncio.ensure_future(heartbeat.beat())
        counter = CountingTransport()
        async with HordeClientSession(base_url, transport=counter, retry=NO_RETRY) as session:
            started = time.perf_counter()
            report = await LibrarySync(session, library, min_interval=0).run()
            note(f"  synced {count:,} styles in {time.perf_counter() - started:.0f} s")
        heartbeat.stop()
        await beating
        mirrored = library.count(StyleQuery(show_nsfw=True, limit=None))
        library.close()
    label = _label(count)
    allowed = math.ceil(count / 25) + 5
    return [
        Result.of(f"scale_{label}_sync_stall_max", heartbeat.worst, "ms", STALL_MS, baseline_stall),
        Result.of(f"scale_{label}_sync_requests", counter.count, "requests", allowed, math.ceil(count / 25)),
        # Every style mirrored: the figure is how many are missing (limit 0), the baseline how many there are.
        Result.of(f"scale_{label}_sync_styles_missing", count - mirrored, "styles", 0, count),
        Result.of(f"scale_{label}_sync_complete", 0 if report.complete else 1, "incomplete lists", 0, 1),
    ]


def main() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="hss-bench-scale-") as tmp:
        folder = Path(tmp)
        for what in PARTS:
            for count in SIZES:
                note(f"scale: {what} at {count:,} styles")
                path = folder / f"library-{count}.sqlite"
                if what == "sync":
                    found = asyncio.run(sync(folder, count))
                elif what == "memory":
                    library_copy(path, count).close()
                    found = memory(path, folder, count)
                else:
                    library = library_copy(path, count)
                    found = browse(library, count) if what == "browse" else facets(library, count)
                    library.close()
                results += [r.emit() for r in found]
    return results
