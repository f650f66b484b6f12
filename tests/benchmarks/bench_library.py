"""Library benchmarks (no GUI): search as you type and tag filters over 10,000 styles, and what a sync costs
in HTTP requests and event-loop stalls.

Targets from issue 4: search and filter under 16 ms at the median and 50 ms at p95; no event-loop stall over
50 ms while syncing 10,000 styles; requests no more than the pages plus a handful.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import AnyStyle, style_read_model
from horde_style_studio.library import StyleLibrary, StyleQuery
from horde_style_studio.sandbox import CUSTOMIZER_KEY, create_app
from horde_style_studio.workflows.sync.library_sync import LibrarySync
from tests.benchmarks.results import Result, median, note, p95
from tests.benchmarks.synthetic import served_styles

STYLE_COUNT = 10_000
MEDIAN_MS, P95_MS, STALL_MS = 16.0, 50.0, 50.0
HANDFUL = 8  # flavour probe, 5.1.5's page-2 probe per list, find_user, the user's private styles by id
# Not issue 4's targets (those are for what the window waits for): the filters' counts should catch up
# within a tenth of a second, and within a quarter for the broadest one-letter searches.
FACETS_MEDIAN_MS = 100.0
FACETS_P95_MS = 250.0
TYPED = ("watercolour", "neon city", "golden hour portrait", "cyberpunk", "artist_042", "model dreamshaper")
ROUNDS = 3


def build_library(path: Path, count: int = STYLE_COUNT) -> StyleLibrary:
    """``count`` synthetic styles saved the way a sync saves them (same writes, triggers and indexes)."""
    library = StyleLibrary.open(path)
    # Setup, not what is measured: a page cache that holds the indexes keeps 100,000 inserts from
    # thrashing (2.5 minutes with the default 2 MB, a handful of seconds with this).
    library._db.query("PRAGMA cache_size = -262144")  # setup speed only, reset at reopen
    seen = datetime.now(UTC)
    batch: dict[StyleKind, list[AnyStyle]] = {StyleKind.IMAGE: [], StyleKind.TEXT: []}
    for row in served_styles(count):
        kind = StyleKind(row.pop("kind"))
        batch[kind].append(style_read_model(kind).model_validate(row))
    for kind, styles in batch.items():
        for start in range(0, len(styles), 5000):
            library.upsert_styles(kind, styles[start : start + 5000], seen)
    # Ranked as a full walk ranks them (the order served), so that the age orders read as after a sync
    # rather than as one huge tie among styles first seen since the last walk.
    with library._db.write("ranking the synthetic styles") as conn:  # setup only
        conn.execute("UPDATE styles SET age_key = sid")
    return library


# Built libraries are kept here between runs: 100,000 styles take minutes to save the way a sync does.
CACHE = Path(os.environ.get("HSS_BENCH_CACHE") or Path(tempfile.gettempdir()) / "hss-benchmarks")


def _fingerprint(count: int) -> str:
    """Changes with anything that shapes the built file: the data, the schema, the writes, the builder."""
    from horde_style_studio.library import drafts, mirror, own_collections, schema
    from tests.benchmarks import synthetic

    digest = hashlib.sha256(str(count).encode())
    for source in (synthetic, schema, mirror, drafts, own_collections, build_library):
        digest.update(inspect.getsource(source).encode())
    return digest.hexdigest()[:16]


def library_copy(path: Path, count: int = STYLE_COUNT) -> StyleLibrary:
    """A library of ``count`` synthetic styles at ``path``, as :func:`build_library` makes it; built once
    and then copied from :data:`CACHE`."""
    cached = CACHE / f"library-{count}-{_fingerprint(count)}.sqlite"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        building = cached.with_name(f"{cached.name}.{os.getpid()}.partial")
        note(f"building a library of {count:,} synthetic styles (once; kept in {CACHE})")
        build_library(building, count).close()  # the last connection's close folds the WAL into the file
        os.replace(building, cached)
    shutil.copyfile(cached, path)
    return StyleLibrary.open(path)


def timed_ms(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return 1000 * (time.perf_counter() - started)


def sample(
    library: StyleLibrary, queries: list[StyleQuery], call: Callable[[StyleQuery], Any] | None = None
) -> list[float]:
    """Milliseconds per query, ``ROUNDS`` times over, after one warm-up pass."""
    action = call or library.search
    for query in queries:
        action(query)
    return [timed_ms(partial(action, q)) for _ in range(ROUNDS) for q in queries]


def keystrokes() -> list[StyleQuery]:
    """Every prefix of every typed phrase, one query per keystroke, as the search box sends them."""
    return [StyleQuery(text=phrase[:n]) for phrase in TYPED for n in range(1, len(phrase) + 1)]


def search_results(library: StyleLibrary) -> list[Result]:
    baseline = median(sample(library, [StyleQuery()] * 20))
    typing = sample(library, keystrokes())
    tags = [facet.value for facet in library.facet_counts(StyleQuery()).tags]
    filtering = sample(library, [StyleQuery(tag=tag) for tag in tags])
    # The tag and model lists with counts follow the results as you type, counted on the library's reader
    # thread (the window never waits for them): timed apart, against how soon the filters should catch up.
    facets = sample(library, keystrokes(), library.facet_counts)
    return [
        Result.of("library_search_keystroke_median", median(typing), "ms", MEDIAN_MS, baseline),
        Result.of("library_search_keystroke_p95", p95(typing), "ms", P95_MS, baseline),
        Result.of("library_tag_filter_median", median(filtering), "ms", MEDIAN_MS, baseline),
        Result.of("library_tag_filter_p95", p95(filtering), "ms", P95_MS, baseline),
        Result.of("library_facets_off_ui_thread_median", median(facets), "ms", FACETS_MEDIAN_MS, baseline),
        Result.of("library_facets_off_ui_thread_p95", p95(facets), "ms", FACETS_P95_MS, baseline),
    ]


def pages_for(counts: list[int]) -> int:
    return sum(max(1, math.ceil(count / 25)) for count in counts)


async def seeded_sync_requests(behaviour: str) -> Result:
    """Requests a signed-in full sync of the seeded sandbox sends, against the pages its lists fill."""
    app = create_app(behaviour)  # type: ignore[arg-type]  # one of the two Behaviour strings
    store = app.state_store
    public = [s for s in store.styles.values() if s.public]
    pages = pages_for([sum(s.kind == k for s in public) for k in ("image", "text")])
    pages += pages_for([sum(c.public for c in store.collections.values())])
    transport = httpx.ASGITransport(app=app)
    async with HordeClientSession(
        "http://sandbox.test/api", api_key=CUSTOMIZER_KEY, transport=transport
    ) as s:
        await LibrarySync(s, StyleLibrary.in_memory(), min_interval=0).run()
    return Result.of(
        f"sync_requests_seeded_{behaviour}", len(app.request_log), "requests", pages + HANDFUL, pages
    )


class CountingTransport(httpx.AsyncBaseTransport):
    """Counts the requests a client sends (the served sandbox runs in another process)."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.count = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


