"""``BulkPresenter``: the Browse tab's bulk edits, run one job at a time through the library's queue."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.bulk_glance import QueueGlance, glance
from horde_style_studio.ui.async_support import TaskRegistry

if TYPE_CHECKING:
    from horde_style_studio.api import HordeClientSession
    from horde_style_studio.library.bulk_queue import BulkItem, BulkJob, BulkQueue

    # The page names the targets it hands over (a page imports no library module itself).
    from horde_style_studio.library.bulk_queue import BulkTarget as BulkTarget
    from horde_style_studio.workflows.bulk import BulkOperation, BulkRunner

TASK = "bulk-edits"


class BulkPresenter(QObject):
    """Signals: ``changed(int)`` a job's progress or state moved (its id); ``finished(int)`` a job has
    nothing left to run; ``styles_changed()`` the library's copies of styles were edited; ``failed(str)``."""

    changed = Signal(int)
    finished = Signal(int)
    styles_changed = Signal()
    failed = Signal(str)

    def __init__(
        self,
        server: Callable[[], HordeClientSession],
        library: StyleLibrary,
        tasks: TaskRegistry,
        parent: QObject | None = None,
    ) -> None:
        """``server`` gives the session when a job first runs: Browse is built before the first paint, the
        api stack only after it (issue 18)."""
        super().__init__(parent)
        self._server = server
        self._library = library
        self._tasks = tasks

    @cached_property
    def queue(self) -> BulkQueue:
        # Made when a job is first asked about (its module's states and records are not needed for the first
        # paint, issue 18).
        from horde_style_studio.library.bulk_queue import BulkQueue

        return BulkQueue(self._library)

    @cached_property
    def runner(self) -> BulkRunner:
        from horde_style_studio.library.history import History
        from horde_style_studio.workflows.bulk import BulkRunner

        return BulkRunner(self._server(), self.queue, History(self._library), library=self._library)

    def glance(self) -> QueueGlance:
        """The newest job's id and whether one is unfinished, without making the queue (for the first paint,
        issue 18)."""
        return glance(self._library)

    def jobs(self) -> list[BulkJob]:
        return self.queue.jobs()

    def items(self, job_id: int) -> list[BulkItem]:
        return self.queue.items(job_id)

    def start(self, operation: BulkOperation, targets: Sequence[BulkTarget]) -> int | None:
        """Queue ``operation`` over ``targets`` and run the queue; None when there is nothing to do."""
        if not targets:
            self.failed.emit("Choose some of your own styles first: bulk edits change only your styles.")
            return None
        from horde_style_studio.workflows.bulk import enqueue

        job_id = enqueue(self.queue, operation, targets)
        self.changed.emit(job_id)
        self.run_queue()
        return job_id

    def pause(self, job_id: int) -> None:
        self.runner.pause(job_id)
        self.changed.emit(job_id)

    def resume(self, job_id: int) -> None:
        from horde_style_studio.library.bulk_queue import BulkJobState

        job = self.queue.job(job_id)
        if job is not None and job.state is BulkJobState.PAUSED:
            self.queue.set_job_state(job_id, BulkJobState.QUEUED)
            self.changed.emit(job_id)
            self.run_queue()

    def cancel(self, job_id: int) -> None:
        self.runner.cancel(job_id)
        self.changed.emit(job_id)

    def undo(self, job_id: int) -> int | None:
        """Queue a restore of every style ``job_id`` changed, from the History snapshots it took."""
        from horde_style_studio.workflows.bulk import enqueue_undo

        undo_id = enqueue_undo(self.queue, job_id)
        if undo_id is None:
            self.failed.emit("That bulk edit changed nothing that could be put back.")
            return None
        self.changed.emit(undo_id)
        self.run_queue()
        return undo_id

    def run_queue(self) -> None:
        """Run queued jobs, oldest first (a quit left them queued: this resumes them)."""
        if not self._tasks.running(TASK):
            self._tasks.start(self._drain(), name=TASK)

    async def _drain(self) -> None:
        from horde_style_studio.library.bulk_queue import BulkJobState

        while True:
            unfinished = self.queue.jobs(unfinished_only=True)
            waiting = [job for job in unfinished if job.state is BulkJobState.QUEUED]
            if not waiting:
                return
            job = min(waiting, key=lambda queued: queued.id)
            await self.runner.run(job.id, progress=lambda item: self.changed.emit(item.job_id))
            self.changed.emit(job.id)
            self.styles_changed.emit()
            if (done := self.queue.job(job.id)) is not None and done.state.finished:
                self.finished.emit(job.id)
