"""``HealthPresenter``: the health of the user's own styles among Browse's results, for the cards' badges.

The editor's own checks answer at once; what only the live Horde knows (served models, dead links)
follows when the :class:`~horde_style_studio.workflows.health.HealthChecker` has asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from horde_style_studio.library import StyleLibrary, StyleRow
from horde_style_studio.ui.async_support import TaskRegistry

if TYPE_CHECKING:
    from horde_style_studio.domain.health import HealthIssue
    from horde_style_studio.domain.styles import AnyStyle
    from horde_style_studio.workflows.health import HealthChecker

TASK = "browse-health"


class HealthPresenter(QObject):
    """Signal: ``checked(dict)`` style id to its list of :class:`HealthIssue` (empty: healthy).

    ``until_attached``: even the editor's own checks wait for :meth:`attach`. They read the styles as models
    (pydantic), which the app loads with the server's side after the window's first paint (issue 18), so
    the badges of the first page follow right after it instead of holding it up.
    """

    checked = Signal(dict)

    def __init__(
        self,
        library: StyleLibrary,
        checker: HealthChecker | None = None,
        tasks: TaskRegistry | None = None,
        parent: QObject | None = None,
        *,
        until_attached: bool = False,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.checker = checker
        self._tasks = tasks
        self._unasked: list[AnyStyle] = []
        # The own rows shown while the checks wait for attach(), by id; None once they need not wait.
        self._held: dict[str, StyleRow] | None = {} if until_attached and checker is None else None

    def check(self, rows: Sequence[StyleRow]) -> None:
        if self._held is not None:
            self._held.update((row.id, row) for row in rows if row.mine)
            return
        styles = [style for row in rows if row.mine and (style := self.library.get_style(row.id)) is not None]
        if not styles:
            return
        from horde_style_studio.domain.health import style_health  # with the style models it checks

        self.checked.emit({style.id: style_health(style) for style in styles})
        self._ask(styles)

    def attach(self, checker: HealthChecker) -> None:
        """The live checks, from when the server's side of the app is up (after the first paint): the styles
        shown before then are asked about now."""
        self.checker = checker
        held, self._held = self._held, None
        if held:
            self.check(list(held.values()))
        else:
            self._ask(self._unasked)

    def _ask(self, styles: list[AnyStyle]) -> None:
        self._unasked = [] if self.checker is not None else styles
        if styles and self.checker is not None and self._tasks is not None:
            self._tasks.start(self._live(self.checker, styles), name=TASK)

    async def _live(self, checker: HealthChecker, styles: list[AnyStyle]) -> None:
        found: dict[str, list[HealthIssue]] = await checker.check(styles)
        self.checked.emit(found)
