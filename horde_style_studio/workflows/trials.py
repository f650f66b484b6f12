"""Trying a style: estimate, submit, follow, collect the results, save them (issue 15).

Qt-free: the UI's presenter and the ``horde-styles try`` command run the same use case. Result links are
fetched with the image fetcher's own client, never the Horde session's, so the API key never travels to
the bucket that serves results.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Final

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.api.errors import HordeError
from horde_style_studio.api.generate import PollPolicy, ProgressCallback
from horde_style_studio.api.references import is_uuid
from horde_style_studio.domain.jobs import (
    STYLE_KUDOS,
    GenerationKobold,
    GenerationStable,
    Job,
    JobRequest,
    JobState,
    RequestStatusKobold,
    spell_out_style,
)
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.domain.trials import Estimate, Trial, TrialResult
from horde_style_studio.services.images import (
    FetchPolicy,
    ImageCheckError,
    ImageFetcher,
    loopback_http_origin,
)

Sleep = Callable[[float], Awaitable[None]]
MAX_SEED: Final = 2**32 - 1

_SIGNATURES: Final = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
)


def image_extension(data: bytes) -> str | None:
    """The file type of a result by its content: results are WebP on the real Horde, PNG in the sandbox."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return next((ext for magic, ext in _SIGNATURES if data.startswith(magic)), None)


def pick_seed(rng: random.Random | None = None) -> str:
    """A seed chosen by the app, so that every trial shows the seed it ran with and can be repeated."""
    return str((rng or random.Random()).randint(0, MAX_SEED))


def result_fetcher(base_url: str) -> ImageFetcher:
    """The fetcher for result links: https only, plus the sandbox's own loopback origin."""
    origin = loopback_http_origin(base_url)
    return ImageFetcher(FetchPolicy(http_origins=frozenset({origin}) if origin else frozenset()))


class TrialError(Exception):
    """A trial that ended without results; ``str(err)`` is a sentence for the user."""