@contextmanager
def served_synthetic(count: int) -> Iterator[str]:
    """A sandbox with ``count`` synthetic styles in a child process; yields its base URL."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.serve_synthetic", str(count)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip()
    finally:
        child.terminate()
        child.wait(10)


class Heartbeat:
    """A 5 ms timer on the event loop; ``worst`` is the longest it was late, in ms."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.lateness: list[float] = []
        self._stop = asyncio.Event()

    async def beat(self) -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while not self._stop.is_set():
            await asyncio.sleep(self.interval)
            now = loop.time()
            self.lateness.append(1000 * max(0.0, now - last - self.interval))
            last = now

    def stop(self) -> None:
        self._stop.set()

    @property
    def worst(self) -> float:
        return max(self.lateness, default=0.0)


async def idle_stall(seconds: float = 1.0) -> float:
    heartbeat = Heartbeat()
    task = asyncio.ensure_future(heartbeat.beat())
    await asyncio.sleep(seconds)
    heartbeat.stop()
    await task
    return heartbeat.worst


async def big_sync(folder: Path) -> list[Result]:
    """Sync 10,000 styles from a sandbox served over loopback while a 5 ms heartbeat runs."""
    baseline_stall = await idle_stall()
    with served_synthetic(STYLE_COUNT) as base_url:
        library = StyleLibrary.open(folder / "synced.sqlite")
        heartbeat = Heartbeat()
        beating = asyncio.ensure_future(heartbeat.beat())
        counter = CountingTransport()
        async with HordeClientSession(base_url, transport=counter, retry=NO_RETRY) as session:
            started = time.perf_counter()
            report = await LibrarySync(session, library, min_interval=0).run()
            seen = [report.lists[kind].seen for kind in ("image", "text")]
            note(f"synced {sum(seen)} styles in {time.perf_counter() - started:.1f} s")
        heartbeat.stop()
        await beating
        library.close()
    pages = pages_for([*seen, 0])
    return [
        Result.of("sync_10k_event_loop_stall_max", heartbeat.worst, "ms", STALL_MS, baseline_stall),
        Result.of("sync_10k_requests", counter.count, "requests", pages + HANDFUL, pages),
    ]


def main() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="hss-bench-") as tmp:
        folder = Path(tmp)
        note(f"building a library of {STYLE_COUNT} styles")
        library = build_library(folder / "library.sqlite")
        results += [r.emit() for r in search_results(library)]
        library.close()
        for behaviour in ("modern", "v5_1_5"):
            results.append(asyncio.run(seeded_sync_requests(behaviour)).emit())
        note("syncing 10,000 styles from a loopback sandbox")
        results += [r.emit() for r in asyncio.run(big_sync(folder))]
    return results
