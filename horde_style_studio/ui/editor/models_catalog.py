"""The models workers serve right now, per style kind (§7), for the models field's completion and notes.

Read once per kind and only after the editor was first shown, so starting the app sends no request for it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.async_support import TaskRegistry

log = logging.getLogger(__name__)


def task_name(kind: StyleKind) -> str:
    return f"editor.models.{kind.value}"


class ModelsCatalog(QObject):
    """Signals: ``known(StyleKind, object)`` the served model names, or None when they could not be read."""

    known = Signal(object, object)

    def __init__(
        self, session: HordeManualClient, tasks: TaskRegistry, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self._names: dict[StyleKind, list[str]] = {}
        self.wanted = False

    def want(self, kind: StyleKind) -> None:
        """The editor is on screen: from now on each kind's models are read as a style of it opens."""
        self.wanted = True
        self.load(kind)

    def load(self, kind: StyleKind) -> None:
        if not self.wanted:
            return
        if kind in self._names:
            self.known.emit(kind, self._names[kind])
        elif not self._tasks.running(task_name(kind)):
            self._tasks.start(self._read(kind), name=task_name(kind))

    def close(self) -> None:
        for kind in StyleKind:
            self._tasks.cancel(task_name(kind))

    async def _read(self, kind: StyleKind) -> None:
        try:
            models = await self._session.models_status(kind)
        except Exception as err:  # completion is a convenience; typing any name still works
            log.info("could not read the served %s models: %s", kind.value, err)
            self.known.emit(kind, None)
            return
        self._names[kind] = sorted({model.name for model in models}, key=str.casefold)
        self.known.emit(kind, self._names[kind])
