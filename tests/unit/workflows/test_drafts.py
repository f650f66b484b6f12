"""The open style's draft, without Qt: kept while unsaved, dropped once nothing is, and exported as a file
the command line's ``validate`` accepts."""

from __future__ import annotations

import json
from pathlib import Path

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.drafts import Drafts
from horde_style_studio.workflows.editing.drafts import export_draft, keep_draft, reverted
from horde_style_studio.workflows.editing.state import EditorState
from tests.unit.library.conftest import image_style

DOC = {"name": "Harbour Fog", "info": "A foggy harbour look.", "prompt": "{p}, fog###{np}", "models": ["X"]}


def test_a_draft_is_kept_while_unsaved_and_dropped_once_it_matches_the_server(library: StyleLibrary) -> None:
    drafts = Drafts(library)
    style = image_style("Harbour Fog")
    state = EditorState.editing(style)
    state.doc = {**state.doc, "info": "Foggier."}

    keep_draft(drafts, state)
    [draft] = drafts.drafts()
    assert (draft.id, draft.style_id, draft.payload["info"]) == (state.draft_id, style.id, "Foggier.")

    state.doc = reverted(state).doc  # the edit undone by hand
    keep_draft(drafts, state)
    assert drafts.drafts() == []
    assert state.draft_id is None


def test_discarding_a_new_style_opens_an_empty_one_of_its_kind() -> None:
    fresh = reverted(EditorState.new(StyleKind.TEXT, {"name": "Half"}))
    assert (fresh.kind, fresh.creating, fresh.doc["name"]) == (StyleKind.TEXT, True, "")


def test_an_exported_draft_names_its_kind(tmp_path: Path) -> None:
    path = tmp_path / "style.json"
    state = EditorState.new(StyleKind.IMAGE, DOC)
    export_draft(state, path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"kind": "image", **state.doc}
