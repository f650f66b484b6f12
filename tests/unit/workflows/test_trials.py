"""The trial use case against the sandbox: estimates that pay nobody, results, drafts, the unstyled twin."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.jobs import JobProgress, JobRequest, JobState
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.domain.trials import Estimate, Trial
from horde_style_studio.sandbox import USER_KEY, SandboxApp, create_app
from horde_style_studio.sandbox.workers import WorkerSettings
from horde_style_studio.services.images import FetchPolicy, ImageFetcher
from horde_style_studio.services.settings import AppSettings
from horde_style_studio.workflows.trials import (
    REFERENCE_SEED,
    TrialError,
    TrialRunner,
    comparison,
    image_extension,
    needs_confirmation,
    reference_requests,
    save_trial,
    spell_out,
    unstyled_twin,
)
from tests.unit.sandbox_jobs import BASE, FakeTime


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@pytest.fixture(params=["modern", "v5_1_5"])
def app(request: pytest.FixtureRequest, clock: FakeTime) -> SandboxApp:
    return create_app(request.param, workers=WorkerSettings(clock=clock, queue_seconds=12, run_seconds=6))


@pytest.fixture
async def runner(app: SandboxApp, clock: FakeTime) -> AsyncIterator[TrialRunner]:
    transport = httpx.ASGITransport(app)
    # A plain user tries the curator's styles: the owner's kudos show who got paid.
    async with HordeClientSession(BASE, api_key=USER_KEY, transport=transport, retry=NO_RETRY) as session:
        fetcher = ImageFetcher(
            FetchPolicy(http_origins=frozenset({"http://sandbox.test"})), transport=transport
        )
        yield TrialRunner(session, fetcher, sleep=clock.sleep)
        await fetcher.aclose()


def _curator_style(app: SandboxApp) -> str:
    return next(s.id for s in app.state_store.styles.values() if s.kind == "image" and s.user_id == 1)


async def test_the_estimate_never_pays_the_owner_and_5_1_5_adds_the_styles_two(
    app: SandboxApp, runner: TrialRunner
) -> None:
    style_id = _curator_style(app)
    owner_before = app.state_store.users[1].kudos
    uses_before = app.state_store.styles[style_id].use_count
    estimate = await runner.estimate(JobRequest(prompt="a lighthouse", style=style_id, seed="7"))
    assert app.state_store.users[1].kudos == owner_before
    assert app.state_store.styles[style_id].use_count == uses_before
    dry_runs = [r.json() for r in app.request_log if r.method == "POST"]
    if app.behaviour == "v5_1_5":
        # A styled dry run would pay the owner on 5.1.5 (§5 Kudos): none was sent.
        assert all("style" not in body for body in dry_runs)
        assert "the style's 2 kudos" in estimate.how
    else:
        assert [body.get("style") for body in dry_runs] == [style_id]
    # Whichever way it was worked out, it is what the styled job then costs.
    trial = await runner.run(Trial(StyleKind.IMAGE, "x", JobRequest(prompt="a lighthouse", style=style_id)))
    assert trial.kudos == pytest.approx(estimate.kudos)


def test_the_threshold_from_settings_decides_whether_to_ask() -> None:
    settings = AppSettings().replace(kudos_confirm_above=20)
    assert needs_confirmation(Estimate(21, "dry run"), settings.kudos_confirm_above)
    assert not needs_confirmation(Estimate(20, "dry run"), settings.kudos_confirm_above)
    with pytest.raises(ValueError, match="greater than or equal"):
        AppSettings().replace(kudos_confirm_above=-1)


async def test_a_trial_reports_progress_and_brings_two_images_with_their_seeds(
    app: SandboxApp, runner: TrialRunner
) -> None:
    request = JobRequest(prompt="a lighthouse", n=2, seed="7")
    seen: list[JobProgress] = []
    trial = await runner.run(Trial(StyleKind.IMAGE, "unstyled", request), on_progress=seen.append)
    assert trial.state is JobState.DONE
    assert [r.seed for r in trial.results] == ["7", "8"]
    assert all(image_extension(r.data or b"") == "png" for r in trial.results)
    assert {p.state for p in seen} >= {JobState.WAITING, JobState.DONE}
    assert all(r.model and r.worker for r in trial.results)


async def test_a_draft_is_sent_merged_exactly_as_the_server_applies_the_style(
    app: SandboxApp, runner: TrialRunner, clock: FakeTime
) -> None:
    style = ImageStyle.model_validate(
        {**_served(app, _curator_style(app)), "prompt": "{p}, {wild|tame} ink###blurry, {np}"}
    )
    app.state_store.styles[style.id].prompt = style.prompt
    request = JobRequest(prompt="a fox###text", style=style.id, n=1, seed="11")
    styled = await runner.run(Trial(StyleKind.IMAGE, "saved", request))
    draft = await runner.run(Trial(StyleKind.IMAGE, "draft", spell_out(request, style), draft=True))
    jobs = list(app.desk.jobs.values())
    assert jobs[0].prompt == jobs[1].prompt == "a fox, {wild|tame} ink###blurry, text"
    assert jobs[0].model == jobs[1].model
    if app.behaviour == "v5_1_5":
        # 5.1.5 drops the styled request's seed (§5): everything else reaches the workers alike.
        assert {**jobs[0].params, "seed": "11"} == jobs[1].params
        return
    assert jobs[0].params == jobs[1].params
    # Same inputs on the workers: the same picture, though one went styled and one spelled out.
    assert styled.results[0].data == draft.results[0].data


async def test_without_the_style_keeps_prompt_seed_model_and_size(
    app: SandboxApp, runner: TrialRunner
) -> None:
    style = ImageStyle.model_validate(_served(app, _curator_style(app)))
    request = JobRequest(prompt="a lighthouse", style=style.id, seed="5")
    twin = unstyled_twin(request, style)
    assert twin.style is None
    assert twin.seed == "5"
    assert twin.prompt == "a lighthouse"
    assert twin.models == style.models
    trial = await runner.run(Trial(StyleKind.IMAGE, "without", twin))
    assert trial.results[0].seed == "5"


async def test_cancelling_the_trial_task_cancels_the_job_on_the_server(
    app: SandboxApp, runner: TrialRunner
) -> None:
    submitted = asyncio.Event()
    trial = Trial(StyleKind.IMAGE, "x", JobRequest(prompt="a lighthouse"))

    async def slow_sleep(seconds: float) -> None:
        await asyncio.sleep(3600)

    runner._sleep = slow_sleep  # the job waits forever; the user cancels
    task = asyncio.ensure_future(runner.run(trial, on_submitted=lambda job: submitted.set()))
    await submitted.wait()
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert app.faults.count("DELETE", r"/generate/status/") == 1
    assert trial.state is JobState.CANCELLED


async def test_a_faulted_trial_says_so(app: SandboxApp, runner: TrialRunner) -> None:
    app.desk.fault_next = 1
    with pytest.raises(TrialError, match="faulted"):
        await runner.run(Trial(StyleKind.IMAGE, "x", JobRequest(prompt="a lighthouse")))


async def test_a_text_trial_brings_text_and_costs_what_was_estimated(
    app: SandboxApp, runner: TrialRunner
) -> None:
    style = next(s for s in app.state_store.styles.values() if s.kind == "text" and s.user_id == 1)
    owner_before = app.state_store.users[1].kudos
    request = JobRequest(kind=StyleKind.TEXT, prompt="the keeper's log", style=style.id)
    estimate = await runner.estimate(request)
    assert app.state_store.users[1].kudos == owner_before
    trial = await runner.run(Trial(StyleKind.TEXT, style.name, request))
    assert trial.results[0].text
    if app.behaviour == "modern":
        assert trial.kudos == pytest.approx(estimate.kudos)
    else:
        # 5.1.5 never returns a text style's max_length (B11), so the unstyled quote prices the default
        # length: it can only fall short of what the style really asks for.
        assert estimate.kudos <= trial.kudos


async def test_saving_twice_writes_the_same_files(
    app: SandboxApp, runner: TrialRunner, tmp_path: Path
) -> None:
    first = await runner.run(
        Trial(StyleKind.IMAGE, "Noir Test", JobRequest(prompt="a lighthouse", n=2, seed="3"))
    )
    second = await runner.run(
        Trial(StyleKind.IMAGE, "Noir Test", JobRequest(prompt="a lighthouse", n=2, seed="3"))
    )
    paths_one = save_trial(first, tmp_path / "a")
    paths_two = save_trial(second, tmp_path / "b")
    assert [p.name for p in paths_one] == ["noir-test-3.png", "noir-test-4.png"]
    assert [p.read_bytes() for p in paths_one] == [p.read_bytes() for p in paths_two]


def test_the_reference_set_is_person_place_thing_plus_own_prompts_on_one_seed() -> None:
    requests = reference_requests("style-id", ["a red bicycle", "  "])
    assert [label for label, _ in requests] == ["person", "place", "thing", "own 1"]
    assert {r.seed for _, r in requests} == {REFERENCE_SEED}
    assert all(r.style == "style-id" for _, r in requests)


def _served(app: SandboxApp, style_id: str) -> dict[str, object]:
    style = app.state_store.styles[style_id]
    return {
        "id": style.id,
        "name": style.name,
        "prompt": style.prompt,
        "params": style.params,
        "models": style.models,
    }


async def test_compare_runs_each_style_on_one_prompt_and_seed(app: SandboxApp, runner: TrialRunner) -> None:
    styles = [
        ImageStyle.model_validate(_served(app, s.id))
        for s in list(app.state_store.styles.values())
        if s.kind == "image" and s.models
    ][:3]
    trials = comparison(styles, "a lighthouse", "9")
    done = [await runner.run(trial) for trial in trials]
    assert [t.label for t in done] == [s.name for s in styles]
    pictures = {t.results[0].data for t in done}
    assert len(pictures) == 3  # three styles, three different pictures
    with pytest.raises(ValueError, match="2 to 6"):
        comparison(styles[:1], "a lighthouse", "9")
