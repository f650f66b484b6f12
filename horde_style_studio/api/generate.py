"""Generation jobs: submit, check, status, cancel, and polling that follows the server's hints (§13).

The session remembers every job it submitted until the job is over, so that leaving the session (window
closed, CLI interrupted, an error) can cancel the unfinished ones on the server instead of leaving them to
spend the user's kudos.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Final

from horde_style_studio.api.core import ClientCore
from horde_style_studio.api.errors import HordeError, HordeProtocolError, RateLimitedError
from horde_style_studio.api.retry import rate_limit_wait
from horde_style_studio.domain.jobs import (
    Job,
    JobProgress,
    JobRequest,
    JobState,
    RequestAsync,
    RequestStatus,
    RequestStatusCheck,
    RequestStatusKobold,
    RequestStatusStable,
)
from horde_style_studio.domain.kinds import StyleKind

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
ProgressCallback = Callable[[JobProgress], None]

CANCEL_ON_EXIT_TIMEOUT: Final = 5.0


@dataclass(frozen=True)
class PollPolicy:
    """How often to ask. ``check`` answers are cached for 1 s and allowed 10/s per id; text jobs have no
    check route and poll ``text/status`` (60/min per id), so one request a second is the floor for both
    (§13). Between floor and ceiling the next poll follows half the server's ``wait_time``: few requests
    while the queue is long, a quick answer once the job is nearly done. The ceiling keeps the job alive
    (a waiting job lives 20 minutes from its last poll) and the countdown honest."""

    floor: float = 1.0
    ceiling: float = 10.0
    share_of_wait: float = 0.5

    def next_delay(self, check: RequestStatusCheck) -> float:
        wanted = check.wait_time * self.share_of_wait if check.wait_time > 0 else self.floor
        return min(self.ceiling, max(self.floor, wanted))


def _paths(kind: StyleKind) -> tuple[str, str, str]:
    """(submit, check, status) paths without the job id."""
    if kind is StyleKind.IMAGE:
        return "/v2/generate/async", "/v2/generate/check/", "/v2/generate/status/"
    # Text jobs have no lite check route: polling goes to text/status (§13).
    return "/v2/generate/text/async", "/v2/generate/text/status/", "/v2/generate/text/status/"


class GenerateEndpoints(ClientCore):
    """Image and text jobs. Every job submitted here is tracked until it is over (see ``unfinished_jobs``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._jobs: dict[str, Job] = {}

    def _job_table(self) -> dict[str, Job]:
        return self._jobs

    @property
    def unfinished_jobs(self) -> list[Job]:
        return [job for job in self._job_table().values() if job.unfinished]

    # -- the four routes -------------------------------------------------------------------------------------
    async def estimate(self, request: JobRequest) -> float:
        """The kudos a job would cost, from a ``dry_run`` (nothing is queued).

        Careful on 5.1.5: a *styled* dry run counts as a use of the style and pays its owner (§5 Kudos);
        callers that must not do that estimate the unstyled request instead (see workflows.trials).
        """
        submit, _, _ = _paths(request.kind)
        body = request.model_copy(update={"dry_run": True}).to_payload()
        data = await self._call("POST", submit, auth=True, json_body=body)
        return self._parse(RequestAsync, data if data is not None else {}, "a kudos estimate").kudos

    async def submit(self, request: JobRequest) -> Job:
        """Queue the job; it is tracked from here until done, faulted or cancelled."""
        if request.dry_run:
            raise ValueError("a dry run queues nothing: use estimate()")
        submit, _, _ = _paths(request.kind)
        data = await self._call("POST", submit, auth=True, json_body=request.to_payload())
        answer = self._parse(RequestAsync, data if data is not None else {}, "a queued job")
        if not answer.id:
            raise HordeProtocolError("The AI Horde accepted the job but sent no job id.")
        job = Job(answer.id, request.kind, answer.kudos, request, warnings=list(answer.warnings))
        self._job_table()[job.id] = job
        return job

    async def check(self, job: Job) -> RequestStatusCheck:
        _, check, _ = _paths(job.kind)
        data = await self._call("GET", check + _job_id(job))
        model = RequestStatusCheck if job.kind is StyleKind.IMAGE else RequestStatusKobold
        answer = self._parse(model, data, "a job's progress")
        job.observe(answer)
        return answer

    async def status(self, job: Job) -> RequestStatus:
        """The full status with the generations. Limited to 10 a minute per id on images: ask once done."""
        _, _, status = _paths(job.kind)
        data = await self._call("GET", status + _job_id(job))
        answer = self._parse_status(job, data)
        job.observe(answer)
        return answer

    async def cancel(self, job: Job) -> RequestStatus:
        """Cancel on the server; the answer holds whatever was already generated (§13)."""
        _, _, status = _paths(job.kind)
        data = await self._call("DELETE", status + _job_id(job), auth=True)
        answer = self._parse_status(job, data)
        job.observe(answer)
        job.state = JobState.CANCELLED
        return answer

    def _parse_status(self, job: Job, data: object) -> RequestStatus:
        if job.kind is StyleKind.IMAGE:
            return self._parse(RequestStatusStable, data, "a job's results")
        return self._parse(RequestStatusKobold, data, "a job's results")

    # -- waiting ---------------------------------------------------------------------------------------------
    async def wait(
        self,
        job: Job,
        *,
        on_progress: ProgressCallback | None = None,
        policy: PollPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> RequestStatus:
        """Poll until the job is over and return its full status (also for a faulted or impossible job).

        A 429 while polling waits for the server's ``Retry-After`` (never less than the floor), since a
        rounded-down ``Retry-After: 0`` would fail again at once (§12).
        """
        rules = policy or PollPolicy()
        while True:
            try:
                answer = await self.check(job)
            except RateLimitedError as err:
                await sleep(rate_limit_wait(err, at_least=rules.floor))
                continue
            if on_progress is not None:
                on_progress(_progress(job, answer))
            if job.state is JobState.IMPOSSIBLE or job.state is JobState.FAULTED:
                self._forget(job)
                return await self._final(job, answer)
            if job.state is JobState.DONE:
                result = await self._final(job, answer)
                self._forget(job)
                return result
            await sleep(rules.next_delay(answer))

    async def _final(self, job: Job, answer: RequestStatusCheck) -> RequestStatus:
        if isinstance(answer, RequestStatusKobold | RequestStatusStable):
            return answer  # text polling already brought the generations
        if job.state is JobState.IMPOSSIBLE:
            # Nobody will ever run it: take it off the queue rather than leave it waiting (§13).
            result = await self.cancel(job)
            job.state = JobState.IMPOSSIBLE
            return result
        return await self.status(job)

    def _forget(self, job: Job) -> None:
        self._job_table().pop(job.id, None)

    async def cancel_unfinished(self) -> list[str]:
        """Cancel every tracked job that is not over; returns the ids the server was asked to cancel.

        Failures are logged, not raised: this runs on the way out, where there is no one left to tell.
        """
        asked: list[str] = []
        for job in self.unfinished_jobs:
            asked.append(job.id)
            try:
                await asyncio.wait_for(self.cancel(job), CANCEL_ON_EXIT_TIMEOUT)
            except (HordeError, TimeoutError) as err:
                log.warning("could not cancel job %s on exit: %s", job.id, type(err).__name__)
            self._forget(job)
        return asked


def _job_id(job: Job) -> str:
    # Ids come from the server: keep anything but a plain id out of the path.
    if not job.id or any(c in job.id for c in "/?#%") or job.id in (".", ".."):
        raise HordeProtocolError("The AI Horde sent a job id the app cannot use.")
    return job.id


def _progress(job: Job, answer: RequestStatusCheck) -> JobProgress:
    return JobProgress(
        job_id=job.id,
        state=job.state,
        queue_position=max(0, answer.queue_position),
        wait_time=max(0, answer.wait_time),
        finished=answer.finished,
        total=job.request.n,
        kudos=answer.kudos or job.kudos,
    )
