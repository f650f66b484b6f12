"""Keeps the local library fresh: a light refresh after each sign-in and a full one on request (View ▸
Refresh library), in the background, cancellable, never blocking the window."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.api.errors import HordeError
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import LibraryError, StyleLibrary, SyncBusyError
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.workflows.sync.followup import LIST_NAMES, FollowUp, follow_up
from horde_style_studio.workflows.sync.library_sync import LibrarySync, gone_question, report_problems

log = logging.getLogger(__name__)
TASK = "library-sync"
RETRY_TASK = "library-sync-retry"


class LibraryPresenter(QObject):
    """Runs :class:`LibrarySync` as one named task (a new refresh replaces one under way).

    Signals: ``busy(bool)``; ``progress(str)`` after every page, in words; ``refreshed()`` once the library
    holds the new pages; ``last_refreshed(object)`` with the newest refresh time (a ``datetime`` or None);
    ``failed(str)`` with a sentence for the message bar (what was fetched before a failure is kept; also
    after a refresh that left rows unread or held back marking most of a list gone);
    ``cancelled()`` when the user stopped it (the next refresh resumes where this one stopped);
    ``incomplete(FollowUp)`` when lists could not be fetched whole: what is missing and when the
    presenter tries them again (it does, through ``wait_for_retry``);
    ``gone_held_back(str)`` with a question, when a full refresh would have marked most of a list gone (the
    answer "yes" is ``refresh(light=False, confirm_gone=True)``).
    """

    busy = Signal(bool)
    progress = Signal(str)
    refreshed = Signal()
    last_refreshed = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    incomplete = Signal(object)
    gone_held_back = Signal(str)

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        tasks: TaskRegistry,
        *,
        local_server: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # The sandbox runs in this process: no rate limits to respect, so take all of it at once. A real
        # server gets the light start-up refresh (first page of each list) that the 2/s and 20/hour limits
        # allow (§1); the full walk is the user's "Refresh library".
        self._local = local_server
        self._library = library
        self._sync = LibrarySync(session, library, min_interval=0.0 if local_server else 0.55)
        self._tasks = tasks
        self._stopped_by_user = False
        self.wait_for_retry: Callable[[float], Awaitable[None]] = asyncio.sleep

    @property
    def running(self) -> bool:
        return self._tasks.running(TASK)

    def refresh(
        self, *, light: bool | None = None, lists: Collection[str] | None = None, confirm_gone: bool = False
    ) -> None:
        """Refresh every list, or only ``lists`` (``image``, ``text``, ``collections``, ``mine``)."""
        if lists is None:
            self._tasks.cancel(RETRY_TASK)  # a whole refresh covers what was put off
        light = self._local is False if light is None else light
        self._tasks.start(self._run(light, lists, confirm_gone), name=TASK)

    def cancel(self) -> None:
        if self._tasks.running(TASK):
            self._stopped_by_user = True
            self._tasks.cancel(TASK)

    def newest_refresh(self) -> datetime | None:
        return self._library.newest_style_sync_at()

    def _report(self, list_name: str, seen: int, page: int) -> None:
        what = LIST_NAMES.get(list_name, list_name)
        self.progress.emit(f"Refreshing {what}: {seen:,} so far (page {page})")

    async def _run(
        self, light: bool, lists: Collection[str] | None = None, confirm_gone: bool = False
    ) -> None:
        self._stopped_by_user = False
        self.busy.emit(True)
        later: FollowUp | None = None
        wanted = [k for k in (StyleKind.IMAGE, StyleKind.TEXT) if lists is None or k.value in lists]
        try:
            report = await self._sync.run(
                wanted,
                light=light,
                collections=lists is None or "collections" in lists,
                own_styles=lists is None or "mine" in lists,
                progress=self._report,
                confirm_gone=confirm_gone,
            )
            later = follow_up(report)
        except SyncBusyError:
            return
        except asyncio.CancelledError:
            if self._stopped_by_user:  # not when the app is shutting down
                self.cancelled.emit()
            raise
        except (HordeError, LibraryError) as err:
            self.failed.emit(f"Could not refresh the style library: {err}")
            return
        finally:
            self.busy.emit(False)
            self.last_refreshed.emit(self.newest_refresh())
        log.info("library refreshed (%s)", "light" if light else "full")
        self.refreshed.emit()
        if (problems := report_problems(report)) is not None:
            self.failed.emit(f"The style library was refreshed, with exceptions. {problems}")
        if (question := gone_question(report)) is not None:
            self.gone_held_back.emit(question)
        if later is not None:
            self.incomplete.emit(later)
            self._tasks.start(self._retry(later, light), name=RETRY_TASK)

    async def _retry(self, later: FollowUp, light: bool) -> None:
        await self.wait_for_retry(max(0.0, (later.at - datetime.now(UTC)).total_seconds()))
        self.refresh(light=light, lists=later.lists)
