"""Running bulk edits through one patient queue: every limit respected, every change undoable.

Each item: read the style fresh, keep it in History, change it, PATCH the full object (§2.5). The limits
of §1 are met by waiting rather than failing: at most one request per ``min_interval`` (5.1.5 allows 2 a
second per address, across every route, so the runner takes one and leaves the other to the rest of the
app), and a 429 or a budget the api layer knows is spent (on 5.1.5 a style's id allows 20 requests an
hour, per method) puts that item back with a "not before" time while the other items go on. The api
layer's own retries of short 429s stay its business: the runner only defers what reached it. The queue
lives in the library, so quitting half-way and starting again carries on with the items still pending.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Final, TypeVar

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.budgets import RouteBudgetSpentError
from horde_style_studio.api.errors import (
    HordeError,
    HordeTransportError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TextPatchUnsupportedError,
)
from horde_style_studio.api.references import member_reference
from horde_style_studio.api.retry import RATE_WINDOW, rate_limit_wait
from horde_style_studio.domain.collections import CollectionWrite
from horde_style_studio.domain.diff import payload_of
from horde_style_studio.domain.styles import AnyStyle, style_write_model
from horde_style_studio.domain.validation import validate_style
from horde_style_studio.library.bulk_queue import (
    BulkItem,
    BulkJob,
    BulkJobState,
    BulkQueue,
    BulkTarget,
    ItemState,
)
from horde_style_studio.library.history import LibraryHistory, SnapshotReason
from horde_style_studio.library.writes import LibraryWrites
from horde_style_studio.workflows.bulk.operations import BulkAction, BulkOperation

log = logging.getLogger(__name__)
_T = TypeVar("_T")

MIN_INTERVAL: Final = RATE_WINDOW  # one of the address's 2 requests per second (§1)
DEFAULT_WAIT: Final = 60.0  # a 429 without Retry-After
TRANSPORT_WAIT: Final = 30.0
MAX_ATTEMPTS: Final = 8  # a transport error or 5xx this often, and the item fails
NAP: Final = 5.0  # the longest single sleep, so pause and cancel are noticed soon
TEXT_PATCH_REFUSED: Final = (
    "This server (AI Horde 5.1.5) cannot edit text styles in place; the editor can delete and recreate it."
)

Progress = Callable[[BulkItem], None]
Sleep = Callable[[float], Awaitable[None]]


class _UnchangedError(Exception):
    """The style already is as the edit asks: nothing to send."""


class _RefusedError(Exception):
    """Checked before sending: the server would refuse the changed style (the editor's own checks)."""


def enqueue(queue: BulkQueue, operation: BulkOperation, targets: Sequence[BulkTarget]) -> int:
    """Queue ``operation`` over ``targets``; returns the job id (nothing is sent yet)."""
    return queue.enqueue(operation.model_dump(mode="json"), operation.label(len(targets)), targets)


def enqueue_undo(queue: BulkQueue, job_id: int) -> int | None:
    """A restore job putting back what ``job_id`` changed, from the snapshots it took; None if none."""
    targets = [
        BulkTarget(item.style_id, item.kind, item.name, restore_from=item.snapshot_seq)
        for item in queue.items(job_id)
        if item.state is ItemState.DONE and item.snapshot_seq is not None
    ]
    if not targets:
        return None
    return enqueue(queue, BulkOperation(action=BulkAction.RESTORE), targets)


class BulkRunner:
    """Runs one queue's jobs over one session. ``clock`` and ``sleep`` are injectable for tests."""

    def __init__(
        self,
        session: HordeClientSession,
        queue: BulkQueue,
        history: LibraryHistory,
        *,
        library: LibraryWrites | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Sleep = asyncio.sleep,
        min_interval: float = MIN_INTERVAL,
    ) -> None:
        self.session = session
        self.queue = queue
        self.history = history
        self.library = library
        self._clock = clock
        self._sleep = sleep
        self._min_interval = min_interval
        self._last_request = float("-inf")

    def pause(self, job_id: int) -> None:
        """Stop after the item in flight; :meth:`run` returns and a later run resumes."""
        self.queue.set_job_state(job_id, BulkJobState.PAUSED)

    def cancel(self, job_id: int) -> None:
        """Stop for good: pending items are marked cancelled (what was done stays done, and undoable)."""
        self.queue.set_job_state(job_id, BulkJobState.CANCELLED)

    async def run(self, job_id: int, progress: Progress | None = None) -> BulkJob:
        """Work on ``job_id`` until every item settled, or it is paused or cancelled."""
        job = self.queue.job(job_id)
        if job is None or job.state.finished:
            raise ValueError(f"bulk job {job_id} has nothing left to run")
        operation = BulkOperation.model_validate(job.operation)
        self.queue.set_job_state(job_id, BulkJobState.RUNNING)
        try:
            await self._work(job_id, operation, progress)
        finally:
            current = self.queue.job(job_id)
            if current is not None and current.state is BulkJobState.RUNNING:
                # Interrupted (the app quit, the task was cancelled): queued again for the next start.
                self.queue.set_job_state(job_id, BulkJobState.QUEUED)
        final = self.queue.job(job_id)
        assert final is not None  # jobs are never removed while running
        return final

    async def _work(self, job_id: int, operation: BulkOperation, progress: Progress | None) -> None:
        while True:
            job = self.queue.job(job_id)
            if job is None or job.state is not BulkJobState.RUNNING:
                return
            item = self.queue.next_ready(job_id, self._clock())
            if item is None:
                wait_until = self.queue.earliest_wait(job_id)
                if wait_until is None:
                    self.queue.set_job_state(job_id, BulkJobState.DONE)
                    return
                await self._sleep(min(NAP, max(0.0, wait_until - self._clock())))
                continue
            await self._one(item, operation)
            if progress is not None:
                progress(next(i for i in self.queue.items(job_id) if i.position == item.position))

    async def _one(self, item: BulkItem, operation: BulkOperation) -> None:
        try:
            message = await self._apply(item, operation)
        except _UnchangedError as why:
            self.queue.settle(item, ItemState.UNCHANGED, str(why))
        except _RefusedError as why:
            self.queue.settle(item, ItemState.FAILED, str(why))
        except TextPatchUnsupportedError:
            # §2.5 / §9 B4: 5.1.5 refuses every text-style PATCH; trying again only spends the budget.
            self.queue.settle(item, ItemState.FAILED, TEXT_PATCH_REFUSED)
        except RouteBudgetSpentError as err:
            # Nothing was sent: the api layer knows this id's hourly budget is spent until its reset.
            wait = max(0.0, err.resets_at - self._clock())
            self.queue.defer(item, err.resets_at, f"Waiting for the server's hourly limit ({wait:.0f} s).")
        except RateLimitedError as err:
            wait = rate_limit_wait(err, at_least=RATE_WINDOW, unknown=DEFAULT_WAIT)
            self.queue.defer(
                item, self._clock() + wait, f"Waiting for the server's rate limit ({wait:.0f} s)."
            )
        except (HordeTransportError, ServerError) as err:
            if item.attempts + 1 >= MAX_ATTEMPTS:
                self.queue.settle(item, ItemState.FAILED, _one_line(err))
            else:
                self.queue.defer(item, self._clock() + TRANSPORT_WAIT, _one_line(err))
        except HordeError as err:
            self.queue.settle(item, ItemState.FAILED, _one_line(err))
        else:
            self.queue.settle(item, ItemState.DONE, message)

    async def _apply(self, item: BulkItem, operation: BulkOperation) -> str:
        if operation.action is BulkAction.ADD_TO_COLLECTION:
            return await self._add_to_collection(item, operation)
        if operation.action is BulkAction.RESTORE:
            return await self._restore(item)
        current = await self._current(item)
        if operation.action is BulkAction.DELETE:
            self._snapshot(item, current, SnapshotReason.DELETE)
            await self._request(lambda: self.session.delete_style(item.kind, item.style_id))
            if self.library is not None:
                self.library.mark_style_deleted(item.style_id)
            return "Deleted."
        before = payload_of(current)
        after = operation.apply(before)
        if after == before:
            raise _UnchangedError("Already as asked; nothing was sent.")
        return await self._patch(item, current, after)

    async def _patch(self, item: BulkItem, current: AnyStyle, document: dict[str, Any]) -> str:
        problems = validate_style(item.kind, document, creating=False)
        if problems:
            raise _RefusedError("; ".join(problem.message for problem in problems))
        self._snapshot(item, current, SnapshotReason.PATCH)
        payload: Any = style_write_model(item.kind).model_validate(document)
        await self._request(lambda: self.session.patch_style(item.kind, item.style_id, payload))
        self._mirror(current, document)
        return "Changed."

    async def _current(self, item: BulkItem) -> AnyStyle:
        """The style as the server has it; after a snapshot, the snapshot (no second read, no second copy)."""
        if item.snapshot_seq is not None:
            snapshot = self.history.snapshot(item.snapshot_seq)
            style = snapshot.style() if snapshot is not None else None
            if style is not None:
                return style
        return await self._request(lambda: self.session.get_style(item.kind, item.style_id))

    def _snapshot(self, item: BulkItem, style: AnyStyle, reason: SnapshotReason) -> None:
        if item.snapshot_seq is None:
            self.queue.remember_snapshot(item, self.history.take_snapshot(style, reason).seq)

    async def _restore(self, item: BulkItem) -> str:
        snapshot = self.history.snapshot(item.restore_from) if item.restore_from is not None else None
        old = snapshot.style() if snapshot is not None else None
        if snapshot is None or old is None:
            raise _RefusedError("The History snapshot to restore is gone.")
        if snapshot.reason is SnapshotReason.DELETE:
            result = await self._request(
                lambda: self.session.create_style(
                    item.kind, style_write_model(item.kind).model_validate(payload_of(old))
                )
            )
            if result.id:
                self.history.link_recreated(item.style_id, result.id)
            return "Created again (a new id)."
        try:
            current = await self._current(item)
        except NotFoundError:
            raise _RefusedError(
                "The style was deleted since; restore it from History in the editor."
            ) from None
        document = payload_of(old)
        if document == payload_of(current):
            raise _UnchangedError("Already as it was.")
        await self._patch(item, current, document)
        return "Restored."

    async def _add_to_collection(self, item: BulkItem, operation: BulkOperation) -> str:
        collection_id = operation.collection_id
        if collection_id is None:
            raise _RefusedError("No collection was chosen.")
        collection = await self._request(lambda: self.session.get_collection(collection_id))
        if any(member.id == item.style_id for member in collection.styles):
            raise _UnchangedError("Already in the collection.")
        members = [member_reference(member.name) for member in collection.styles] + [item.style_id]
        payload = CollectionWrite(
            name=collection.name, info=collection.info, public=collection.public, styles=members
        )
        await self._request(lambda: self.session.patch_collection(collection.id, payload))
        return f"Added to {collection.name}."

    async def _request(self, call: Callable[[], Awaitable[_T]]) -> _T:
        """One request, no sooner than ``min_interval`` after the previous one."""
        gap = self._last_request + self._min_interval - self._clock()
        if gap > 0:
            await self._sleep(gap)
        self._last_request = self._clock()
        return await call()

    def _mirror(self, current: AnyStyle, document: dict[str, Any]) -> None:
        if self.library is None:
            return
        fields = {
            key: document[key] for key in ("name", "info", "prompt", "public", "nsfw", "tags", "models")
        }
        changed = current.model_copy(update={**fields, "info": fields["info"] or ""})
        self.library.upsert_styles(
            current.kind, [changed], datetime.fromtimestamp(self._clock(), UTC), mine=True
        )


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
