"""The editor's round trips without Qt: a create after its review, an edit made since the review, and the
5.1.5 text-style edit that only a delete and recreate can make (§9 B4)."""

from __future__ import annotations

import pytest

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.history import History
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.sandbox.users import CURATOR
from horde_style_studio.workflows.editing.saving import StyleSaving
from horde_style_studio.workflows.editing.state import EditorState
from horde_style_studio.workflows.editing.style_edits import StyleServer
from tests.unit.library.conftest import SessionFactory

NEW_IMAGE = {
    "name": "Harbour Fog Saved",
    "info": "A foggy harbour look, saved from the editor.",
    "prompt": "{p}, harbour fog###{np}",
    "models": ["Deliberate"],
    "tags": ["fog"],
}


def saving_for(library: StyleLibrary, session_for: SessionFactory) -> StyleSaving:
    return StyleSaving(StyleServer(session_for(), library, History(library)))


async def test_a_new_style_is_created_after_its_review_and_is_no_longer_new(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    saving = saving_for(library, session_for)
    state = EditorState.new(StyleKind.IMAGE, NEW_IMAGE)
    review = saving.offline_review(state)
    assert review is not None
    assert review.creating
    assert not saving.needs_review(state)

    outcome = await saving.save(state, CURATOR.username)

    assert (outcome.failure, outcome.done) == (None, "Created “Harbour Fog Saved” on the server.")
    assert state.style_id in sandbox.state_store.styles
    assert not state.creating
    assert not state.dirty
    assert saving.needs_review(state)  # the next save compares with the server again
    assert library.get_row(state.style_id or "") is not None


async def test_an_edit_after_the_review_needs_a_new_review(
    library: StyleLibrary, session_for: SessionFactory
) -> None:
    saving = saving_for(library, session_for)
    state = EditorState.new(StyleKind.IMAGE, NEW_IMAGE)
    saving.offline_review(state)
    state.doc = {**state.doc, "name": "Renamed after the review"}
    assert saving.needs_review(state)


@pytest.mark.parametrize("behaviour", ["v5_1_5"])
async def test_a_refused_text_edit_asks_then_recreates_under_a_new_id(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    session = session_for()
    saving = StyleSaving(StyleServer(session, library, History(library)))
    old_id = next(
        s.id for s in sandbox.state_store.styles.values() if s.kind == "text" and s.user_id == CURATOR.id
    )
    state = EditorState.editing(await session.get_style(StyleKind.TEXT, old_id))
    state.doc = {**state.doc, "info": "Told again, with fewer words."}
    saving.reviewed(await saving.review(state))

    asked = await saving.save(state, CURATOR.username)
    assert asked.question is not None
    assert "delete it and create it again" in asked.question
    assert saving.pending_recreate() is state

    done = await saving.recreate(CURATOR.username)

    assert done.failure is None
    assert done.done.startswith("Recreated")
    assert state.style_id not in (None, old_id)
    assert old_id not in sandbox.state_store.styles
    assert saving.pending_recreate() is None
