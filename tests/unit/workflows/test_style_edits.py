"""Saving a style from the editor, against the sandbox Horde, and what the library holds afterwards."""

from __future__ import annotations

from datetime import UTC, datetime

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.history import History
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.sandbox.users import CURATOR
from horde_style_studio.workflows.editing.document import document_of
from horde_style_studio.workflows.editing.style_edits import StyleServer
from tests.unit.library.conftest import SessionFactory


def curator_style_with_examples(sandbox: SandboxApp) -> str:
    return next(
        s.id
        for s in sandbox.state_store.styles.values()
        if s.kind == "image" and s.user_id == CURATOR.id and len(s.examples) >= 2
    )


async def test_saving_an_image_style_keeps_its_examples_in_the_library(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    session = session_for()
    before = await session.get_style(StyleKind.IMAGE, curator_style_with_examples(sandbox))
    assert isinstance(before, ImageStyle)
    library.upsert_styles(StyleKind.IMAGE, [before], datetime.now(UTC), mine=True)
    thumbnail = library.get_row(before.id).thumbnail  # type: ignore[union-attr]  # just stored
    doc = {**document_of(before), "info": "Rain on neon, retold."}

    server = StyleServer(session, library, History(library))
    saved = await server.patch(StyleKind.IMAGE, before.id, doc, before)

    kept = library.get_style(before.id)
    assert isinstance(kept, ImageStyle)
    assert kept.info == "Rain on neon, retold."  # the edit reached the library at once
    assert kept.examples == before.examples  # and Browse still shows the style's examples
    assert kept.use_count == before.use_count
    row = library.get_row(before.id)
    assert row is not None
    assert row.thumbnail == thumbnail is not None
    assert isinstance(saved.served, ImageStyle)
    assert saved.served.examples == before.examples
