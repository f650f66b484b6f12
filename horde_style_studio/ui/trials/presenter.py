"""The Try window's presenter: what is tried, the estimate, the jobs under way, their results (issue 15).

The work is the Qt-free use case in ``workflows.trials``; this adds signals and task handling. Cancelling
(the Cancel button, closing the window, quitting the app) cancels the running task, which cancels the job
on the server; whatever is still tracked is cancelled again by the session when the app closes.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from horde_style_studio.api import HordeManualClient
from horde_style_studio.api.errors import HordeError
from horde_style_studio.domain.jobs import Job, JobRequest, spell_out_style
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import AnyStyle, ImageStyle
from horde_style_studio.domain.trials import Estimate, Trial, TrialResult
from horde_style_studio.library.trials import LibraryTrials
from horde_style_studio.services.image_checks import ImageCheckError
from horde_style_studio.services.image_hosts import ImageHost, ImageHostError, link_fetcher
from horde_style_studio.services.images import ImageFetcher
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.shared.decoding import ImageLimits, full_off_thread, in_decode_pool
from horde_style_studio.ui.trials.views import thumbnails
from horde_style_studio.workflows.make_examples import ExampleMaker, ExampleStep, MakeExamplesError
from horde_style_studio.workflows.trials import (
    Sleep,
    TrialError,
    TrialRunner,
    comparison,
    needs_confirmation,
    pick_seed,
    reference_requests,
    save_trial,
    unstyled_twin,
)

TRIAL_TASK = "trials.run"
EXAMPLES_TASK = "trials.examples"
_PRESENTERS = itertools.count(1)
STYLED, UNSTYLED, KEPT = "styled", "unstyled", "kept"


@dataclass(frozen=True)
class Subject:
    """What the Try window tries: a saved style, or an editor draft (sent merged, labelled unsaved)."""

    kind: StyleKind
    label: str
    style: AnyStyle | None = None
    template: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    models: tuple[str, ...] = ()
    unsaved: bool = False
    owner: str = ""
    mine: bool = False

    @classmethod
    def of_style(cls, style: AnyStyle, *, mine: bool = False) -> Subject:
        return cls(style.kind, style.name, style, owner=style.id, mine=mine)

    @classmethod
    def of_draft(
        cls,
        kind: StyleKind,
        label: str,
        template: str,
        params: dict[str, Any],
        models: Sequence[str],
        owner: str,
    ) -> Subject:
        return cls(kind, label, None, template, dict(params), tuple(models), unsaved=True, owner=owner)

    def request(self, prompt: str, n: int, seed: str) -> JobRequest:
        if self.style is not None:
            return JobRequest(kind=self.kind, prompt=prompt, style=self.style.id, n=n, seed=seed)
        plain = JobRequest(kind=self.kind, prompt=prompt, n=n, seed=seed)
        return spell_out_style(plain, template=self.template, params=self.params, models=list(self.models))

    def twin(self, prompt: str, n: int, seed: str) -> JobRequest:
        """The same prompt, seed, models and size without the style, for "Without the style"."""
        plain = JobRequest(kind=self.kind, prompt=prompt, n=n, seed=seed)
        if self.style is not None:
            return unstyled_twin(plain, self.style)
        size = {k: v for k, v in self.params.items() if k in ("width", "height")}
        return plain.model_copy(update={"models": list(self.models), "params": size})


class TrialPresenter(QObject):
    """Signals: ``estimated(Estimate)``; ``confirm_needed(Estimate)`` (above the Settings threshold: nothing
    was sent; call :meth:`start` again with ``confirmed``); ``seed_chosen(str)``; ``submitted(str, str,
    float)`` which side, job id, kudos; ``progress(str, JobProgress)``; ``finished(str, Trial)``;
    ``side_failed(str, str)`` one side (or compared style) ended without results, and why; ``failed(str)``;
    ``busy(bool)``; ``cancelled()``; ``examples_step(str)``; ``examples_made(ImageStyle)``;
    ``kept_ready(Trial)`` the last kept trial, once its pictures are decoded (see :meth:`show_kept`);
    ``spent()`` a run that sent jobs ended (finished, failed or cancelled): the account's kudos changed;
    ``full_size_ready(TrialResult, QImage | None, str)`` a picture decoded by :meth:`full_size`, or why not.
    """

    estimated = Signal(object)
    confirm_needed = Signal(object)
    seed_chosen = Signal(str)
    submitted = Signal(str, str, float)
    progress = Signal(str, object)
    finished = Signal(str, object)
    side_failed = Signal(str, str)
    failed = Signal(str)
    busy = Signal(bool)
    cancelled = Signal()
    examples_step = Signal(str)
    examples_made = Signal(object)
    kept_ready = Signal(object)
    spent = Signal()
    full_size_ready = Signal(object, object, str)

    def __init__(
        self,
        session: HordeManualClient,
        tasks: TaskRegistry,
        fetcher: ImageFetcher,
        *,
        threshold: Callable[[], float],
        book: LibraryTrials | None = None,
        host: Callable[[], ImageHost] | None = None,
        keep: Callable[[ImageStyle], object] | None = None,
        sandbox: bool = False,
        sleep: Sleep = asyncio.sleep,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self._runner = TrialRunner(session, fetcher, sleep=sleep)
        self._threshold = threshold
        self._book = book
        self._host = host
        self._keep = keep
        self._sandbox = sandbox
        # The app's task registry is shared and a named task cancels the previous one of that name: each
        # window's presenter has names of its own, so trying in one window never cancels another's job.
        number = next(_PRESENTERS)
        self._trial_task = f"{TRIAL_TASK}:{number}"
        self._examples_task = f"{EXAMPLES_TASK}:{number}"
        self._kept_task = f"trials.kept:{number}"
        self.subject: Subject | None = None
        self.trials: dict[str, Trial] = {}
        # Per side, the results' pictures at icon size (see views.thumbnails), ready before `finished`.
        self.icons: dict[str, list[QImage | None]] = {}
        self._sent = 0  # jobs submitted by the run under way

    # -- what is tried -------------------------------------------------------------------------------------
    def set_subject(self, subject: Subject) -> None:
        self.cancel()
        self.subject = subject
        self.trials.clear()
        self.icons.clear()

    def show_kept(self) -> None:
        """The subject's last kept trial, its pictures decoded off the UI thread: ``kept_ready(Trial)``, with
        its icons in ``icons[KEPT]``."""
        kept = self.kept_trials()
        if kept:
            self._tasks.start(self._decode_kept(kept[0]), name=self._kept_task)

    async def _decode_kept(self, trial: Trial) -> None:
        self.icons[KEPT] = await in_decode_pool(thumbnails, trial.results)
        if not self.running:  # a trial started meanwhile: its own results take the place
            self.kept_ready.emit(trial)

    def kept_trials(self) -> list[Trial]:
        if self._book is None or self.subject is None or not self.subject.owner:
            return []
        return self._book.trials_of(self.subject.owner)

    @property
    def running(self) -> bool:
        return self._tasks.running(self._trial_task)

    # -- trying --------------------------------------------------------------------------------------------
    def start(
        self, prompt: str, n: int, seed: str | None, *, unstyled: bool, confirmed: bool = False
    ) -> None:
        subject = self.subject
        if subject is None or not prompt.strip() or self.running:
            return
        chosen = seed.strip() if seed and seed.strip() else pick_seed()
        self.seed_chosen.emit(chosen)
        request = subject.request(prompt, n, chosen)
        twin = subject.twin(prompt, n, chosen) if unstyled else None
        self._tasks.start(self._try(subject, request, twin, confirmed), name=self._trial_task)

    def cancel(self) -> None:
        self._tasks.cancel(self._kept_task)
        if self._tasks.running(self._trial_task):
            self._tasks.cancel(self._trial_task)
            self.cancelled.emit()

    async def _try(
        self, subject: Subject, request: JobRequest, twin: JobRequest | None, confirmed: bool
    ) -> None:
        self._begin()
        try:
            estimate = await self._estimate(subject, request, twin)
            self.estimated.emit(estimate)
            if not confirmed and needs_confirmation(estimate, self._threshold()):
                self.confirm_needed.emit(estimate)
                return
            sides = [(STYLED, Trial(subject.kind, subject.label, request, draft=subject.unsaved,
                                    owner=subject.owner))]  # fmt: skip
            if twin is not None:
                sides.append((UNSTYLED, Trial(subject.kind, "Without the style", twin)))
            await asyncio.gather(*(self._run_side(which, trial) for which, trial in sides))
        except (HordeError, TrialError) as err:
            self.failed.emit(str(err))
        finally:
            self._end()

    def _begin(self) -> None:
        self._sent = 0
        self.busy.emit(True)

    def _end(self) -> None:
        self.busy.emit(False)
        if self._sent:
            self.spent.emit()

    async def _estimate(self, subject: Subject, request: JobRequest, twin: JobRequest | None) -> Estimate:
        estimate = await self._runner.estimate(request, subject.style)
        if twin is None:
            return estimate
        extra = await self._runner.estimate(twin)
        return Estimate(estimate.kudos + extra.kudos, f"{estimate.how}; with the unstyled comparison")

    async def _run_side(self, which: str, trial: Trial) -> None:
        def submitted(job: Job) -> None:
            self._sent += 1
            self.submitted.emit(which, job.id, job.kudos)

        try:
            await self._runner.run(
                trial, on_submitted=submitted, on_progress=lambda p: self.progress.emit(which, p)
            )
        except (HordeError, TrialError) as err:
            # One style nobody can run must not hide the others' results: said in its own place.
            self.side_failed.emit(which, str(err))
            return
        self.icons[which] = await in_decode_pool(thumbnails, trial.results)
        self.trials[which] = trial
        if which == STYLED and self._book is not None and trial.owner:
            self._book.keep_trial(trial)
        self.finished.emit(which, trial)

    # -- comparing -----------------------------------------------------------------------------------------
    def compare(self, styles: Sequence[AnyStyle], prompt: str, seed: str | None) -> list[Trial]:
        """One trial per style, run side by side; each reports as ``finished("compare:<i>", trial)``."""
        chosen = seed.strip() if seed and seed.strip() else pick_seed()
        self.seed_chosen.emit(chosen)
        trials = comparison(styles, prompt, chosen)
        self._tasks.start(self._compare(trials), name=self._trial_task)
        return trials

    async def _compare(self, trials: list[Trial]) -> None:
        self._begin()
        try:
            await asyncio.gather(*(self._run_side(f"compare:{i}", t) for i, t in enumerate(trials)))
        except (HordeError, TrialError) as err:
            self.failed.emit(str(err))
        finally:
            self._end()

    # -- the full-size view --------------------------------------------------------------------------------
    def full_size(self, result: TrialResult) -> None:
        """Decode ``result``'s picture in the shared decode pool, within its memory budget:
        ``full_size_ready(result, image, "")`` or ``(result, None, why)``."""
        self._tasks.start(self._full_size(result))

    async def _full_size(self, result: TrialResult) -> None:
        if not result.data:
            self.full_size_ready.emit(result, None, "This result has no picture.")
            return
        try:
            image = await full_off_thread(result.data, ImageLimits())
        except ImageCheckError as err:
            self.full_size_ready.emit(result, None, str(err))
            return
        self.full_size_ready.emit(result, image, "")

    # -- keeping -------------------------------------------------------------------------------------------
    def save(self, folder: Path) -> list[Path]:
        written: list[Path] = []
        for trial in self.trials.values():
            written += save_trial(trial, folder)
        return written

    def reference_set(self, own_prompts: Sequence[str]) -> None:
        """Generate the reference set (person, place, thing, own prompts) on the fixed seed."""
        subject = self.subject
        if subject is None or subject.style is None or self.running:
            return
        trials = [
            Trial(subject.kind, label, request, owner=subject.owner)
            for label, request in reference_requests(subject.style.id, own_prompts)
        ]
        self._tasks.start(self._compare(trials), name=self._trial_task)

    def make_examples(self, picks: Sequence[TrialResult], primary: int) -> None:
        subject = self.subject
        if subject is None or not isinstance(subject.style, ImageStyle) or self._host is None:
            return
        self._tasks.start(self._make(subject.style, list(picks), primary), name=self._examples_task)

    async def _make(self, style: ImageStyle, picks: list[TrialResult], primary: int) -> None:
        assert self._host is not None
        self.busy.emit(True)
        fetcher: ImageFetcher | None = None
        try:
            host = self._host()
            fetcher = link_fetcher(host, sandbox=self._sandbox)
            maker = ExampleMaker(self._session, host, fetcher)

            def step(done: ExampleStep) -> None:
                self.examples_step.emit(f"Picture {done.index + 1} of {done.total}: {done.doing}…")

            current = await self._session.get_style(StyleKind.IMAGE, style.id)
            made = await maker.make(current, picks, primary, step)
            if self._keep is not None:
                self._keep(made)  # Browse and the Examples tab show the new examples at once
            self.examples_made.emit(made)
        except (ImageHostError, MakeExamplesError, HordeError) as err:
            self.failed.emit(str(err))
        finally:
            if fetcher is not None:
                await fetcher.aclose()
            self.busy.emit(False)
