"""Syncing the library from the sandbox Horde, in both server behaviours (modern and 5.1.5)."""

from __future__ import annotations

import asyncio
import gc
import sqlite3
import threading
from typing import Any
from urllib.parse import parse_qs

import pytest

from horde_style_studio.api.core import ClientCore
from horde_style_studio.api.errors import ServerError
from horde_style_studio.api.retry import RetryPolicy
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import LibraryError, SortOrder, StyleLibrary, StyleQuery, SyncBusyError
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.sandbox.ratelimit import RateLimiter
from horde_style_studio.sandbox.users import CURATOR
from horde_style_studio.workflows.sync.library_sync import LibrarySync, SyncReport
from tests.unit.library.conftest import FakeClock, SessionFactory

EVERYTHING = StyleQuery(show_nsfw=True, limit=None)


def served_ids(app: SandboxApp, kind: str) -> set[str]:
    return {s.id for s in app.state_store.styles.values() if s.kind == kind and s.public}


def private_of_curator(app: SandboxApp) -> set[str]:
    return {s.id for s in app.state_store.styles.values() if s.user_id == CURATOR.id and not s.public}


def list_requests(app: SandboxApp, kind: str) -> list[dict[str, list[str]]]:
    return [parse_qs(r.query) for r in app.request_log if r.path == f"/api/v2/styles/{kind}"]


def library_ids(library: StyleLibrary, **query: object) -> set[str]:
    return {row.id for row in library.search(StyleQuery(show_nsfw=True, limit=None, **query))}  # type: ignore[arg-type]


async def full_sync(library: StyleLibrary, session_for: SessionFactory, **kw: object) -> SyncReport:
    return await LibrarySync(session_for(), library, min_interval=0).run(**kw)  # type: ignore[arg-type]


