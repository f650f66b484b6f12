"""The generation desk: how the sandbox applies a style, prices, queues, runs and hands out jobs, in both
behaviours (REFERENCE §5, §13).

Kept apart from the HTTP handlers (``generate_api``) so that what a job *is* reads in one place.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .constants import Behaviour, StyleKind
from .errors import HordeError, ServerCrashError, bad_request, thing_not_found
from .lookup import by_name, collection_by_uuid, style_by_uuid
from .paint import paint, paint_censored
from .store import SandboxStore, Style
from .users import User
from .workers import (
    FAULT_WORD,
    SandboxGeneration,
    SandboxJob,
    WorkerSettings,
    censored,
    generation_id,
    new_job_id,
    stable_int,
    worker_for,
)

STYLE_KUDOS = 2
_CONTINUATIONS = (
    "The lamp turned once more over the water.",
    "Somewhere below, a door creaked and settled.",
    "Nobody had written that part of the story yet.",
    "The wind carried salt and the smell of old paper.",
    "It was quieter than anyone expected.",
    "Then the bell rang, twice, and the room listened.",
)


@dataclass
class Applied:
    """A request after its style is applied: what a worker would receive."""

    prompt: str
    params: dict[str, Any]
    models: list[str]
    style: Style | None


@dataclass
class StoredImage:
    data: bytes
    expires: float


@dataclass
class GenerationDesk:
    """Every job of the sandbox, and the result links it handed out."""

    settings: WorkerSettings = field(default_factory=WorkerSettings)
    jobs: dict[str, SandboxJob] = field(default_factory=dict)
    images: dict[str, StoredImage] = field(default_factory=dict)
    fault_next: int = 0
    """Tests stage faults with this: the next that many jobs fault mid-run."""

    def now(self) -> float:
        return self.settings.clock()

    # -- submitting ------------------------------------------------------------------------------------------
    def apply_style(
        self, store: SandboxStore, behaviour: Behaviour, kind: StyleKind, body: dict[str, Any]
    ) -> Applied:
        prompt = str(body.get("prompt", ""))
        params = dict(body.get("params") or {})
        models = [str(m) for m in body.get("models") or []]
        reference = body.get("style")
        if not reference:
            return Applied(prompt, params, models, None)
        style = _find_style(store, behaviour, str(reference))
        if style.kind != kind:
            # The real messages, typo included (REFERENCE §5).
            text = (
                "Text styles cannot be used on image requests"
                if kind == "image"
                else ("Image styles cannot be used on image requests")
            )
            raise bad_request(text)
        merged_params = dict(style.params)
        merged_params["n"] = params.get("n", 1)
        if kind == "image":
            for side in ("width", "height"):
                if side not in style.params and side in params:
                    merged_params[side] = params[side]
            if behaviour == "modern" and "seed" in params:
                # 5.1.13 lets a request keep its own seed; 5.1.5 discards every request param but n (§5).
                merged_params["seed"] = params["seed"]
            merged_prompt = _server_image_prompt(style.prompt, prompt)
        else:
            merged_prompt = _server_text_prompt(style.prompt, prompt)
        return Applied(merged_prompt, merged_params, list(style.models), style)

    def price(self, applied: Applied, kind: StyleKind, behaviour: Behaviour) -> float:
        n = max(1, int(applied.params.get("n", 1)))
        if kind == "image":
            pixels = int(applied.params.get("width", 512)) * int(applied.params.get("height", 512))
            per_image = max(
                1.0, round(10 * pixels / (512 * 512) * int(applied.params.get("steps", 30)) / 30, 2)
            )
            # 5.1.5 charges the +2 "horde tax" on every image request, styled or not (REFERENCE §5, B10).
            tax = STYLE_KUDOS if behaviour == "v5_1_5" or applied.style is not None else 0
            return round(per_image * n + tax, 2)
        per_text = max(1.0, round(int(applied.params.get("max_length", 80)) / 40, 2))
        return round(per_text * n + (STYLE_KUDOS if applied.style is not None else 0), 2)

    def record_style_use(
        self, store: SandboxStore, behaviour: Behaviour, applied: Applied, user: User, dry_run: bool
    ) -> None:
        """5.1.5 pays the owner and counts a use for every styled request, dry runs and self-use included;
        5.1.13 only for real runs by someone else (REFERENCE §5 Kudos, §10)."""
        style = applied.style
        if style is None:
            return
        if behaviour == "v5_1_5":
            style.use_count += 1
            _add_kudos(store, style.user_id, STYLE_KUDOS)
            return
        if dry_run:
            return
        style.use_count += 1
        if user.id != style.user_id:
            _add_kudos(store, style.user_id, STYLE_KUDOS)

    def queue(
        self,
        store: SandboxStore,
        kind: StyleKind,
        applied: Applied,
        user: User,
        kudos: float,
        body: dict[str, Any],
    ) -> SandboxJob:
        now = self.now()
        params = applied.params
        n = max(1, int(params.get("n", 1)))
        job_id = new_job_id()
        seed = _seed_number(params.get("seed"), job_id)
        waiting_ahead = sum(1 for j in self.jobs.values() if j.phase(now) in ("waiting", "processing"))
        fault = FAULT_WORD in applied.prompt
        if self.fault_next > 0:
            self.fault_next -= 1
            fault = True
        job = SandboxJob(
            id=job_id,
            kind=kind,
            user_id=user.id,
            created=now,
            n=n,
            prompt=applied.prompt,
            params=params,
            model=_served_model(store, kind, applied.models),
            style_key=look_key(applied.prompt, params),
            seed=seed,
            kudos=kudos,
            nsfw=bool(body.get("nsfw", False)),
            r2=bool(body.get("r2", True)),
            queue_seconds=self.settings.queue_seconds,
            run_seconds=self.settings.run_seconds * (1 + 0.25 * (n - 1)),
            queue_ahead=self.settings.queue_ahead + waiting_ahead,
            fault=fault,
            last_poll=now,
        )
        self.jobs[job.id] = job
        return job

    # -- following up ----------------------------------------------------------------------------------------
    def find(self, job_id: str) -> SandboxJob:
        now = self.now()
        job = self.jobs.get(job_id)
        if job is None or now - job.last_poll > self.settings.job_lifetime:
            self.jobs.pop(job_id, None)
            raise HordeError(404, f"Request with ID '{job_id}' not found.", rc="RequestNotFound")
        job.last_poll = now
        return job

    def cancel(self, store: SandboxStore, job: SandboxJob) -> None:
        phase = job.phase(self.now())
        if phase in ("waiting", "processing", "impossible"):
            # A batch runs together: cancelled before it ends, nothing of it is finished (§13: n becomes
            # what is finished).
            job.cancelled_at = self.now()
            job.n = 0
        self._settle(store, job)

    def check_body(self, store: SandboxStore, job: SandboxJob) -> dict[str, Any]:
        now = self.now()
        phase = job.phase(now)
        if phase == "done":
            self._settle(store, job)
        finished = job.n if phase == "done" else 0
        return {
            "finished": finished,
            "processing": job.n if phase == "processing" else 0,
            "restarted": 0,
            "waiting": job.n if phase in ("waiting", "impossible") else 0,
            "done": phase in ("done", "cancelled"),
            "faulted": phase == "faulted",
            "wait_time": job.wait_time(now),
            "queue_position": job.queue_position(now),
            "kudos": job.kudos if phase in ("done", "cancelled") and job.n else 0.0,
            "is_possible": job.possible,
        }

    def status_body(self, store: SandboxStore, job: SandboxJob, origin: str) -> dict[str, Any]:
        body = self.check_body(store, job)
        if job.kind == "image":
            body["generations"] = [self._image_generation(job, g, origin) for g in job.generations]
            body["shared"] = False
        else:
            body["generations"] = [self._text_generation(g) for g in job.generations]
        return body

    def _settle(self, store: SandboxStore, job: SandboxJob) -> None:
        """Make the results once and charge for them: only what was finished costs kudos."""
        if job.charged:
            return
        job.charged = True
        if job.n == 0:
            return
        _add_kudos(store, job.user_id, -job.kudos)
        for index in range(job.n):
            worker_id, worker_name = worker_for(job, index)
            job.generations.append(
                SandboxGeneration(
                    id=generation_id(job.id, index),
                    seed=job.seed + index,
                    worker_id=worker_id,
                    worker_name=worker_name,
                    model=job.model or "",
                    censored=censored(job.prompt, job.nsfw),
                    text=_continue_text(job.prompt, job.seed + index) if job.kind == "text" else "",
                )
            )

    def _image_generation(self, job: SandboxJob, gen: SandboxGeneration, origin: str) -> dict[str, Any]:
        width, height = int(job.params.get("width", 512)), int(job.params.get("height", 512))
        if gen.censored:
            data = paint_censored(width, height)
        else:
            data = paint(job.style_key, subject_of(job.prompt), gen.seed, gen.model, width, height)
        if job.r2:
            stored = self.images.setdefault(
                gen.id, StoredImage(data, self.now() + self.settings.link_lifetime)
            )
            img = f"{origin}/sandbox-r2/{gen.id}.png?expires={math.floor(stored.expires)}"
        else:
            img = base64.b64encode(data).decode("ascii")
        generation: dict[str, Any] = {
            "img": img,
            "seed": str(gen.seed),
            "id": gen.id,
            "censored": gen.censored,
            "worker_id": gen.worker_id,
            "worker_name": gen.worker_name,
            "model": gen.model,
            "state": "censored" if gen.censored else "ok",
            "gen_metadata": [{"type": "censorship", "value": "nsfw"}] if gen.censored else [],
        }
        return generation

    @staticmethod
    def _text_generation(gen: SandboxGeneration) -> dict[str, Any]:
        return {
            "text": gen.text,
            "seed": gen.seed,
            "worker_id": gen.worker_id,
            "worker_name": gen.worker_name,
            "model": gen.model,
            "state": "ok",
            "gen_metadata": [],
        }

    def image(self, name: str) -> bytes | None:
        """A result link's bytes, or None once it has expired, as an R2 presigned link does."""
        stored = self.images.get(name)
        if stored is None or self.now() > stored.expires:
            return None
        return stored.data


