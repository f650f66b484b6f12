"""Simulated workers: a queue jobs wait in, a run, then results, a fault, or a cancellation (REFERENCE §13).

Nothing runs in the background. A job's state is worked out from the desk's ``clock`` whenever someone asks,
so tests replace the clock and move time on instead of sleeping.
"""

from __future__ import annotations

import hashlib
import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from .constants import StyleKind

Phase = Literal["waiting", "processing", "done", "faulted", "impossible", "cancelled"]

WORKER_NAMES = ("Lighthouse Rig", "Attic 3090", "Harbour Node", "Night Shift A100")
FAULT_WORD = "sandbox-fault"
"""A prompt holding this word makes the job fault mid-run, so demos and tests can show a fault."""
CENSOR_WORDS = frozenset({"nsfw", "nude", "gore"})
"""Prompts with these words come back censored unless the request was sent with ``nsfw: true``."""


@dataclass
class WorkerSettings:
    """How the simulated workers behave. ``clock`` is injectable: tests move time instead of sleeping."""

    queue_seconds: float = 6.0
    run_seconds: float = 4.0
    queue_ahead: int = 3
    link_lifetime: float = 1800.0  # R2 links expire after 30 minutes (REFERENCE §13)
    job_lifetime: float = 1200.0  # a job lives 20 minutes from its last poll
    clock: Callable[[], float] = time.monotonic


@dataclass
class SandboxGeneration:
    id: str
    seed: int
    worker_id: str
    worker_name: str
    model: str
    censored: bool
    text: str = ""


@dataclass
class SandboxJob:
    id: str
    kind: StyleKind
    user_id: int
    created: float
    n: int
    prompt: str
    params: dict[str, Any]
    model: str | None
    style_key: str
    seed: int
    kudos: float
    nsfw: bool
    r2: bool
    queue_seconds: float
    run_seconds: float
    queue_ahead: int
    fault: bool = False
    cancelled_at: float | None = None
    last_poll: float = 0.0
    generations: list[SandboxGeneration] = field(default_factory=list)
    charged: bool = False

    @property
    def possible(self) -> bool:
        return self.model is not None

    def phase(self, now: float) -> Phase:
        if self.cancelled_at is not None:
            return "cancelled"
        if not self.possible:
            return "impossible"
        elapsed = now - self.created
        if elapsed < self.queue_seconds:
            return "waiting"
        if elapsed < self.queue_seconds + self.run_seconds:
            return "processing"
        return "faulted" if self.fault else "done"

    def queue_position(self, now: float) -> int:
        if self.phase(now) != "waiting":
            return 0
        left = (self.queue_seconds - (now - self.created)) / self.queue_seconds
        return max(1, math.ceil(self.queue_ahead * left))

    def wait_time(self, now: float) -> int:
        phase = self.phase(now)
        if phase not in ("waiting", "processing", "impossible"):
            return 0
        if phase == "impossible":
            return 0
        return max(0, math.ceil(self.created + self.queue_seconds + self.run_seconds - now))


def stable_int(*parts: object) -> int:
    """A number that depends only on ``parts``: the same inputs give the same picture in every run."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def new_job_id() -> str:
    return str(uuid.uuid4())


def generation_id(job_id: str, index: int) -> str:
    return str(uuid.UUID(int=stable_int(job_id, index) << 64 | stable_int(index, job_id)))


def worker_for(job: SandboxJob, index: int) -> tuple[str, str]:
    number = stable_int(job.id, "worker", index) % len(WORKER_NAMES)
    return str(uuid.UUID(int=stable_int("worker", number) << 64 | number)), WORKER_NAMES[number]


def censored(prompt: str, nsfw: bool) -> bool:
    if nsfw:
        return False
    words = {w.strip(".,;:!?()[]").lower() for w in prompt.split()}
    return bool(words & CENSOR_WORDS)
