"""Review, save, recreate and delete for the editor: each round trip returns an :class:`Outcome` that says
what to show, and changes the :class:`EditorState` it was given as the server's answer requires.

Questions are asked between two round trips (DESIGN qasync rule 4): a 5.1.5 text-style PATCH that fails
ends with ``Outcome.question``; once the user agrees, :meth:`StyleSaving.recreate` is the next round trip.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from horde_style_studio.api.errors import (
    BadRequestError,
    HordeError,
    TextPatchUnsupportedError,
    ValidationFailedError,
)
from horde_style_studio.domain.diff import diff_styles
from horde_style_studio.domain.problems import Problem
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.library import LibraryError
from horde_style_studio.workflows.editing import messages
from horde_style_studio.workflows.editing.document import Document, blank_document, document_of
from horde_style_studio.workflows.editing.server_errors import server_problems
from horde_style_studio.workflows.editing.state import EditorState
from horde_style_studio.workflows.editing.style_edits import RecreateFailedError, Review, Saved, StyleServer


@dataclass(frozen=True)
class Outcome:
    """How a round trip ended. ``done``: what to say when it succeeded; ``failure``: why it did not;
    ``problems``: the server's refusals by field; ``question``: what to ask before :meth:`recreate`;
    ``settled``: the state's identity changed (it got or lost an id), so its draft and views follow;
    ``history``: the History list changed."""

    done: str = ""
    failure: str | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    question: str | None = None
    settled: bool = False
    history: bool = False


class StyleSaving:
    """The round trips of one editor: what was last reviewed, and a recreate waiting for a yes."""

    def __init__(self, server: StyleServer) -> None:
        self.server = server
        self.last_review: Review | None = None
        self._recreate: tuple[EditorState, AnyStyle, Document] | None = None

    def forget(self) -> None:
        self.last_review, self._recreate = None, None

    # -- review ----------------------------------------------------------------------------------------------
    def offline_review(self, state: EditorState) -> Review | None:
        """A new style's review needs no round trip (everything is a change); None for one on the server."""
        if not state.creating and state.style_id is not None:
            return None
        sent = copy.deepcopy(state.doc)
        return self.reviewed(Review(state.kind, sent, diff_styles(None, sent), creating=True))

    async def review(self, state: EditorState) -> Review:
        """Re-fetch the server's copy and compare; raises the api's errors."""
        assert state.style_id is not None  # offline_review covers the rest
        sent = copy.deepcopy(state.doc)
        return await self.server.review(state.kind, state.style_id, state.base, state.served, sent)

    def reviewed(self, review: Review) -> Review:
        self.last_review = review
        return review

    def needs_review(self, state: EditorState) -> bool:
        """Saving sends what the last review showed: an edit since then means reviewing again first."""
        review = self.last_review
        return review is None or review.sent != state.doc or review.kind is not state.kind

    # -- save ------------------------------------------------------------------------------------------------
    async def save(self, state: EditorState, username: str | None) -> Outcome:
        review = self.last_review
        assert review is not None  # needs_review said no
        if review.creating or review.gone or review.server is None:
            return await self._create(state, review.sent, username)
        return await self._patch(state, review.server, review.sent)

    async def _create(self, state: EditorState, sent: Document, username: str | None) -> Outcome:
        try:
            saved = await self.server.create(state.kind, sent, username)
        except HordeError as err:
            return await self._create_failed(state, sent, err, username)
        name = saved.served.name if saved.served else state.name
        return self._done(state, saved, sent, messages.saved(name, True))

    async def _create_failed(
        self, state: EditorState, sent: Document, err: HordeError, username: str | None
    ) -> Outcome:
        problems = server_problems(err)
        half = None
        if isinstance(err, BadRequestError) and not isinstance(err, ValidationFailedError):
            half = await self.server.half_made(state.kind, username, str(sent.get("name", "")))
        if half is None:
            return Outcome(failure=str(err), problems=problems)
        # §9 B12: the row exists without models and tags; saving now PATCHes it into shape.
        base = document_of(half)
        state.style_id, state.served, state.base, state.pristine = half.id, half, base, copy.deepcopy(base)
        state.checked()
        return Outcome(failure=messages.half_made(str(err), half.name), problems=problems, settled=True)

    async def _patch(self, state: EditorState, server: AnyStyle, sent: Document) -> Outcome:
        assert state.style_id is not None  # a review of a style on the server led here
        try:
            saved = await self.server.patch(state.kind, state.style_id, sent, server)
        except TextPatchUnsupportedError:
            self._recreate = (state, server, sent)
            return Outcome(question=messages.recreate_question(server.name, server.use_count))
        except HordeError as err:
            return Outcome(failure=str(err), problems=server_problems(err))
        except LibraryError as err:
            kept = "Nothing was sent: the current version could not be kept in History."
            return Outcome(failure=f"{kept} {err}")
        return self._done(state, saved, sent, messages.saved(state.name, False))

    # -- recreate (5.1.5 text styles) ------------------------------------------------------------------------
    def pending_recreate(self) -> EditorState | None:
        """The state whose refused edit :meth:`recreate` would send, if any."""
        return self._recreate[0] if self._recreate is not None else None

    async def recreate(self, username: str | None) -> Outcome:
        pending, self._recreate = self._recreate, None
        if pending is None:
            return Outcome(failure="There is no refused edit to recreate; save again first.")
        state, server, sent = pending
        try:
            saved = await self.server.recreate(state.kind, server, sent, username)
        except RecreateFailedError as err:
            state.style_id, state.served, state.base = None, None, None
            state.pristine = blank_document(state.kind)
            state.checked()
            failure = messages.recreate_failed(str(err.cause))
            return Outcome(failure=failure, problems=server_problems(err.cause), settled=True)
        except (HordeError, LibraryError) as err:
            return Outcome(failure=str(err))
        return self._done(state, saved, sent, messages.recreated(state.name, server.use_count))

    # -- delete ----------------------------------------------------------------------------------------------
    async def delete(self, state: EditorState) -> Outcome:
        """Delete ``state``'s style; the user has confirmed already."""
        assert state.style_id is not None  # the presenter refuses a new style
        try:
            server = await self.server.delete(state.kind, state.style_id, state.served)
        except (HordeError, LibraryError) as err:
            return Outcome(failure=f"Could not delete the style: {err}")
        state.pristine = copy.deepcopy(state.doc)  # nothing of it is left to save
        state.raw = None
        return Outcome(done=messages.deleted(server.name), settled=True, history=True)

    # -- after a save ----------------------------------------------------------------------------------------
    def _done(self, state: EditorState, saved: Saved, sent: Document, message: str) -> Outcome:
        state.saved_as(saved.style_id, sent, saved.served)
        self.last_review = None
        return Outcome(done=message, warnings=saved.warnings, settled=True, history=True)
