"""The open style's draft in the library: kept while anything is unsaved, dropped once the server holds the
same, and exported as a style file that ``horde-styles create``/``update`` reads."""

from __future__ import annotations

from pathlib import Path

from horde_style_studio.library.drafts import LibraryDrafts
from horde_style_studio.workflows.editing.document import export_text
from horde_style_studio.workflows.editing.state import EditorState


def keep_draft(drafts: LibraryDrafts, state: EditorState) -> None:
    """Write ``state``'s draft whole, or drop it when nothing is unsaved. Raises ``LibraryError``."""
    if state.dirty:
        state.draft_id = drafts.save_draft(
            state.draft_id, state.kind, state.doc, style_id=state.style_id, raw=state.raw, base=state.base,
            origin=state.origin,
        )  # fmt: skip
    elif state.draft_id is not None:
        drafts.delete_draft(state.draft_id)
        state.draft_id = None


def reverted(state: EditorState) -> EditorState:
    """What to open instead of ``state`` when its edits are discarded: the server's version, or an empty
    style of its kind."""
    if state.creating or state.served is None:
        return EditorState.new(state.kind)
    return EditorState.editing(state.served)


def export_draft(state: EditorState, path: Path) -> None:
    """The document as a style file, its ``kind`` included. Raises ``OSError``."""
    path.write_text(export_text(state.kind, state.doc), encoding="utf-8")
