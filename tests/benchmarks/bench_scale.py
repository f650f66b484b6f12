"""The same figures at 10,000 and at 100,000 synthetic styles, side by side, so growth shows (issue 18).

- a keystroke in Browse until the view shows the new result set (median < 16 ms, p95 < 50 ms);
- any scroll position: the view knows the whole list's length once counted (taken in once, under 50 ms),
  so each screenful scrolled or jumped to costs the page it shows, read by id and painted (< 16 ms), and
  scrolling rows in grows linearly, as deep in the list as at its top; the library's keyset page at the far
  end (what the view reads before the whole list is known) < 16 ms too;
- facet counts per keystroke on the reader thread (p95 < 100 ms), its words kept from typing and afresh;
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
import random
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
# Rows scrolled in from each end of the list: a screenful at a time, all 100,000 would take minutes.
SCROLLED = 10_000


def _label(count: int) -> str:
    return f"{count // 1000}k"


def browse(library: StyleLibrary, count: int) -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from horde_style_studio.ui.browse.page import BrowsePage
    from horde_style_studio.ui.browse.presenter import BrowsePresenter

    app = QApplication.instance() or QApplication([])
    page = BrowsePage(BrowsePresenter(library), None)
    page.resize(1280, 800)
    page.show()
    page.refresh()
    app.processEvents()
    grid = page.styles_view.list
    viewport = grid.viewport()

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
    total = library.count(page.presenter.query)
    # The whole list's ids arrive after the counts (in the app, from the reader thread): taking them in
    # lays the grid out once for every row, on the window's thread.
    order = library.ordered_ids(page.presenter.query)

    def take_in() -> None:
        page.model.set_order(order)
        grid.doItemsLayout()
        viewport.repaint()

    taken = timed_ms(take_in)
    assert page.model.rowCount() == total
    bar = grid.verticalScrollBar()
    step = max(1, viewport.height())

    def scrolled_to(value: int) -> None:
        bar.setValue(value)
        viewport.repaint()

    rows_per_step = max(1, round(total * step / max(1, bar.maximum() + step)))
    steps = min(bar.maximum() // step + 1, SCROLLED // rows_per_step)
    note(f"  scrolling {steps * rows_per_step:,} of {total:,} styles in, from the top and from the bottom")
    top = [timed_ms(partial(scrolled_to, n * step)) for n in range(steps)]
    bottom = [timed_ms(partial(scrolled_to, bar.maximum() - n * step)) for n in range(steps)]
    rng = random.Random(18)
    jumps = [timed_ms(partial(scrolled_to, rng.randrange(bar.maximum() + 1))) for _ in range(40)]
    page.close()
    page.deleteLater()  # its timers must not fire on a closed library
    app.processEvents()
    # The page at any depth, as the library reads it for the view before the whole list is known (keyset
    # paging): here the last one.
    query = page.presenter.query
    deepest = library.search(replace(query, limit=1, offset=total - 61))[0].id
    deep = [timed_ms(partial(library.search, replace(query, after=deepest))) for _ in range(20)]
    label, k, frames = _label(count), steps * rows_per_step // 1000, SCROLL_PAGE_MS * steps
    return [
        Result.of(f"scale_{label}_keystroke_to_view_median", median(typing), "ms", MEDIAN_MS, baseline),
        Result.of(f"scale_{label}_keystroke_to_view_p95", p95(typing), "ms", P95_MS, baseline),
        Result.of(f"scale_{label}_deepest_page_read_median", median(deep), "ms", SCROLL_PAGE_MS, baseline),
        Result.of(f"scale_{label}_whole_list_taken_in", taken, "ms", STALL_MS, baseline),
        Result.of(f"scale_{label}_scroll_step_p95", p95(top + bottom), "ms", SCROLL_PAGE_MS, baseline),
        Result.of(f"scale_{label}_jump_anywhere_p95", p95(jumps), "ms", SCROLL_PAGE_MS, baseline),
        Result.of(f"scale_{label}_jump_anywhere_worst", max(jumps), "ms", SCROLL_PAGE_MS, baseline),
        # Linear growth: about one frame a screenful, however deep and however long the list.
        Result.of(f"scale_{label}_scroll_first_{k}k_rows_in", sum(top), "ms", frames, baseline),
        Result.of(f"scale_{label}_scroll_last_{k}k_rows_in", sum(bottom), "ms", frames, baseline),
    ]


def facets(library: StyleLibrary, count: int) -> list[Result]:
    from horde_style_studio.library.facet_index import FacetIndex

    baseline = median(sample(library, [StyleQuery()] * 20))
    # Typed again (the phrases' words are kept from the untimed first pass, as while someone types on)...
    counted = sample(library, keystrokes(), library.facet_counts)

    def first_time(query: StyleQuery) -> None:
        for kept in library._db.kept.values():  # benchmark only: every word as if never typed before
            if isinstance(kept, FacetIndex):
                kept.forget_words()
        library.facet_counts(query)

    # ... and every keystroke's words looked up afresh.
    fresh = sample(library, keystrokes(), first_time)
    label = _label(count)
    return [
        Result.of(f"scale_{label}_facets_median", median(counted), "ms", FACETS_P95_MS, baseline),
        Result.of(f"scale_{label}_facets_p95", p95(counted), "ms", FACETS_P95_MS, baseline),
        Result.of(f"scale_{label}_facets_new_words_median", median(fresh), "ms", FACETS_P95_MS, baseline),
        Result.of(f"scale_{label}_facets_new_words_p95", p95(fresh), "ms", FACETS_P95_MS, baseline),
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
        # The app's session (and its TLS context, a few hundred ms to load) exists long before a sync.
        counter = CountingTransport()
        async with HordeClientSession(base_url, transport=counter, retry=NO_RETRY) as session:
            heartbeat = Heartbeat()
            beating = asyncio.ensure_future(heartbeat.beat())
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
