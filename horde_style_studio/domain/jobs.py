"""Generation jobs in horde_sdk's words (REFERENCE §13).

A **Job** is one request with its id, its kudos and its metadata, made of one or more **Generations**; a
Generation is one run of inference, which may yield a batch of ``n`` results. The wire models carry the
swagger's names (``RequestAsync``, ``RequestStatusCheck``, ``RequestStatusStable`` ...).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from pydantic import Field

from horde_style_studio.domain.base import HordeModel, NullSafeList, StyleKind
from horde_style_studio.domain.prompt import NEGATIVE_SEPARATOR, merge_image_prompt, merge_text_prompt
from horde_style_studio.domain.responses import ServerWarning

MAX_IMAGE_BATCH: Final = 4
"""What the app asks for at most per image trial (the server's own limit is higher)."""
MAX_TEXT_BATCH: Final = 20
R2_LINK_LIFETIME: Final = 1800.0
"""Seconds an R2 result link works (§13); the app copies the bytes long before."""


class RequestAsync(HordeModel):
    """The 202 answer to a submit: the job id and the kudos it is expected to cost (dry runs: no id)."""

    id: str | None = None
    kudos: float = 0.0
    message: str | None = None
    warnings: NullSafeList[ServerWarning] = Field(default_factory=list)


class RequestStatusCheck(HordeModel):
    """``GET /v2/generate/check/{id}``: progress without the results."""

    finished: int = 0
    processing: int = 0
    restarted: int = 0
    waiting: int = 0
    done: bool = False
    faulted: bool = False
    wait_time: int = 0
    queue_position: int = 0
    kudos: float = 0.0
    is_possible: bool = True


class GenerationMetadata(HordeModel):
    type: str = ""
    value: str = ""
    ref: str | None = None


class Generation(HordeModel):
    """What every generation carries, image or text."""

    worker_id: str | None = None
    worker_name: str | None = None
    model: str | None = None
    state: str = "ok"
    gen_metadata: NullSafeList[GenerationMetadata] = Field(default_factory=list)

    @property
    def censored_by_metadata(self) -> bool:
        return self.state in ("censored", "csam") or any(m.type == "censorship" for m in self.gen_metadata)


class GenerationStable(Generation):
    """One image: ``img`` is an R2 download link (``r2: true``, expires) or base64 WebP (§13)."""

    img: str = ""
    seed: str = ""
    id: str | None = None
    censored: bool = False

    @property
    def is_link(self) -> bool:
        return self.img.startswith(("https://", "http://"))

    def inline_bytes(self) -> bytes:
        """The image bytes of an inline (``r2: false``) result. Raises ValueError for a link or bad base64."""
        if self.is_link:
            raise ValueError("this generation is a download link, not inline data")
        try:
            return base64.b64decode(self.img, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("the generation's image is not valid base64") from None


class GenerationKobold(Generation):
    text: str = ""
    seed: int = 0


class RequestStatusStable(RequestStatusCheck):
    generations: NullSafeList[GenerationStable] = Field(default_factory=list)
    shared: bool = False


class RequestStatusKobold(RequestStatusCheck):
    generations: NullSafeList[GenerationKobold] = Field(default_factory=list)


RequestStatus = RequestStatusStable | RequestStatusKobold


class JobState(StrEnum):
    """Where a job is, as the app tells the user."""

    SUBMITTED = "submitted"
    WAITING = "waiting"
    PROCESSING = "processing"
    DONE = "done"
    FAULTED = "faulted"
    IMPOSSIBLE = "impossible"
    CANCELLED = "cancelled"

    @property
    def final(self) -> bool:
        return self in (JobState.DONE, JobState.FAULTED, JobState.IMPOSSIBLE, JobState.CANCELLED)


class JobRequest(HordeModel):
    """What the app asks for: a prompt (``###`` splits off the negative), an optional style, ``n`` and a seed.

    A style replaces ``models`` and ``params`` on the server (§5); only ``n`` (and width/height where the
    style has none) come from the request.
    """

    kind: StyleKind = StyleKind.IMAGE
    prompt: str = Field(min_length=1)
    style: str | None = None
    models: list[str] = Field(default_factory=list)
    params: dict[str, Any] = Field(default_factory=dict)
    n: int = Field(default=1, ge=1, le=MAX_TEXT_BATCH)
    seed: str | None = None
    dry_run: bool = False
    r2: bool = True

    @property
    def negative(self) -> str:
        return self.prompt.partition(NEGATIVE_SEPARATOR)[2]

    def to_payload(self) -> dict[str, Any]:
        params = {key: value for key, value in self.params.items() if value is not None}
        params["n"] = self.n
        if self.kind is StyleKind.IMAGE and self.seed is not None:
            params["seed"] = str(self.seed)  # a string on image jobs (§13)
        body: dict[str, Any] = {"prompt": self.prompt, "params": params}
        if self.style:
            body["style"] = self.style
        if self.models:
            body["models"] = list(self.models)
        if self.dry_run:
            body["dry_run"] = True
        if self.kind is StyleKind.IMAGE:
            body["r2"] = self.r2
        return body


@dataclass
class Job:
    """One submitted request, as the session tracks it until it is done or cancelled."""

    id: str
    kind: StyleKind
    kudos: float
    request: JobRequest
    state: JobState = JobState.SUBMITTED
    last_check: RequestStatusCheck | None = None
    warnings: list[ServerWarning] = field(default_factory=list)

    @property
    def unfinished(self) -> bool:
        return not self.state.final

    def observe(self, check: RequestStatusCheck) -> JobState:
        """Take in a check (or status) answer and return the state it means."""
        self.last_check = check
        if check.kudos:
            self.kudos = check.kudos
        if check.faulted:
            self.state = JobState.FAULTED
        elif check.done:
            self.state = JobState.DONE
        elif not check.is_possible:
            self.state = JobState.IMPOSSIBLE
        elif check.processing > 0 or check.finished > 0:
            self.state = JobState.PROCESSING
        else:
            self.state = JobState.WAITING
        return self.state


@dataclass(frozen=True)
class JobProgress:
    """One progress report while waiting: what a progress bar and countdown need."""

    job_id: str
    state: JobState
    queue_position: int
    wait_time: int
    finished: int
    total: int
    kudos: float


STYLE_KUDOS: Final = 2
"""What a styled request adds: the +2 "horde tax" that pays the style's owner (§5 Kudos)."""


def spell_out_style(
    request: JobRequest, *, template: str, params: dict[str, Any], models: list[str]
) -> JobRequest:
    """The request a style turns ``request`` into on the server, sent without ``style`` (§5).

    Models and params are the style's; only ``n`` (and width/height where the style has none) come from the
    request. The seed is kept: an unstyled request keeps its own, so a draft or an estimate can be tried
    with a fixed seed. The prompt is merged exactly as the server merges it (``domain.prompt``).
    """
    merged = {key: value for key, value in params.items() if value is not None}
    if request.kind is StyleKind.IMAGE:
        for side in ("width", "height"):
            if side not in merged and side in request.params:
                merged[side] = request.params[side]
        prompt = merge_image_prompt(template, request.prompt)
    else:
        prompt = merge_text_prompt(template, request.prompt)
    return request.model_copy(
        update={"style": None, "params": merged, "models": list(models), "prompt": prompt or request.prompt}
    )
