"""``HealthPresenter``: the health of the user's own styles among Browse's results, for the cards' badges.

The editor's own checks answer at once; what only the live Horde knows (served models, dead links)
follows when the :class:`~horde_style_studio.workflows.health.HealthChecker` has asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from horde_style_studio.domain.health import HealthIssue, style_health
from horde_style_studio.library import StyleLibrary, StyleRow
from horde_style_studio.ui.async_support import TaskRegistry

if TYPE_CHECKING:
    from horde_style_studio.domain.styles import AnyStyle
    from horde_style_studio.workflows.health import HealthChecker

TASK = "browse-health"


class HealthPresenter(QObject):
    """Signal: ``checked(dict)`` style id to its list of :class:`HealthIssue` (empty: healthy)."""

    checked = Signal(dict)

    def __init__(
        self,
        library: StyleLibrary,
        checker: HealthChecker | None = None,
        tasks: TaskRegistry | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.checker = checker
        self._tasks = tasks
        self._unasked: list[AnyStyle] = []

    def check(self, rows: Sequence[StyleRow]) -> None:
        styles = [style for row in rows if row.mine and (style := self.library.get_style(row.id)) is not None]
        if not styles:
            return
        self.checked.emit({style.id: style_health(style) for style in styles})
        self._ask(styles)

    def attach(self, checker: HealthChecker) -> None:
        """The live checks, from when the server's side of the app is up (after the first paint): the styles
        shown before then are asked about now."""
        self.checker = checker
        self._ask(self._unasked)

    def _ask(self, styles: list[AnyStyle]) -> None:
        self._unasked = [] if self.checker is not None else styles
        if styles and self.checker is not None and self._tasks is not None:
            self._tasks.start(self._live(self.checker, styles), name=TASK)

    async def _live(self, checker: HealthChecker, styles: list[AnyStyle]) -> None:
        found: dict[str, list[HealthIssue]] = await checker.check(styles)
        self.checked.emit(found)