async def test_a_full_sync_imports_every_style_once(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    progress: list[tuple[str, int, int]] = []
    report = await LibrarySync(session_for(), library, min_interval=0).run(
        progress=lambda *args: progress.append(args)
    )
    images, texts = served_ids(sandbox, "image"), served_ids(sandbox, "text")
    assert len(images) >= 150
    assert len(texts) >= 25
    mine = private_of_curator(sandbox)
    assert library_ids(library, kind=StyleKind.IMAGE) == images | {
        i for i in mine if i in _kind_ids(sandbox, "image")
    }
    assert library_ids(library, kind=StyleKind.TEXT) == texts | {
        i for i in mine if i in _kind_ids(sandbox, "text")
    }
    assert library.count(EVERYTHING) == len(images) + len(texts) + len(mine)
    public_collections = {c.id for c in sandbox.state_store.collections.values() if c.public}
    assert {c.id for c in library.collections()} == public_collections
    assert len(public_collections) >= 9
    assert report.complete
    assert report.lists["image"].seen == len(images)
    image_counts = [seen for name, seen, _ in progress if name == "image"]
    assert image_counts == sorted(image_counts)
    assert image_counts[-1] == len(images)
    assert library.last_full_sync_at(StyleKind.IMAGE) is not None
    assert library.walk_state("image") is None


async def test_the_event_loop_only_sends_a_walks_requests_and_never_reads_a_page(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Decoding and validating 25 rows is milliseconds of CPU a page: on the window's thread, thousands of
    # pages made the window stutter through a long sync (issue 18).
    readers: list[threading.Thread] = []
    parse_list = ClientCore._parse_list

    def watched(self: ClientCore, *args: Any, **kw: Any) -> Any:
        readers.append(threading.current_thread())
        return parse_list(self, *args, **kw)

    monkeypatch.setattr(ClientCore, "_parse_list", watched)
    report = await full_sync(library, session_for, own_styles=False)
    assert report.complete
    assert library.count(EVERYTHING) == len(served_ids(sandbox, "image") | served_ids(sandbox, "text"))
    assert len(readers) >= report.lists["image"].pages + report.lists["text"].pages
    assert threading.main_thread() not in readers


async def test_a_sync_keeps_the_older_heap_out_of_full_collections_and_hands_it_back(
    library: StyleLibrary, session_for: SessionFactory
) -> None:
    # A full collection over the whole heap in the middle of a long walk stalled the loop 40-90 ms
    # (issue 18); after the sync, cycles among the older objects must still be collectable.
    # An earlier test's in-process sandbox may have frozen the heap after seeding (sandbox/server.py), and a
    # sync leaves a heap frozen by someone else alone: start from none, as the app without a sandbox does.
    gc.unfreeze()
    frozen_during: list[int] = []
    await LibrarySync(session_for(), library, min_interval=0).run(
        progress=lambda *_: frozen_during.append(gc.get_freeze_count())
    )
    assert frozen_during
    assert min(frozen_during) > 0
    assert gc.get_freeze_count() == 0


async def test_oldest_and_newest_follow_the_servers_creation_order(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    await full_sync(library, session_for, own_styles=False)
    by_age = sorted((s for s in sandbox.state_store.styles.values() if s.public and s.kind == "image"),
                    key=lambda s: s.created)  # fmt: skip
    oldest = library.search(
        StyleQuery(kind=StyleKind.IMAGE, sort=SortOrder.OLDEST, show_nsfw=True, limit=None)
    )
    assert [row.id for row in oldest] == [s.id for s in by_age]
    newest = library.search(StyleQuery(kind=StyleKind.IMAGE, sort=SortOrder.NEWEST, show_nsfw=True, limit=3))
    assert [row.id for row in newest] == [s.id for s in by_age[::-1][:3]]


async def test_overlapping_pages_are_fetched_once_each_and_requests_stay_near_the_page_count(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    await full_sync(library, session_for)
    for kind in ("image", "text"):
        pages = [q["page"][0] for q in list_requests(sandbox, kind)]
        assert len(pages) == len(set(pages))
        assert len(pages) <= -(-len(served_ids(sandbox, kind)) // 25) + 1  # the page-2 probe at most
        assert {q["sort"][0] for q in list_requests(sandbox, kind)} == {"age"}


def _kind_ids(app: SandboxApp, kind: str) -> set[str]:
    return {s.id for s in app.state_store.styles.values() if s.kind == kind}


async def test_my_styles_include_private_ones_and_need_a_key(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    report = await full_sync(library, session_for)
    own = {s.id for s in sandbox.state_store.styles_of(CURATOR.id)}
    assert report.own_styles == len(own)
    assert library_ids(library, mine_only=True) == own
    assert library.account() == CURATOR.username
    await LibrarySync(session_for(), library, min_interval=0).run([StyleKind.TEXT], collections=False)
    assert library_ids(library, mine_only=True) == own  # a text-only refresh keeps the image styles mine
    anonymous = StyleLibrary.in_memory()
    report = await LibrarySync(session_for(api_key=None), anonymous, min_interval=0).run()
    assert report.own_styles is None
    assert library_ids(anonymous) & private_of_curator(sandbox) == set()
    anonymous.close()


async def test_a_style_deleted_between_syncs_is_marked_gone_and_keeps_favourite_and_note(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    session = session_for()
    sync = LibrarySync(session, library, min_interval=0)
    await sync.run()
    victim = next(s for s in sandbox.state_store.styles_of(CURATOR.id) if s.public and s.kind == "image")
    library.set_favourite(victim.id)
    library.set_note(victim.id, "keep this idea")
    await session.delete_style(StyleKind.IMAGE, victim.id)
    report = await sync.run()
    assert report.lists["image"].gone == 1
    assert victim.id not in library_ids(library)
    row = library.get_row(victim.id)
    assert row is not None
    assert row.gone
    assert row.favourite
    assert library.note(victim.id) == "keep this idea"
    assert library_ids(library, favourites_only=True, include_gone=True) == {victim.id}
    assert library.count(EVERYTHING) == len(served_ids(sandbox, "image") | served_ids(sandbox, "text")) + len(
        private_of_curator(sandbox)
    )


async def test_cancelling_mid_sync_leaves_a_consistent_library_and_the_next_run_resumes(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    three_pages = asyncio.Event()
    seen_by_page: list[int] = []

    def progress(name: str, seen: int, page: int) -> None:
        if name == "image":
            seen_by_page.append(seen)
            if len(seen_by_page) == 3:
                three_pages.set()

    sync = LibrarySync(session_for(), library, min_interval=0)
    task = asyncio.ensure_future(sync.run(progress=progress))
    await three_pages.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    state = library.walk_state("image")
    assert state is not None
    assert state.pages == 3
    # Exactly the pages reported as saved are in the library: no half page, nothing marked gone.
    stored = library_ids(library)
    assert len(stored) == seen_by_page[-1]
    assert stored <= served_ids(sandbox, "image")
    report = await sync.run()
    assert report.lists["image"].resumed
    assert report.complete
    assert library_ids(library, kind=StyleKind.IMAGE) >= served_ids(sandbox, "image")
    first_pages = [q for q in list_requests(sandbox, "image") if q["page"] == ["1"]]
    assert len(first_pages) == 1
    assert len(list_requests(sandbox, "image")) <= report.lists["image"].pages + 3 + 1


async def test_a_server_error_half_way_changes_nothing_already_stored_and_the_walk_resumes(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    session = session_for()
    sync = LibrarySync(session, library, min_interval=0)
    await sync.run()
    before = library_ids(library)
    victim = next(s for s in sandbox.state_store.styles_of(CURATOR.id) if s.public and s.kind == "image")
    await session.delete_style(StyleKind.IMAGE, victim.id)

    def break_after_first_page(name: str, seen: int, page: int) -> None:
        if name == "image" and page == 1:
            sandbox.faults.add("server_error", method="GET", path=r"/styles/image$", times=None)

    with pytest.raises(ServerError):
        await sync.run(progress=break_after_first_page)
    assert library_ids(library) == before  # nothing marked gone on the strength of half a walk
    assert library.walk_state("image") is not None
    sandbox.faults.faults.clear()
    report = await sync.run()
    assert report.lists["image"].resumed
    assert report.lists["image"].gone == 1
    assert library_ids(library) == before - {victim.id}


async def test_a_page_whose_save_was_undone_is_counted_once_when_the_walk_carries_on(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    assert library.path is not None
    saboteur = sqlite3.connect(library.path, isolation_level=None)
    # The second page's save fails at its very end (after its rows and what it saw are in), and is undone.
    saboteur.execute(
        "CREATE TRIGGER refuse_second_page BEFORE INSERT ON walks WHEN new.list = 'image' AND new.pages = 2 "
        "BEGIN SELECT RAISE(ABORT, 'the disk refused'); END"
    )
    sync = LibrarySync(session_for(), library, min_interval=0)
    with pytest.raises(LibraryError):
        await sync.run([StyleKind.IMAGE], collections=False, own_styles=False)
    state = library.walk_state("image")
    assert state is not None
    assert state.pages == 1
    saboteur.execute("DROP TRIGGER refuse_second_page")
    saboteur.close()
    counted: list[tuple[int, int]] = []  # (seen as reported, image styles stored), after every page

    def progress(_list: str, seen: int, _page: int) -> None:
        counted.append((seen, len(library_ids(library, kind=StyleKind.IMAGE))))

    report = await sync.run([StyleKind.IMAGE], collections=False, own_styles=False, progress=progress)
    assert report.lists["image"].resumed
    assert report.complete
    # The library was empty before this walk: everything stored is what the walk has seen.
    assert all(seen == stored for seen, stored in counted), counted
    assert report.lists["image"].seen == len(served_ids(sandbox, "image"))


async def test_a_short_retry_after_is_waited_out(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    clock = FakeClock()
    sandbox.faults.add("rate_limit", method="GET", path=r"/styles/image$", times=1, retry_after=3)
    session = session_for(retry=RetryPolicy(attempts=3), sleep=clock.sleep)
    report = await LibrarySync(session, library, min_interval=0).run()
    assert any(3.0 <= wait < 4.0 for wait in clock.sleeps)  # the wait asked for, plus jitter
    assert report.complete


async def test_a_long_rate_limit_defers_only_its_list(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    clock = FakeClock()
    headers = {"Retry-After": "1800"}
    sandbox.faults.add("status", method="GET", path=r"/styles/text$", times=None, status=429, headers=headers,
                       body={"message": "20 per 1 hour"})  # fmt: skip
    session = session_for(retry=RetryPolicy(attempts=3))
    report = await LibrarySync(session, library, min_interval=0, clock=clock, sleep=clock.sleep).run()
    text = report.lists["text"]
    assert not text.complete
    assert text.deferred_until is not None
    assert text.deferred_until.timestamp() == pytest.approx(clock.now + 1800)
    assert report.lists["image"].complete
    assert report.lists["collections"].complete
    assert report.deferred_until == text.deferred_until


async def test_a_light_sync_reads_only_the_first_page_of_each_list(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    report = await LibrarySync(session_for(), library, min_interval=0).run(light=True)
    for kind in ("image", "text"):
        assert list_requests(sandbox, kind) == [{"sort": ["popular"], "page": ["1"]}]
    assert report.lists["image"].pages == 1
    assert report.lists["image"].seen == 25
    assert library.last_sync_at(StyleKind.IMAGE) is not None
    assert library.last_full_sync_at(StyleKind.IMAGE) is None
    assert library.walk_state("image") is None
    assert private_of_curator(sandbox) <= library_ids(library, mine_only=True)


async def test_a_second_sync_while_one_runs_is_refused(
    library: StyleLibrary, session_for: SessionFactory
) -> None:
    sync = LibrarySync(session_for(), library, min_interval=0)
    started = asyncio.Event()
    first = asyncio.ensure_future(sync.run(progress=lambda *_: started.set()))
    await started.wait()
    with pytest.raises(SyncBusyError):
        await sync.run()
    await first


@pytest.mark.parametrize("behaviour", ["v5_1_5"], indirect=True)
async def test_pacing_keeps_a_5_1_5_sync_inside_the_per_second_limits(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    clock = FakeClock()
    sandbox.rate_limiter = _limiter(clock)
    report = await LibrarySync(session_for(), library, clock=clock, sleep=clock.sleep).run()
    assert report.complete
    assert report.deferred_until is None
    assert min(clock.sleeps) > 0.5
    # The same sync without pacing runs into the server's 2-per-second limit: the check above can fail.
    unpaced = await LibrarySync(session_for(), StyleLibrary.in_memory(), min_interval=0, clock=clock).run()
    assert not unpaced.complete
    assert unpaced.lists["mine"].deferred_until is not None


@pytest.mark.parametrize("behaviour", ["v5_1_5"], indirect=True)
async def test_the_5_1_5_text_list_budget_survives_restarts_and_defers_instead_of_hitting_429(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    clock = FakeClock()
    sandbox.rate_limiter = _limiter(clock)
    start = clock.now
    for _ in range(6):  # three requests a walk on 5.1.5 (pages 1, 2, 27): 18 in all
        sync = LibrarySync(
            session_for(), library, clock=clock, sleep=clock.sleep
        )  # a restarted app each time
        report = await sync.run([StyleKind.TEXT], collections=False, own_styles=False)
        assert report.complete
        clock.now += 60
    report = await LibrarySync(session_for(), library, clock=clock, sleep=clock.sleep).run(
        [StyleKind.TEXT], collections=False, own_styles=False
    )
    assert not report.complete
    assert report.deferred_until is not None
    assert report.deferred_until.timestamp() == pytest.approx(start + 3600)
    assert len(list_requests(sandbox, "text")) == 18
    clock.now = start + 3601
    report = await LibrarySync(session_for(), library, clock=clock, sleep=clock.sleep).run(
        [StyleKind.TEXT], collections=False, own_styles=False
    )
    assert report.complete


def _limiter(clock: FakeClock) -> RateLimiter:
    """The sandbox's real limits, on the test's clock."""
    return RateLimiter("v5_1_5", clock=clock, wall=clock)
