"""Keeping the open style's draft in step with the screen: written a moment after an edit (the timer is the
Qt part; what is written is ``workflows.editing.drafts``), discarded on request, exported as a style file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from horde_style_studio.library import LibraryError
from horde_style_studio.workflows.editing import messages
from horde_style_studio.workflows.editing.drafts import export_draft, keep_draft, reverted
from horde_style_studio.workflows.editing.state import EditorState

if TYPE_CHECKING:
    from horde_style_studio.ui.editor.presenter import EditorPresenter

AUTOSAVE_MS = 250  # well under the second a crash may lose (issue 5)


class DraftKeeper:
    """The draft side of one presenter (its ``state``, its library's drafts, its signals)."""

    def __init__(self, presenter: EditorPresenter) -> None:
        self.p = presenter
        self.timer = QTimer(presenter, singleShot=True, interval=AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)

    def touch(self) -> None:
        # Not restarted by later keystrokes: steady typing must not postpone the write forever, so the
        # draft on disk is never more than AUTOSAVE_MS behind the screen.
        if not self.timer.isActive():
            self.timer.start()

    def flush(self) -> None:
        self.timer.stop()
        self.persist(self.p.state)
        self.refresh()

    def persist(self, state: EditorState) -> None:
        """Write ``state``'s draft whole, or drop it when nothing is unsaved."""
        try:
            keep_draft(self.p.drafts, state)
        except LibraryError as err:
            self.p.failed.emit(messages.AUTOSAVE_FAILED + str(err))

    def discard(self) -> EditorState:
        """Drop the open draft; the state to open instead (the server's version, or an empty style)."""
        self.timer.stop()
        old = self.p.state
        if old.draft_id is not None:
            self.delete(old.draft_id)
        return reverted(old)

    def delete(self, draft_id: str) -> None:
        try:
            self.p.drafts.delete_draft(draft_id)
        except LibraryError as err:
            self.p.failed.emit(str(err))

    def refresh(self) -> None:
        try:
            self.p.drafts_changed.emit(self.p.drafts.drafts())
        except LibraryError as err:
            self.p.failed.emit(str(err))

    def export_to(self, path: Path) -> None:
        """The open document as a style file (``horde-styles create`` reads it, ``kind`` included)."""
        self.flush()
        state = self.p.state
        try:
            export_draft(state, path)
        except OSError as err:
            self.p.failed.emit(f"Could not write {path.name}: {err.strerror or err}")
            return
        self.p.status.emit(f"Exported “{state.name}” to {path.name}.")
