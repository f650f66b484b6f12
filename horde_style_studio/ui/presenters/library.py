"""Keeps the local library fresh: a sync in the background after each sign-in, never blocking the window."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.api.errors import HordeError
from horde_style_studio.library import LibraryError, StyleLibrary, SyncBusyError
from horde_style_studio.library.sync import LibrarySync
from horde_style_studio.ui.async_support import TaskRegistry

log = logging.getLogger(__name__)
TASK = "library-sync"


class LibraryPresenter(QObject):
    """Runs :class:`LibrarySync` as one named task (a new refresh replaces one under way).

    Signals: ``busy(bool)``; ``refreshed()`` once the library holds the new pages; ``failed(str)`` with a
    sentence for the message bar (what was fetched before the failure is kept).
    """

    busy = Signal(bool)
    refreshed = Signal()
    failed = Signal(str)

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
        self._sync = LibrarySync(session, library, min_interval=0.0 if local_server else 0.55)
        self._tasks = tasks

    def refresh(self, *, light: bool | None = None) -> None:
        self._tasks.start(self._run(self._local is False if light is None else light), name=TASK)

    async def _run(self, light: bool) -> None:
        self.busy.emit(True)
        try:
            report = await self._sync.run(light=light)
        except SyncBusyError:
            return
        except (HordeError, LibraryError) as err:
            self.failed.emit(f"Could not refresh the style library: {err}")
            return
        finally:
            self.busy.emit(False)
        log.info("library refreshed (%s)", "light" if light else "full")
        del report
        self.refreshed.emit()
