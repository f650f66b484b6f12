"""Review, save, recreate and delete, as the presenter's tasks.

Questions are asked before a task starts or between two tasks (DESIGN qasync rule 4): a 5.1.5 text-style
PATCH that fails ends its task with ``patch_unsupported``; the page asks, and ``recreate`` starts another.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from horde_style_studio.api.errors import (
    BadRequestError,
    HordeError,
    TextPatchUnsupportedError,
    ValidationFailedError,
)
from horde_style_studio.domain.diff import diff_styles
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.library import LibraryError
from horde_style_studio.workflows.editing import messages
from horde_style_studio.workflows.editing.document import Document, blank_document, document_of
from horde_style_studio.workflows.editing.server_errors import server_problems
from horde_style_studio.workflows.editing.state import EditorState
from horde_style_studio.workflows.editing.style_edits import RecreateFailedError, Review, Saved

if TYPE_CHECKING:
    from horde_style_studio.ui.editor.presenter import EditorPresenter


class SaveFlow:
    """The server side of one presenter: what was last reviewed, and a recreate waiting for a yes."""

    def __init__(self, presenter: EditorPresenter) -> None:
        self.p = presenter
        self.last_review: Review | None = None
        self._recreate: tuple[EditorState, AnyStyle, Document] | None = None

    def forget(self) -> None:
        self.last_review, self._recreate = None, None

    # -- review ----------------------------------------------------------------------------------------------
    def review(self) -> None:
        """Re-fetch the server's copy and show exactly what saving will change (nothing is sent yet)."""
        p, state = self.p, self.p.state
        if (blocked := p.save_blocked()) is not None:
            p.failed.emit(blocked)
            return
        sent = copy.deepcopy(state.doc)
        if state.creating or state.style_id is None:
            self._reviewed(Review(state.kind, sent, diff_styles(None, sent), creating=True))
            return
        p.run(self._review(state, state.style_id, sent))

    async def _review(self, state: EditorState, style_id: str, sent: Document) -> None:
        try:
            review = await self.p.server.review(state.kind, style_id, state.base, state.served, sent)
        except HordeError as err:
            self.p.failed.emit(f"Could not read the server's copy to compare: {err}")
            return
        if state is self.p.state:
            self._reviewed(review)

    def _reviewed(self, review: Review) -> None:
        self.last_review = review
        self.p.reviewed.emit(review)

    # -- save ------------------------------------------------------------------------------------------------
    def save(self) -> None:
        """Send what the last review showed; an edit since then means reviewing again first."""
        p, review = self.p, self.last_review
        if review is None or review.sent != p.state.doc or review.kind is not p.state.kind:
            self.review()
            return
        if (blocked := p.save_blocked()) is not None:
            p.failed.emit(blocked)
            return
        if review.creating or review.gone or review.server is None:
            p.run(self._create(p.state, review.sent))
        else:
            p.run(self._patch(p.state, review.server, review.sent))

    async def _create(self, state: EditorState, sent: Document) -> None:
        username = self.p.account.username if self.p.account else None
        try:
            saved = await self.p.server.create(state.kind, sent, username)
        except HordeError as err:
            await self._create_failed(state, sent, err, username)
            return
        self._done(
            state, saved, sent, messages.saved(saved.served.name if saved.served else state.name, True)
        )

    async def _create_failed(
        self, state: EditorState, sent: Document, err: HordeError, username: str | None
    ) -> None:
        self.p.server_problems.emit(server_problems(err))
        half = None
        if isinstance(err, BadRequestError) and not isinstance(err, ValidationFailedError):
            half = await self.p.server.half_made(state.kind, username, str(sent.get("name", "")))
        if half is None:
            self.p.failed.emit(str(err))
            return
        # §9 B12: the row exists without models and tags; saving now PATCHes it into shape.
        base = document_of(half)
        state.style_id, state.served, state.base, state.pristine = half.id, half, base, copy.deepcopy(base)
        state.checked()
        self.p.settle(state)
        self.p.failed.emit(messages.half_made(str(err), half.name))

    async def _patch(self, state: EditorState, server: AnyStyle, sent: Document) -> None:
        assert state.style_id is not None  # a review of a style on the server led here
        try:
            saved = await self.p.server.patch(state.kind, state.style_id, sent, server)
        except TextPatchUnsupportedError:
            self._recreate = (state, server, sent)
            self.p.patch_unsupported.emit(messages.recreate_question(server.name, server.use_count))
            return
        except HordeError as err:
            self.p.server_problems.emit(server_problems(err))
            self.p.failed.emit(str(err))
            return
        except LibraryError as err:
            self.p.failed.emit(f"Nothing was sent: the current version could not be kept in History. {err}")
            return
        self._done(state, saved, sent, messages.saved(state.name, False))

    # -- recreate (5.1.5 text styles) ------------------------------------------------------------------------
    def recreate(self) -> None:
        pending, self._recreate = self._recreate, None
        if pending is None:
            self.p.failed.emit("There is no refused edit to recreate; save again first.")
            return
        self.p.run(self._recreated(*pending))

    async def _recreated(self, state: EditorState, server: AnyStyle, sent: Document) -> None:
        username = self.p.account.username if self.p.account else None
        try:
            saved = await self.p.server.recreate(state.kind, server, sent, username)
        except RecreateFailedError as err:
            state.style_id, state.served, state.base = None, None, None
            state.pristine = blank_document(state.kind)
            state.checked()
            self.p.settle(state)
            self.p.server_problems.emit(server_problems(err.cause))
            self.p.failed.emit(messages.recreate_failed(str(err.cause)))
            return
        except (HordeError, LibraryError) as err:
            self.p.failed.emit(str(err))
            return
        self._done(state, saved, sent, messages.recreated(state.name, server.use_count))

    # -- delete ----------------------------------------------------------------------------------------------
    def delete(self) -> None:
        """Delete the open style; the page has asked for confirmation already."""
        p, state = self.p, self.p.state
        if (blocked := p.delete_blocked()) is not None or state.style_id is None:
            p.failed.emit(blocked or messages.NEW_ONLY)
            return
        p.run(self._delete(state, state.style_id))

    async def _delete(self, state: EditorState, style_id: str) -> None:
        try:
            server = await self.p.server.delete(state.kind, style_id, state.served)
        except (HordeError, LibraryError) as err:
            self.p.failed.emit(f"Could not delete the style: {err}")
            return
        state.pristine = copy.deepcopy(state.doc)  # nothing of it is left to save
        state.raw = None
        self.p.settle(state)
        if state is self.p.state:
            self.p.new_style(state.kind)
        self.p.deleted.emit(messages.deleted(server.name))
        self.p.refresh_history()

    # -- after a save ----------------------------------------------------------------------------------------
    def _done(self, state: EditorState, saved: Saved, sent: Document, message: str) -> None:
        state.saved_as(saved.style_id, sent, saved.served)
        self.last_review = None
        self.p.settle(state)
        self.p.saved.emit(message)
        if saved.warnings:
            self.p.warned.emit(saved.warnings)
        self.p.refresh_history()