_NOT_LOOK = frozenset({"seed", "n", "width", "height", "seed_variation"})


def look_key(prompt: str, params: dict[str, Any]) -> str:
    """What decides a picture's look: the parameters and the prompt's words after its first phrase.

    A worker never sees the style, only the merged prompt and parameters (REFERENCE §5): a style reaches the
    picture through them: ``{p}, impasto, warm`` adds look words after the user's phrase. The same inputs
    sent styled or spelled out (a draft) therefore draw the same picture.
    """
    positive = prompt.partition("###")[0]
    words = sorted(part.strip().lower() for part in positive.split(",")[1:] if part.strip())
    shown = {k: v for k, v in params.items() if k not in _NOT_LOOK}
    return json.dumps(shown, sort_keys=True, default=str) + "|" + ",".join(words)


def subject_of(prompt: str) -> str:
    """The prompt's first phrase: what the picture shows, styled or not."""
    return prompt.partition("###")[0].split(",")[0].strip().lower()


def _find_style(store: SandboxStore, behaviour: Behaviour, reference: str) -> Style:
    style = style_by_uuid(store, reference)
    if style is not None:
        return style
    collection = collection_by_uuid(store, reference)
    found = collection if collection is not None else by_name(store, reference, "any")
    if found is None:
        raise thing_not_found("Style", reference)
    if isinstance(found, Style):
        return found
    if behaviour == "v5_1_5":
        # apply_style reads collection.sharedkey, which collections lack (REFERENCE §3 "Using a collection").
        raise ServerCrashError()
    members = [store.styles[s] for s in found.style_ids if s in store.styles]
    if not members:
        raise thing_not_found("Style", reference)
    return random.choice(members)


