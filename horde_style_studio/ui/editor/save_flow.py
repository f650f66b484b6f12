"""The presenter's side of review, save, recreate and delete: each round trip (``workflows.editing.saving``)
runs as one of its tasks, and its :class:`Outcome` becomes the presenter's signals."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from horde_style_studio.api.errors import HordeError
from horde_style_studio.workflows.editing import messages
from horde_style_studio.workflows.editing.saving import Outcome, StyleSaving
from horde_style_studio.workflows.editing.state import EditorState

if TYPE_CHECKING:
    from horde_style_studio.ui.editor.presenter import EditorPresenter


class SaveFlow:
    """Starts the round trips of one presenter and shows how they ended."""

    def __init__(self, presenter: EditorPresenter, saving: StyleSaving) -> None:
        self.p = presenter
        self.saving = saving

    def review(self) -> None:
        """Re-fetch the server's copy and show exactly what saving will change (nothing is sent yet)."""
        p, state = self.p, self.p.state
        if (blocked := p.save_blocked()) is not None:
            p.blocked.emit(blocked)
        elif (offline := self.saving.offline_review(state)) is not None:
            p.reviewed.emit(offline)
        else:
            p.run(self._review(state))

    async def _review(self, state: EditorState) -> None:
        try:
            review = await self.saving.review(state)
        except HordeError as err:
            self.p.failed.emit(f"Could not read the server's copy to compare: {err}")
            return
        if state is self.p.state:
            self.p.reviewed.emit(self.saving.reviewed(review))

    def save(self) -> None:
        """Send what the last review showed; an edit since then means reviewing again first."""
        p, state = self.p, self.p.state
        if self.saving.needs_review(state):
            self.review()
        elif (blocked := p.save_blocked()) is not None:
            p.blocked.emit(blocked)
        else:
            username = self._username()
            p.run(self._shown(state, lambda: self.saving.save(state, username)))

    def recreate(self) -> None:
        state = self.saving.pending_recreate()
        if state is None:
            self.p.failed.emit("There is no refused edit to recreate; save again first.")
            return
        username = self._username()
        self.p.run(self._shown(state, lambda: self.saving.recreate(username)))

    def delete(self) -> None:
        """Delete the open style; the page has asked for confirmation already."""
        p, state = self.p, self.p.state
        if (blocked := p.delete_blocked()) is not None or state.style_id is None:
            p.failed.emit(blocked or messages.NEW_ONLY)
            return
        p.run(self._deleted(state))

    async def _deleted(self, state: EditorState) -> None:
        outcome = await self.saving.delete(state)
        if outcome.failure is not None:
            self.p.failed.emit(outcome.failure)
            return
        self.p.settle(state)
        if state is self.p.state:
            self.p.new_style(state.kind)
        self.p.deleted.emit(outcome.done)
        self.p.refresh_history()

    async def _shown(self, state: EditorState, round_trip: Callable[[], Awaitable[Outcome]]) -> None:
        # The round trip starts inside the task, so a task cancelled before it runs leaves nothing unawaited.
        self._show(state, await round_trip())

    def _show(self, state: EditorState, outcome: Outcome) -> None:
        p = self.p
        if outcome.settled:
            p.settle(state)
        if outcome.problems:
            p.server_problems.emit(outcome.problems)
        if outcome.question is not None:
            p.patch_unsupported.emit(outcome.question)
        elif outcome.failure is not None:
            p.failed.emit(outcome.failure)
        else:
            p.saved.emit(outcome.done)
            if outcome.warnings:
                p.warned.emit(outcome.warnings)
        if outcome.history:
            p.refresh_history()

    def _username(self) -> str | None:
        return self.p.account.username if self.p.account else None
