"""Bulk edits through the patient queue, against a sandbox with 5.1.5's real limits (REFERENCE §1)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyleWrite, TextStyleWrite
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.bulk_queue import BulkItem, BulkJobState, BulkQueue, BulkTarget, ItemState
from horde_style_studio.library.history import History, SnapshotReason
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app
from horde_style_studio.workflows.bulk import BulkAction, BulkOperation, BulkRunner, enqueue, enqueue_undo

BASE = "http://sandbox.test/api"
STYLES = 30


class Clock:
    """One time for the sandbox's limiter and the runner; it moves only when the runner sleeps."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0
        self.slept = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept += seconds
        self.now += seconds
        await asyncio.sleep(0)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sandbox(clock: Clock) -> SandboxApp:
    app = create_app("v5_1_5", rate_limits=True)
    assert app.rate_limiter is not None
    app.rate_limiter.clock = clock
    app.rate_limiter.wall = clock
    return app


@pytest.fixture
async def session(sandbox: SandboxApp, clock: Clock) -> AsyncIterator[HordeClientSession]:
    transport = httpx.ASGITransport(app=sandbox)
    # The session reads the sandbox's reset times (X-RateLimit-Reset) against the same fake clock.
    async with HordeClientSession(
        BASE, api_key=CUSTOMIZER_KEY, transport=transport, retry=NO_RETRY, clock=clock, sleep=clock.sleep
    ) as session:
        yield session


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def library(library_path: Path, clock: Clock) -> Iterator[StyleLibrary]:
    lib = StyleLibrary.open(library_path, clock=clock)
    yield lib
    lib.close()


async def _own_styles(sandbox: SandboxApp, session: HordeClientSession) -> list[BulkTarget]:
    # Made with the limiter off: the setup is not what is under test.
    limiter, sandbox.rate_limiter = sandbox.rate_limiter, None
    targets = []
    for index in range(STYLES):
        payload = ImageStyleWrite(
            name=f"Bulk test {index:02d}",
            info="A style made for the bulk-edit tests",
            prompt="{p}, watercolor###{np}",
            tags=["watercolor"],
            models=["AlbedoBase XL (SDXL)"],
        )
        result = await session.create_style(StyleKind.IMAGE, payload)
        assert result.id
        targets.append(BulkTarget(result.id, StyleKind.IMAGE, payload.name))
    sandbox.rate_limiter = limiter
    return targets


async def _spend_read_budget(session: HordeClientSession, targets: list[BulkTarget], clock: Clock) -> None:
    """Someone (the editor, an export) already read these styles 20 times this hour."""
    for target in targets:
        for _ in range(20):
            await session.get_style(StyleKind.IMAGE, target.style_id)
            clock.now += 0.5


async def _tags(
    session: HordeClientSession, sandbox: SandboxApp, targets: list[BulkTarget]
) -> list[list[str]]:
    limiter, sandbox.rate_limiter = sandbox.rate_limiter, None
    try:
        return [sorted((await session.get_style(StyleKind.IMAGE, t.style_id)).tags) for t in targets]
    finally:
        sandbox.rate_limiter = limiter


def _runner(session: HordeClientSession, library: StyleLibrary, clock: Clock) -> BulkRunner:
    return BulkRunner(
        session, BulkQueue(library), History(library), library=library, clock=clock, sleep=clock.sleep
    )


RETAG = BulkOperation(action=BulkAction.ADD_TAGS, tags=("bulk-retag",))


async def test_a_retag_of_30_styles_waits_out_the_hourly_limit_and_fails_nothing(
    sandbox: SandboxApp, session: HordeClientSession, library: StyleLibrary, clock: Clock
) -> None:
    targets = await _own_styles(sandbox, session)
    await _spend_read_budget(session, targets[:3], clock)
    queue = BulkQueue(library)
    job_id = enqueue(queue, RETAG, targets)

    job = await _runner(session, library, clock).run(job_id)

    assert job.state is BulkJobState.DONE
    assert job.counts == {ItemState.DONE: STYLES}
    assert await _tags(session, sandbox, targets) == [["bulk-retag", "watercolor"]] * STYLES
    # The three exhausted ids had to wait for the next hour; nothing was sent into a 429 twice.
    assert clock.slept >= 3000
    assert [item.attempts for item in queue.items(job_id)[:3]] == [2, 2, 2]


