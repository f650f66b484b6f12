"""The Collections tab's round trips against the sandbox Horde, without Qt: save, open, a repeated name, and
a collection deleted on the server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary, StyleQuery
from horde_style_studio.library.own_collections import OwnCollections
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.sandbox.users import CURATOR
from horde_style_studio.workflows.cards import Card, Mark
from horde_style_studio.workflows.collections.operations import CollectionOps, DraftError
from horde_style_studio.workflows.collections.records import CollectionDraft
from tests.unit.library.conftest import SessionFactory

ACCOUNT = f"{CURATOR.username}#{CURATOR.id}"


async def _ops(library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp) -> CollectionOps:
    session = session_for()
    public = [s for s in sandbox.state_store.styles.values() if s.kind == "image" and s.public][:3]
    styles = [await session.get_style(StyleKind.IMAGE, s.id) for s in public]
    library.upsert_styles(StyleKind.IMAGE, styles, datetime.now(UTC))
    return CollectionOps(session, library, OwnCollections(library), ACCOUNT)


def _cards(library: StyleLibrary) -> tuple[Card, ...]:
    return tuple(Card.from_row(row) for row in library.search(StyleQuery(limit=3, show_nsfw=True)))


async def test_a_saved_collection_opens_again_with_its_description_and_members(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    ops = await _ops(library, session_for, sandbox)
    cards = _cards(library)
    saved = await ops.save(CollectionDraft(None, "Harbour moods", "Fog and rain.", True, cards))
    assert saved.id is not None

    opened = await ops.open(saved.id)

    assert (opened.name, opened.info, opened.owned) == ("Harbour moods", "Fog and rain.", True)
    assert [card.id for card in opened.members] == [card.id for card in cards]
    assert all(card.mark is Mark.OK for card in opened.members)


async def test_a_second_collection_of_the_same_name_is_refused_before_sending(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    ops = await _ops(library, session_for, sandbox)
    cards = _cards(library)
    await ops.save(CollectionDraft(None, "Twice", "", True, cards))
    posts = sum(r.method == "POST" for r in sandbox.request_log)

    with pytest.raises(DraftError, match="already have a collection called “Twice”"):
        await ops.save(CollectionDraft(None, "Twice", "", True, cards[:1]))
    assert sum(r.method == "POST" for r in sandbox.request_log) == posts


async def test_a_collection_deleted_on_the_server_opens_from_memory_as_gone(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    ops = await _ops(library, session_for, sandbox)
    saved = await ops.save(CollectionDraft(None, "Short-lived", "", True, _cards(library)))
    assert saved.id is not None
    await ops.session.delete_collection(saved.id)

    opened = await ops.open(saved.id)

    assert opened.gone
    assert "deleted on the server" in opened.note
    assert len(opened.members) == 3