def _server_image_prompt(template: str, user_prompt: str) -> str:
    # What the server does (REFERENCE §5 image), written its way: escape every brace, restore {p} and
    # {np}, then format.
    positive, _, negative = user_prompt.partition("###")
    if negative and "###" not in template:
        negative = "###" + negative
    escaped = template.replace("{", "{{").replace("}", "}}").replace("{{p}}", "{p}").replace("{{np}}", "{np}")
    return escaped.format(p=positive, np=negative)


def _server_text_prompt(template: str, user_prompt: str) -> str:
    try:
        return template.format_map(defaultdict(str, p=user_prompt))
    except (ValueError, AttributeError, IndexError, KeyError):
        # 5.1.5 crashes on such templates (REFERENCE §5 text, B12).
        raise ServerCrashError() from None


def _seed_number(raw: object, job_id: str) -> int:
    if raw is None or raw == "":
        return stable_int("seed", job_id) % 2**32
    text = str(raw).strip()
    return int(text) % 2**32 if text.isdigit() else stable_int("seed", text) % 2**32


def _served_model(store: SandboxStore, kind: StyleKind, wanted: list[str]) -> str | None:
    served = [m.name for m in store.active_models if m.kind == kind and m.count > 0]
    if not wanted:
        return served[0] if served else None
    return next((name for name in wanted if name in served), None)


def _add_kudos(store: SandboxStore, user_id: int, amount: float) -> None:
    user = store.users.get(user_id)
    if user is not None:
        store.users[user_id] = dataclasses.replace(user, kudos=round(user.kudos + amount, 2))


def _continue_text(prompt: str, seed: int) -> str:
    rng = random.Random(seed)
    lines = rng.sample(_CONTINUATIONS, 3)
    tail = " ".join(prompt.split())[-160:]
    return f"«{tail}» " + " ".join(lines)