async def test_quitting_half_way_and_starting_again_resumes_without_repeating(
    sandbox: SandboxApp, session: HordeClientSession, library_path: Path, clock: Clock
) -> None:
    targets = await _own_styles(sandbox, session)
    first = StyleLibrary.open(library_path, clock=clock)
    job_id = enqueue(BulkQueue(first), RETAG, targets)
    runner = _runner(session, first, clock)
    settled: list[int] = []
    half_way = asyncio.Event()

    def progress(item: BulkItem) -> None:
        settled.append(item.position)
        if len(settled) == 15:
            half_way.set()

    run = asyncio.ensure_future(runner.run(job_id, progress=progress))
    await half_way.wait()
    run.cancel()  # the app quits: its tasks are cancelled
    with pytest.raises(asyncio.CancelledError):
        await run
    assert BulkQueue(first).job(job_id).state is BulkJobState.QUEUED  # type: ignore[union-attr]
    first.close()

    again = StyleLibrary.open(library_path, clock=clock)
    try:
        (waiting,) = BulkQueue(again).jobs(unfinished_only=True)
        assert waiting.settled == 15
        job = await _runner(session, again, clock).run(waiting.id)
        assert job.counts == {ItemState.DONE: STYLES}
        patches = [s for s in History(again).snapshots() if s.reason is SnapshotReason.PATCH]
        assert sorted(s.style_id for s in patches) == sorted(t.style_id for t in targets)
    finally:
        again.close()
    assert await _tags(session, sandbox, targets) == [["bulk-retag", "watercolor"]] * STYLES


async def test_restoring_from_history_undoes_a_bulk_edit(
    sandbox: SandboxApp, session: HordeClientSession, library: StyleLibrary, clock: Clock
) -> None:
    targets = await _own_styles(sandbox, session)
    queue = BulkQueue(library)
    swap = BulkOperation(
        action=BulkAction.REPLACE_MODEL, old_model="AlbedoBase XL (SDXL)", new_model="SDXL 1.0"
    )
    job_id = enqueue(queue, RETAG, targets[:10])
    await _runner(session, library, clock).run(job_id)
    swap_id = enqueue(queue, swap, targets[10:12])
    await _runner(session, library, clock).run(swap_id)

    undo_id = enqueue_undo(queue, job_id)
    assert undo_id is not None
    undo = await _runner(session, library, clock).run(undo_id)

    assert undo.counts == {ItemState.DONE: 10}
    assert await _tags(session, sandbox, targets) == [["watercolor"]] * STYLES
    still_swapped = await session.get_style(StyleKind.IMAGE, targets[10].style_id)
    assert still_swapped.models == ["SDXL 1.0"]


async def test_pause_stops_after_the_item_in_flight_and_cancel_ends_the_job(
    sandbox: SandboxApp, session: HordeClientSession, library: StyleLibrary, clock: Clock
) -> None:
    targets = await _own_styles(sandbox, session)
    queue = BulkQueue(library)
    job_id = enqueue(queue, RETAG, targets[:6])
    runner = _runner(session, library, clock)

    paused = await runner.run(
        job_id, progress=lambda item: runner.pause(job_id) if item.position == 1 else None
    )
    assert (paused.state, paused.settled) == (BulkJobState.PAUSED, 2)
    runner.cancel(job_id)

    job = queue.job(job_id)
    assert job is not None
    assert job.counts == {ItemState.DONE: 2, ItemState.CANCELLED: 4}
    assert await _tags(session, sandbox, targets[2:6]) == [["watercolor"]] * 4


async def test_an_edit_the_server_would_refuse_fails_that_item_only(
    sandbox: SandboxApp, session: HordeClientSession, library: StyleLibrary, clock: Clock
) -> None:
    targets = await _own_styles(sandbox, session)
    queue = BulkQueue(library)
    too_long = BulkOperation(action=BulkAction.ADD_TAGS, tags=("x" * 30,))
    job_id = enqueue(queue, too_long, targets[:2])

    job = await _runner(session, library, clock).run(job_id)

    assert job.counts == {ItemState.FAILED: 2}
    assert "Tag 2" in queue.items(job_id)[0].message
    assert History(library).snapshots() == []


async def test_a_text_style_that_5_1_5_cannot_patch_fails_at_once_without_retries(
    sandbox: SandboxApp, session: HordeClientSession, library: StyleLibrary, clock: Clock
) -> None:
    limiter, sandbox.rate_limiter = sandbox.rate_limiter, None
    payload = TextStyleWrite(
        name="Bulk text test", info="A text style for the bulk tests", prompt="Be terse. {p}", models=["m/x"]
    )
    result = await session.create_style(StyleKind.TEXT, payload)
    sandbox.rate_limiter = limiter
    assert result.id
    queue = BulkQueue(library)
    job_id = enqueue(queue, RETAG, [BulkTarget(result.id, StyleKind.TEXT, payload.name)])

    job = await _runner(session, library, clock).run(job_id)

    (item,) = queue.items(job_id)
    assert (job.counts, item.attempts) == ({ItemState.FAILED: 1}, 1)
    assert "cannot edit text styles" in item.message
