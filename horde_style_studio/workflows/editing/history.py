"""Listing snapshots for the history view, and turning one back into something the editor can save."""

from __future__ import annotations

from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.history import LibraryHistory, Snapshot
from horde_style_studio.workflows.editing.document import document_of
from horde_style_studio.workflows.editing.state import EditorState


class HistoryOps:
    """``current_only``: list the open style's history only, else every style's."""

    def __init__(self, store: LibraryHistory, library: StyleLibrary) -> None:
        self.store = store
        self.library = library
        self.current_only = False

    def listing(self, style_id: str | None) -> list[Snapshot]:
        if self.current_only:
            return self.store.history(style_id) if style_id else []
        return self.store.snapshots()

    def restore_state(self, seq: int) -> EditorState | None:
        """A deleted style comes back as a new one (it is created again); a style the server still has
        comes back as an edit of it, so saving PATCHes the old version back."""
        snapshot = self.store.snapshot(seq)
        style = snapshot.style() if snapshot is not None else None
        if snapshot is None or style is None:
            return None
        when = f"{snapshot.taken_at.astimezone():%d %b %Y %H:%M}"
        live_id: str | None = snapshot.style_id
        if self.store.was_deleted(snapshot.style_id):
            # A text style recreated on 5.1.5 (§9 B4) lives on under a new id: put the version back there.
            live_id = self.store.live_successor(snapshot.style_id)
        current = self.library.get_style(live_id) if live_id else None
        if live_id is None or (current is None and live_id != snapshot.style_id):
            return EditorState.new(style.kind, document_of(style), f"Restored from {when} (deleted since)")
        state = EditorState.editing(current or style, document_of(style), f"Restored from {when}")
        if current is None:
            # What the server holds now is unknown here, so nothing can be called unchanged or a conflict.
            state.base, state.pristine = None, {}
        return state