class TrialRunner:
    """Runs trials over one session; ``sleep`` and ``policy`` are injectable so tests move time instead."""

    def __init__(
        self,
        session: HordeManualClient,
        fetcher: ImageFetcher,
        *,
        sleep: Sleep = asyncio.sleep,
        policy: PollPolicy | None = None,
    ) -> None:
        self._session = session
        self._fetcher = fetcher
        self._sleep = sleep
        self._policy = policy

    async def find_style(self, kind: StyleKind, reference: str) -> AnyStyle:
        session = self._session
        if is_uuid(reference):
            return await session.get_style(kind, reference)
        return await session.get_style_by_name(kind, reference)

    async def estimate(self, request: JobRequest, style: AnyStyle | None = None) -> Estimate:
        """The kudos ``request`` will cost, without paying anyone.

        On 5.1.5 a styled dry run counts as a use and pays the owner (§5 Kudos), so there the style's
        parameters are priced unstyled and the style's 2 kudos added; 5.1.13 prices the styled request.
        """
        if not request.style or await self._session.server_flavour() != "5.1.5":
            kudos = await self._session.estimate(request)
            return Estimate(kudos, "dry run")
        found = style if style is not None else await self.find_style(request.kind, request.style)
        kudos = await self._session.estimate(spell_out(request, found))
        if request.kind is StyleKind.IMAGE:
            # 5.1.5 adds the +2 to every image request, styled or not (§5 Kudos, B10): the unstyled quote
            # already holds the style's 2, and adding them again would over-ask.
            return Estimate(kudos, "the style's parameters unstyled (the style's 2 kudos included)")
        # 5.1.5 hides a text style's max_length (B11): the quote prices the default length, so it is a floor.
        return Estimate(
            kudos + STYLE_KUDOS, "at least: the style's parameters unstyled, plus the style's 2 kudos"
        )

    async def run(
        self,
        trial: Trial,
        *,
        on_submitted: Callable[[Job], None] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Trial:
        """Submit, follow and collect. Cancelling the task cancels the job on the server."""
        job = await self._session.submit(trial.request)
        trial.job_id, trial.kudos = job.id, job.kudos
        if on_submitted is not None:
            on_submitted(job)
        try:
            status = await self._session.wait(
                job, on_progress=on_progress, sleep=self._sleep, policy=self._policy
            )
        except asyncio.CancelledError:
            await asyncio.shield(self._cancel_quietly(job))
            trial.state = JobState.CANCELLED
            raise
        trial.state, trial.kudos = job.state, job.kudos
        if job.state is JobState.FAULTED:
            raise TrialError("The AI Horde could not finish this job (a worker faulted). Try again.")
        if job.state is JobState.IMPOSSIBLE:
            raise TrialError("No worker can run this right now (its models, size or LoRAs). Try later.")
        if isinstance(status, RequestStatusKobold):
            trial.results = [_text_result(trial, index, g) for index, g in enumerate(status.generations)]
        else:
            trial.results = [await self._image_result(g) for g in status.generations]
        return trial

    async def cancel(self, job: Job) -> None:
        await self._cancel_quietly(job)

    async def _cancel_quietly(self, job: Job) -> None:
        if job.unfinished:
            try:
                await self._session.cancel(job)
            except HordeError:  # the job may be over already; the session tries again on exit anyway
                return

    async def _image_result(self, generation: GenerationStable) -> TrialResult:
        try:
            if generation.is_link:
                data = (await self._fetcher.fetch(generation.img)).data
            else:
                data = generation.inline_bytes()
        except (ImageCheckError, ValueError) as err:
            raise TrialError(f"A result could not be fetched: {err}") from None
        extension = image_extension(data)
        if extension is None:
            raise TrialError("The AI Horde sent a result that is not a picture the app knows.")
        return TrialResult(
            id=generation.id or "",
            seed=generation.seed,
            model=generation.model or "",
            worker=generation.worker_name or "",
            censored=generation.censored or generation.censored_by_metadata,
            data=data,
            extension=extension,
        )


def _text_result(trial: Trial, index: int, generation: GenerationKobold) -> TrialResult:
    return TrialResult(
        id=f"{trial.job_id}-{index}",
        seed=str(generation.seed),
        model=generation.model or "",
        worker=generation.worker_name or "",
        censored=generation.censored_by_metadata,
        text=generation.text,
    )


def spell_out(request: JobRequest, style: AnyStyle) -> JobRequest:
    """``request`` with ``style`` applied as the server would apply it, sent without the style (§5)."""
    return spell_out_style(
        request,
        template=style.prompt,
        params=style.params.to_payload(),
        models=list(style.models),
    )


def unstyled_twin(request: JobRequest, style: AnyStyle | None) -> JobRequest:
    """The same prompt and seed without the style, for "Without the style" side by side.

    It keeps the style's models and picture size, so that what differs is the style's prompt and
    parameters, not the model or the shape of the picture.
    """
    params = {k: v for k, v in request.params.items() if k in ("width", "height")}
    models = list(request.models)
    if style is not None:
        style_params = style.params.to_payload()
        params.update({k: v for k, v in style_params.items() if k in ("width", "height")})
        models = list(style.models)
    return request.model_copy(update={"style": None, "params": params, "models": models})


# -- saving --------------------------------------------------------------------------------------------------
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def slug(text: str, fallback: str = "trial") -> str:
    cleaned = _UNSAFE.sub("-", text).strip("-").lower()[:48]
    return cleaned or fallback


def save_trial(trial: Trial, folder: Path) -> list[Path]:
    """Write each result as ``<label>-<seed>[-<n>].<ext>`` (``.txt`` for text); returns the paths in order.

    Names depend on the style and seed only, so running the same trial again rewrites the same files.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    used: set[str] = set()
    for result in trial.results:
        stem = f"{slug(trial.label)}-{result.seed}"
        name, count = stem, 1
        while name in used:
            count += 1
            name = f"{stem}-{count}"
        used.add(name)
        if result.text is not None:
            path = folder / f"{name}.txt"
            path.write_text(result.text, encoding="utf-8")
        else:
            path = folder / f"{name}.{result.extension or 'img'}"
            path.write_bytes(result.data or b"")
        written.append(path)
    return written


# -- the reference set ---------------------------------------------------------------------------------------
REFERENCE_PROMPTS: Final = (
    ("person", "a portrait of an old lighthouse keeper"),
    ("place", "a small harbour town at dusk"),
    ("thing", "a brass pocket watch on a wooden table"),
)
REFERENCE_SEED: Final = "271828"
"""One fixed seed for the whole set, so sets made for different styles compare picture by picture."""


def reference_requests(
    style: str, own_prompts: Sequence[str] = (), *, n: int = 1
) -> list[tuple[str, JobRequest]]:
    """(label, request) for person, place, thing and the curator's own prompts, all on the fixed seed."""
    prompts = [*REFERENCE_PROMPTS, *((f"own {i + 1}", p) for i, p in enumerate(own_prompts) if p.strip())]
    return [
        (label, JobRequest(prompt=prompt, style=style, n=n, seed=REFERENCE_SEED)) for label, prompt in prompts
    ]


def needs_confirmation(estimate: Estimate, threshold: float) -> bool:
    """Ask the user first when the estimate is above the threshold set in Settings."""
    return estimate.kudos > threshold


MIN_COMPARE: Final = 2
MAX_COMPARE: Final = 6


def comparison(styles: Sequence[AnyStyle], prompt: str, seed: str, *, n: int = 1) -> list[Trial]:
    """One trial per style on one prompt and one seed, for a grid of styles side by side."""
    if not MIN_COMPARE <= len(styles) <= MAX_COMPARE:
        raise ValueError(f"Compare {MIN_COMPARE} to {MAX_COMPARE} styles at a time.")
    kinds = {style.kind for style in styles}
    if len(kinds) != 1:
        raise ValueError("Compare styles of one kind: image styles with image styles, text with text.")
    return [
        Trial(
            style.kind,
            style.name,
            JobRequest(kind=style.kind, prompt=prompt, style=style.id, n=n, seed=seed),
            owner=style.id,
        )
        for style in styles
    ]
