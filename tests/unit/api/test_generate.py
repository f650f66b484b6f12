"""Generation jobs through the client against the sandbox's simulated workers, on a clock the test moves."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.generate import PollPolicy
from horde_style_studio.domain.jobs import (
    JobProgress,
    JobRequest,
    JobState,
    RequestStatusCheck,
    RequestStatusKobold,
    RequestStatusStable,
)
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app
from horde_style_studio.sandbox.workers import WorkerSettings
from tests.unit.sandbox_jobs import BASE, FakeTime, sandbox_session


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime(1000.0)


@pytest.fixture(params=["modern", "v5_1_5"])
def app(request: pytest.FixtureRequest, clock: FakeTime) -> SandboxApp:
    return create_app(request.param, workers=WorkerSettings(clock=clock, queue_seconds=30, run_seconds=10))


@pytest.fixture
async def session(app: SandboxApp) -> AsyncIterator[HordeClientSession]:
    async with sandbox_session(app) as s:
        yield s


def _style_id(app: SandboxApp, kind: str = "image") -> str:
    return next(s.id for s in app.state_store.styles.values() if s.kind == kind and s.models)


async def test_a_job_reports_a_falling_queue_then_two_images_with_seeds(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime
) -> None:
    job = await session.submit(JobRequest(prompt="a lighthouse", style=_style_id(app), n=2, seed="7"))
    seen: list[JobProgress] = []
    status = await session.wait(job, on_progress=seen.append, sleep=clock.sleep)

    assert isinstance(status, RequestStatusStable)
    assert job.state is JobState.DONE
    waiting = [p for p in seen if p.state is JobState.WAITING]
    assert waiting
    assert waiting[0].queue_position > waiting[-1].queue_position >= 1
    assert [p.wait_time for p in seen] == sorted((p.wait_time for p in seen), reverse=True)
    assert len(status.generations) == 2
    for generation in status.generations:
        assert generation.is_link
        assert generation.model
        assert generation.worker_name
    seeds = {g.seed for g in status.generations}
    if app.behaviour == "modern":
        assert seeds == {"7", "8"}
    else:
        # 5.1.5 discards every request param but n when a style is applied, the seed too (REFERENCE §5).
        assert "7" not in seeds


async def test_polling_follows_wait_time_and_never_beats_the_check_limit(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime
) -> None:
    job = await session.submit(JobRequest(prompt="a lighthouse", style=_style_id(app)))
    started = clock.now
    await session.wait(job, sleep=clock.sleep)
    waited_minutes = (clock.now - started) / 60

    checks = app.faults.count("GET", r"/generate/check/")
    assert min(clock.sleeps) >= PollPolicy().floor
    assert checks / waited_minutes < 20  # one a second would be 60 a minute
    assert app.faults.count("GET", r"/generate/status/") == 1  # the 10-a-minute route, asked once


async def test_a_rate_limited_check_waits_at_least_a_second_even_for_retry_after_zero(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime
) -> None:
    app.faults.add("rate_limit", method="GET", path=r"/generate/check/", times=2, retry_after=0)
    job = await session.submit(JobRequest(prompt="a lighthouse", style=_style_id(app)))
    await session.wait(job, sleep=clock.sleep)
    assert job.state is JobState.DONE
    assert clock.sleeps[:2] == [1.0, 1.0]


async def test_leaving_the_session_cancels_an_unfinished_job_on_the_server(app: SandboxApp) -> None:
    transport = httpx.ASGITransport(app)
    session = HordeClientSession(BASE, api_key=CUSTOMIZER_KEY, transport=transport)

    async def closed_by_an_error() -> None:
        async with session:
            await session.submit(JobRequest(prompt="a lighthouse", style=_style_id(app)))
            raise RuntimeError("the window closed")

    with pytest.raises(RuntimeError):
        await closed_by_an_error()
    job_id = next(iter(app.desk.jobs))
    deletes = [r.path for r in app.request_log if r.method == "DELETE"]
    assert deletes == [f"/api/v2/generate/status/{job_id}"]


async def test_a_finished_job_is_not_cancelled_on_exit(app: SandboxApp, clock: FakeTime) -> None:
    transport = httpx.ASGITransport(app)
    async with HordeClientSession(BASE, api_key=CUSTOMIZER_KEY, transport=transport) as s:
        job = await s.submit(JobRequest(prompt="a lighthouse", style=_style_id(app)))
        await s.wait(job, sleep=clock.sleep)
    assert app.faults.count("DELETE") == 0


async def test_cancel_mid_run_returns_no_results_and_costs_nothing(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime
) -> None:
    before = app.state_store.users[1].kudos
    job = await session.submit(JobRequest(prompt="a lighthouse", style=_style_id(app), n=2))
    clock.now += 35  # running now
    assert (await session.check(job)).processing == 2
    status = await session.cancel(job)
    assert job.state is JobState.CANCELLED
    assert status.generations == []
    assert app.state_store.users[1].kudos >= before  # 5.1.5 still pays the owner's +2 (REFERENCE §5)
    assert session.unfinished_jobs == []


async def test_a_model_no_worker_serves_ends_as_impossible_and_is_taken_off_the_queue(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime
) -> None:
    job = await session.submit(JobRequest(prompt="a lighthouse", models=["NoSuchModel"]))
    status = await session.wait(job, sleep=clock.sleep)
    assert job.state is JobState.IMPOSSIBLE
    assert status.is_possible is False
    assert app.faults.count("DELETE") == 1


async def test_a_faulted_job_ends_faulted(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime
) -> None:
    app.desk.fault_next = 1
    job = await session.submit(JobRequest(prompt="a lighthouse"))
    status = await session.wait(job, sleep=clock.sleep)
    assert job.state is JobState.FAULTED
    assert status.faulted


async def test_inline_results_are_base64_images(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime
) -> None:
    job = await session.submit(JobRequest(prompt="a lighthouse", r2=False, seed="3"))
    status = await session.wait(job, sleep=clock.sleep)
    assert isinstance(status, RequestStatusStable)
    data = status.generations[0].inline_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"


async def test_a_text_job_polls_text_status_and_returns_text_from_the_merged_prompt(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime
) -> None:
    style = app.state_store.styles[_style_id(app, "text")]
    job = await session.submit(JobRequest(kind=StyleKind.TEXT, prompt="the keeper's log", style=style.id))
    status = await session.wait(job, sleep=clock.sleep)
    assert isinstance(status, RequestStatusKobold)
    assert "the keeper's log" in status.generations[0].text
    assert app.faults.count("GET", r"/generate/check/") == 0


async def test_an_estimate_queues_nothing(session: HordeClientSession, app: SandboxApp) -> None:
    kudos = await session.estimate(JobRequest(prompt="a lighthouse", n=2))
    assert kudos > 0
    assert app.desk.jobs == {}


def test_check_models_tolerate_nulls_and_unknown_keys() -> None:
    check = RequestStatusCheck.model_validate({"done": None, "wait_time": 4, "new_field": 1})
    assert check.wait_time == 4
    assert check.is_possible
    assert not check.done
