"""``EditorPresenter``: the open style, its checks, its autosaved draft, and the way to the server.

Every edit re-runs the offline checks and, unless one is pending, starts a short timer; when it fires, the
draft is written whole to the library (see ``library.drafts``), so a crash loses at most the last fraction
of a second.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.domain.users import UserDetails
from horde_style_studio.library import LibraryError, SortOrder, StyleLibrary, StyleQuery, StyleRow
from horde_style_studio.library.drafts import Drafts, LibraryDrafts
from horde_style_studio.library.history import History, LibraryHistory
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.editor.draft_keeper import DraftKeeper
from horde_style_studio.ui.editor.models_catalog import ModelsCatalog
from horde_style_studio.ui.editor.save_flow import SaveFlow
from horde_style_studio.workflows.editing import messages
from horde_style_studio.workflows.editing.document import forked_document, parse_json, with_path
from horde_style_studio.workflows.editing.history import HistoryOps
from horde_style_studio.workflows.editing.saving import StyleSaving
from horde_style_studio.workflows.editing.state import EditorState
from horde_style_studio.workflows.editing.style_edits import StyleServer

T = TypeVar("T")

TASK = "editor"


class EditorPresenter(QObject):
    """Owns the open :class:`EditorState`.

    Signals: ``opened(EditorState)`` a document was opened (views reload everything);
    ``identity(EditorState)`` the open style got an id or lost it (saved, recreated, half-made);
    ``changed(dict, str)`` the document and which side changed it ("form", "json", or "review" when a
    conflict's field was set back to the server's value);
    ``checked(list[Problem])``;
    ``json_error(object)`` why the JSON view's text does not parse, or None; ``save_state(object)`` /
    ``delete_state(object)`` None when possible, else why not; ``read_only(object)`` why the account cannot
    save, or None; ``reviewed(Review)``; ``saved(str)``; ``warned(list[str])``; ``server_problems(list)``;
    ``patch_unsupported(str)`` (ask, then call :meth:`recreate`); ``deleted(str)``; ``failed(str)``;
    ``blocked(str)`` why Save cannot go ahead, true until ``save_state`` says otherwise;
    ``status(str)``; ``busy(bool)``; ``drafts_changed(list[Draft])``; ``history_changed(list[Snapshot])``.
    ``models.known`` says which models workers serve (see ``ModelsCatalog``).
    """

    opened = Signal(object)
    identity = Signal(object)
    # object, not dict: a dict is converted to a QVariantMap on the way, and a number past 64 bits (typed in
    # the JSON tab) cannot be, which broke the slot (issue 14).
    changed = Signal(object, str)
    checked = Signal(list)
    json_error = Signal(object)
    save_state = Signal(object)
    delete_state = Signal(object)
    read_only = Signal(object)
    reviewed = Signal(object)
    saved = Signal(str)
    warned = Signal(list)
    server_problems = Signal(list)
    patch_unsupported = Signal(str)
    deleted = Signal(str)
    failed = Signal(str)
    blocked = Signal(str)
    status = Signal(str)
    busy = Signal(bool)
    drafts_changed = Signal(list)
    history_changed = Signal(list)

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        tasks: TaskRegistry,
        parent: QObject | None = None,
        *,
        drafts: LibraryDrafts | None = None,
        history: LibraryHistory | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.drafts = drafts if drafts is not None else Drafts(library)
        self.history = HistoryOps(history if history is not None else History(library), library)
        self.server = StyleServer(session, library, self.history.store)
        self.tasks = tasks
        self.account: UserDetails | None = None
        self.state = EditorState.new(StyleKind.IMAGE)
        self.models = ModelsCatalog(session, tasks, self)
        self.keeper = DraftKeeper(self)
        self.flow = SaveFlow(self, StyleSaving(self.server))
        # The open document as it was when its draft was last known kept (opened from a draft, or the user
        # answered "Keep as draft"): until it changes again, nobody is asked about it again (issue 16).
        self._kept: tuple[object, str | None] | None = None

    # -- account -------------------------------------------------------------------------------------------
    def set_account(self, user: UserDetails | None) -> None:
        self.account = user
        self.read_only.emit(self.role_blocked())
        self._announce()

    def role_blocked(self) -> str | None:
        if self.account is None:
            return messages.SIGNED_OUT
        if self.account.is_anonymous:
            return messages.ANONYMOUS
        return None if self.account.can_author_styles else messages.NO_ROLE

    # -- opening ---------------------------------------------------------------------------------------------
    def resume(self) -> None:
        """At start-up: the newest draft an earlier run left (after a crash, say) opens again."""
        self.refresh_history()
        drafts = self._read(self.drafts.drafts) or []
        if not drafts:
            self.new_style(StyleKind.IMAGE)
            return
        self.open_draft(drafts[0].id)
        more = f" {len(drafts) - 1} more in Drafts." if len(drafts) > 1 else ""
        self.status.emit(f"Your unsaved draft “{drafts[0].name}” is back, as you left it.{more}")

    def new_style(self, kind: StyleKind) -> None:
        self._open(EditorState.new(StyleKind(kind)))

    def open_style(self, style: AnyStyle) -> None:
        """Edit one of the user's styles; an unsaved draft of it is continued instead of started over."""
        draft = self._read(lambda: self.drafts.draft_for_style(style.id))
        if draft is not None:
            self._open(EditorState.from_draft(draft, style))
            self._kept = self._as_kept()  # opened from its draft: kept as it stands
            self.status.emit(messages.continuing(draft.name, f"{draft.updated_at.astimezone():%d %b %H:%M}"))
            return
        self._open(EditorState.editing(style))

    def open_style_id(self, style_id: str) -> None:
        style = self._read(lambda: self.library.get_style(style_id))
        if style is None:
            self.failed.emit("That style is not in the library; refresh the library (F5) and try again.")
            return
        self.open_style(style)

    def my_styles(self) -> list[StyleRow]:
        """The signed-in user's styles in the library, by name."""
        if self.account is None:
            return []
        query = StyleQuery(mine_only=True, show_nsfw=True, sort=SortOrder.NAME, limit=None)
        return self._read(lambda: self.library.search(query)) or []

    def fork_id(self, style_id: str) -> None:
        style = self._read(lambda: self.library.get_style(style_id))
        if style is None:
            self.failed.emit("That style is not in the library; refresh the library (F5) and try again.")
            return
        self.fork(style)

    def fork(self, style: AnyStyle) -> None:
        """Copy anyone's style into a new draft, crediting it ("Based on <name> by <creator>")."""
        origin = f"Fork of {style.name} by {style.creator or 'an unknown creator'}"
        self._open(EditorState.new(style.kind, forked_document(style), origin))
        self.flush()

    def open_draft(self, draft_id: str) -> None:
        draft = self._read(lambda: self.drafts.draft(draft_id))
        if draft is None:
            self.failed.emit("That draft is no longer there.")
            return
        style_id = draft.style_id
        served = self._read(lambda: self.library.get_style(style_id)) if style_id else None
        self._open(EditorState.from_draft(draft, served))
        self._kept = self._as_kept()  # opened from its draft: kept as it stands

    def restore(self, seq: int) -> None:
        """Open a snapshot: as a new style when it was deleted, else as an edit that puts it back."""
        state = self.history.restore_state(seq)
        if state is None:
            self.failed.emit("That version can no longer be read.")
            return
        self._open(state)
        self.flush()

    def _open(self, state: EditorState) -> None:
        self.flush()
        self.state = state
        self._kept = None
        self.flow.saving.forget()
        self.opened.emit(state)
        self.json_error.emit(None)
        self.models.load(state.kind)
        self._announce()
        self.refresh_history()

    # -- editing ---------------------------------------------------------------------------------------------
    def set_field(self, path: str, value: Any) -> None:
        self.state.doc = with_path(self.state.doc, path, value)
        self._edited("form")

    def keep_server_value(self, path: str, value: Any) -> None:
        """Take the server's current value of one field (a conflict's "keep theirs"), then review again."""
        self.state.doc = with_path(self.state.doc, path, value)
        self._edited("review")
        self.review()

    def set_json(self, text: str) -> None:
        doc, error = parse_json(text)
        self.json_error.emit(error)
        if doc is None:
            self.state.raw = text
            self.keeper.touch()
            self._announce()
            return
        self.state.raw = None
        self.state.doc = doc
        self._edited("json")

    def _edited(self, source: str) -> None:
        self.state.checked()
        self.changed.emit(copy.deepcopy(self.state.doc), source)
        self.keeper.touch()
        self._announce()

    def _announce(self) -> None:
        self.checked.emit(list(self.state.problems))
        self.save_state.emit(self.save_blocked())
        self.delete_state.emit(self.delete_blocked())

    def save_blocked(self) -> str | None:
        """Why Save cannot be used now, or None."""
        state = self.state
        if self.tasks.running(TASK):
            return messages.BUSY
        if (role := self.role_blocked()) is not None:
            return role
        if state.raw is not None:
            return messages.UNPARSED
        if state.problems:
            return messages.fix_first(state.problems)
        if not state.creating and not state.dirty:
            return messages.NO_CHANGES
        return None

    def delete_blocked(self) -> str | None:
        if self.tasks.running(TASK):
            return messages.BUSY
        if (role := self.role_blocked()) is not None:
            return role
        return messages.NEW_ONLY if self.state.creating else None

    # -- drafts ----------------------------------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.state.dirty

    def needs_answer(self) -> bool:
        """Unsaved changes the user has not yet been asked about: a draft already kept as it stands is
        continued next time without asking again."""
        return self.state.dirty and self._kept != self._as_kept()

    def mark_kept(self) -> None:
        """The open document's draft is written and the user knows it is: :meth:`needs_answer` is False
        until the next edit."""
        self.flush()
        self._kept = self._as_kept()

    def _as_kept(self) -> tuple[object, str | None]:
        return (copy.deepcopy(self.state.doc), self.state.raw)

    def flush(self) -> None:
        """Write the draft now (an edit is pending) or drop it (the document matches the server again)."""
        self.keeper.flush()

    def settle(self, state: EditorState) -> None:
        """After a round trip changed ``state``: its draft follows, and the views hear of it if it is open."""
        self.keeper.persist(state)
        self.keeper.refresh()
        if state is self.state:
            self.identity.emit(state)
            self._announce()

    def discard_changes(self) -> None:
        """Drop the draft and go back to the server's version (or an empty style)."""
        fresh = self.keeper.discard()
        self.state = fresh  # replaced before opening, so the discarded edits are not written again
        self._open(fresh)

    def delete_draft(self, draft_id: str) -> None:
        if draft_id == self.state.draft_id:
            self.discard_changes()
            return
        self.keeper.delete(draft_id)
        self.keeper.refresh()

    def refresh_drafts(self) -> None:
        self.keeper.refresh()

    def export_to(self, path: Path) -> None:
        self.keeper.export_to(path)

    def close(self) -> None:
        """Write what is pending and stop every round trip; before the library closes (the close path)."""
        if self.keeper.timer.isActive():
            self.flush()
        self.tasks.cancel(TASK)
        self.models.close()

    # -- history ---------------------------------------------------------------------------------------------
    def set_history_scope(self, current_only: bool) -> None:
        self.history.current_only = current_only
        self.refresh_history()

    def refresh_history(self) -> None:
        try:
            self.history_changed.emit(self.history.listing(self.state.style_id))
        except LibraryError as err:
            self.failed.emit(str(err))

    # -- the server ------------------------------------------------------------------------------------------
    def review(self) -> None:
        self.flow.review()

    def save(self) -> None:
        self.flow.save()

    def recreate(self) -> None:
        self.flow.recreate()

    def delete(self) -> None:
        self.flow.delete()

    def want_models(self) -> None:
        """The editor is on screen: offer the served models of each kind from now on (§7)."""
        self.models.want(self.state.kind)

    def run(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run one server round trip at a time, with ``busy`` around it."""
        self.tasks.start(self._busy(coro), name=TASK)
        self._announce()

    async def _busy(self, coro: Coroutine[Any, Any, None]) -> None:
        self.busy.emit(True)
        try:
            await coro
        finally:
            self.busy.emit(False)
            # The task is still registered while this runs; announce once it is gone.
            QTimer.singleShot(0, self._announce)

    # -- library access, errors shown rather than raised -----------------------------------------------------
    def _read(self, read: Callable[[], T]) -> T | None:
        try:
            return read()
        except LibraryError as err:
            self.failed.emit(str(err))
            return None

    def _write(self, write: Callable[[], object]) -> None:
        try:
            write()
        except LibraryError as err:
            self.failed.emit(str(err))

