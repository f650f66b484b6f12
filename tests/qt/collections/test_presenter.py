"""The presenter against the sandbox Horde, in both behaviours: create, patch, delete, reopen, find."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.users import UserDetails
from horde_style_studio.library import StyleLibrary, StyleQuery
from horde_style_studio.library.own_collections import OwnCollections
from horde_style_studio.sandbox import USER_KEY, SandboxApp
from horde_style_studio.sandbox.store import Style
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.collections.presenter import CollectionsPresenter
from horde_style_studio.workflows.cards import Card, Mark
from horde_style_studio.workflows.collections.messages import SIGNED_OUT
from horde_style_studio.workflows.collections.records import CollectionDraft, OpenCollection
from tests.qt.collections.conftest import SANDBOX_URL, wait_idle

PLAIN_USER = UserDetails(username="sandbox_user#2", id=2)


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def session(
    qtbot: QtBot, sandbox: SandboxApp, qasync_loop: asyncio.AbstractEventLoop
) -> Iterator[HordeClientSession]:
    transport = httpx.ASGITransport(app=sandbox)
    client = HordeClientSession(SANDBOX_URL, api_key=USER_KEY, transport=transport, retry=NO_RETRY)
    yield client
    closing = asyncio.ensure_future(client.aclose())
    qtbot.waitUntil(closing.done)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def presenter(
    session: HordeClientSession, filled_library: StyleLibrary, tasks: TaskRegistry, clock: Clock
) -> CollectionsPresenter:
    made = CollectionsPresenter(session, filled_library, tasks, rng=random.Random(7), clock=clock)
    made.set_account(PLAIN_USER)
    return made


def _image_cards(presenter: CollectionsPresenter, library: StyleLibrary, count: int) -> list[Card]:
    rows = library.search(StyleQuery(kind=StyleKind.IMAGE, limit=count))
    return presenter.cards_for([row.id for row in rows])


def _run(qtbot: QtBot, tasks: TaskRegistry, signal: Any, action: Any) -> list[Any]:
    with qtbot.waitSignal(signal, timeout=5000) as blocker:
        action()
    wait_idle(qtbot, tasks)
    return list(blocker.args or [])


def _opened(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, action: Any
) -> OpenCollection:
    [opened] = _run(qtbot, tasks, presenter.opened, action)
    assert isinstance(opened, OpenCollection)
    return opened


def _create(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, cards: list[Card], name: str
) -> OpenCollection:
    draft = CollectionDraft(None, name, "Wet streets at night.", True, tuple(cards))
    return _opened(qtbot, presenter, tasks, lambda: presenter.save(draft))


def _server_collection(sandbox: SandboxApp, collection_id: str) -> Any:
    return sandbox.state_store.collections.get(collection_id)


def test_a_plain_user_creates_an_image_collection_with_members_sent_by_name(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, filled_library: StyleLibrary,
    sandbox: SandboxApp,
) -> None:
    cards = _image_cards(presenter, filled_library, 5)
    saved: list[str] = []
    presenter.saved.connect(saved.append)
    opened = _create(qtbot, presenter, tasks, cards, "Rainy Cities")
    assert opened.id is not None
    server = _server_collection(sandbox, opened.id)
    assert (server.name, server.kind, server.style_ids) == ("Rainy Cities", "image", [c.id for c in cards])
    [post] = [r for r in sandbox.request_log if r.method == "POST"]
    # §3: members go as style::alias::name, so 5.1.5 types the collection; no by-id lookups were needed.
    assert all(entry.startswith("style::") for entry in post.json()["styles"])
    assert not [r for r in sandbox.request_log if r.method == "GET" and "/styles/image/" in r.path]
    assert saved == ["Created “Rainy Cities” with 5 styles."]
    [record] = OwnCollections(filled_library).own_collections(PLAIN_USER.username)
    assert (record.id, record.state.info) == (opened.id, "Wet streets at night.")
    assert record.state.kind is StyleKind.IMAGE


def test_renaming_and_removing_a_member_patches_the_collection(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, filled_library: StyleLibrary,
    sandbox: SandboxApp,
) -> None:
    cards = _image_cards(presenter, filled_library, 5)
    created = _create(qtbot, presenter, tasks, cards, "Rainy Cities")
    draft = CollectionDraft(created.id, "Rainy Streets", created.info, False, tuple(cards[:2] + cards[3:]))
    patched = _opened(qtbot, presenter, tasks, lambda: presenter.save(draft))
    assert patched.id == created.id
    server = _server_collection(sandbox, created.id or "")
    assert (server.name, server.public, len(server.style_ids)) == ("Rainy Streets", False, 4)
    assert cards[2].id not in server.style_ids
    [patch] = [r for r in sandbox.request_log if r.method == "PATCH"]
    # §3 / B6: 5.1.5 refuses a PATCH without a by-name style; the members always travel, by name.
    assert all(entry.startswith("style::") for entry in patch.json()["styles"])


def test_deleting_removes_it_from_the_server_and_from_the_list(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, filled_library: StyleLibrary,
    sandbox: SandboxApp,
) -> None:
    created = _create(qtbot, presenter, tasks, _image_cards(presenter, filled_library, 3), "Short Lived")
    listed: list[Any] = []
    presenter.listed.connect(listed.append)
    [message] = _run(qtbot, tasks, presenter.deleted, lambda: presenter.delete(created.id or ""))
    assert message == "Deleted “Short Lived”."
    assert _server_collection(sandbox, created.id or "") is None
    assert created.id not in {entry.id for entry in listed[-1]}
    assert OwnCollections(filled_library).own_collections(PLAIN_USER.username) == []


def test_a_new_library_on_the_same_file_still_lists_the_collection(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, filled_library: StyleLibrary,
    library_path: Path, session: HordeClientSession,
) -> None:
    created = _create(qtbot, presenter, tasks, _image_cards(presenter, filled_library, 2), "Kept")
    again = StyleLibrary.open(library_path)
    restarted = CollectionsPresenter(session, again, tasks)
    with qtbot.waitSignal(restarted.listed) as listed:
        restarted.set_account(PLAIN_USER)
    mine = [entry for entry in (listed.args or [[]])[0] if entry.mine]
    assert [(e.id, e.name, e.member_count) for e in mine] == [(created.id, "Kept", 2)]
    again.close()


def test_reopening_marks_members_deleted_on_the_server_as_gone(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, filled_library: StyleLibrary,
    sandbox: SandboxApp, clock: Clock,
) -> None:
    cards = _image_cards(presenter, filled_library, 3)
    created = _create(qtbot, presenter, tasks, cards, "Fragile")
    del sandbox.state_store.styles[cards[1].id]
    clock.now += 120  # past the read cache window (§1), so the server's answer is believed
    opened = _opened(qtbot, presenter, tasks, lambda: presenter.open(created.id or ""))
    assert [card.mark for card in opened.members] == [Mark.OK, Mark.GONE, Mark.OK]
    assert opened.info == "Wet streets at night."  # remembered: the server never returns it (§3)
    [saved] = _run(qtbot, tasks, presenter.saved, lambda: presenter.save(
        CollectionDraft(opened.id, opened.name, opened.info, True, opened.members)
    ))  # fmt: skip
    assert saved == "Saved “Fragile” with 2 styles. Left out 1 deleted style."
    assert _server_collection(sandbox, created.id or "").style_ids == [cards[0].id, cards[2].id]


def test_a_private_member_the_library_lacks_is_looked_up_and_marked(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, filled_library: StyleLibrary,
    sandbox: SandboxApp, clock: Clock,
) -> None:
    private = next(s for s in sandbox.state_store.styles.values() if s.kind == "image" and not s.public)
    assert filled_library.get_row(private.id) is None
    cards = [*_image_cards(presenter, filled_library, 2), _card_of(sandbox, private)]
    created = _create(qtbot, presenter, tasks, cards, "With a secret")
    clock.now += 120
    opened = _opened(qtbot, presenter, tasks, lambda: presenter.open(created.id or ""))
    assert [card.mark for card in opened.members] == [Mark.OK, Mark.OK, Mark.PRIVATE]
    assert opened.members[2].name == private.name


def test_a_collection_made_elsewhere_is_found_by_name_and_remembered(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, filled_library: StyleLibrary,
) -> None:
    opened = _opened(qtbot, presenter, tasks, lambda: presenter.find_by_name("Cute Corner"))
    assert (opened.name, opened.owned, opened.kind) == ("Cute Corner", True, StyleKind.IMAGE)
    assert opened.members
    remembered = OwnCollections(filled_library).own_collections(PLAIN_USER.username)
    assert [c.name for c in remembered] == ["Cute Corner"]
    [failure] = _run(qtbot, tasks, presenter.failed, lambda: presenter.find_by_name("Noir Nights"))
    assert failure == "Your account has no collection called “Noir Nights” on the server."  # the curator's


def test_a_repeated_name_is_refused_before_anything_is_sent(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, filled_library: StyleLibrary,
    sandbox: SandboxApp,
) -> None:
    cards = _image_cards(presenter, filled_library, 2)
    _create(qtbot, presenter, tasks, cards, "Twice")
    sent = len(sandbox.request_log)
    draft = CollectionDraft(None, "Twice", "", True, tuple(cards))
    [failure] = _run(qtbot, tasks, presenter.failed, lambda: presenter.save(draft))
    assert failure == "You already have a collection called “Twice”. Choose another name."
    assert len(sandbox.request_log) == sent


def test_a_server_failure_on_create_explains_the_likely_cause(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, filled_library: StyleLibrary,
    sandbox: SandboxApp,
) -> None:
    sandbox.faults.add("server_error", method="POST", path="/collections")
    draft = CollectionDraft(None, "Unlucky", "", True, tuple(_image_cards(presenter, filled_library, 2)))
    [failure] = _run(qtbot, tasks, presenter.failed, lambda: presenter.save(draft))
    assert "internal error" in failure
    assert "already has a collection called “Unlucky”" in failure
    assert OwnCollections(filled_library).own_collections(PLAIN_USER.username) == []


def test_without_an_account_nothing_is_sent_and_the_reason_is_given(
    qtbot: QtBot, presenter: CollectionsPresenter, sandbox: SandboxApp, filled_library: StyleLibrary,
) -> None:
    with qtbot.waitSignal(presenter.can_save) as blocked:
        presenter.set_account(None)
    assert blocked.args == [SIGNED_OUT]
    sent = len(sandbox.request_log)
    draft = CollectionDraft(None, "X", "", True, tuple(_image_cards(presenter, filled_library, 1)))
    with qtbot.waitSignal(presenter.failed) as failed:
        presenter.save(draft)
    assert failed.args == [SIGNED_OUT]
    assert len(sandbox.request_log) == sent


def test_a_pick_draws_only_from_members_still_there(qtbot: QtBot, presenter: CollectionsPresenter) -> None:
    cards = [Card("a", StyleKind.IMAGE, "A", mark=Mark.GONE), Card("b", StyleKind.IMAGE, "B")]
    picks = {presenter.try_pick(cards) for _ in range(20)}
    assert picks == {cards[1]}
    assert presenter.try_pick([]) is None


def test_refreshing_public_collections_lists_them(
    qtbot: QtBot, presenter: CollectionsPresenter, tasks: TaskRegistry, sandbox: SandboxApp,
) -> None:
    [entries] = _run(qtbot, tasks, presenter.listed, presenter.refresh_public)
    public = {entry.name for entry in entries if not entry.mine}
    assert "Noir Nights" in public
    assert "Curator Drafts" not in public  # private: the list route serves public ones only (§3)


def _card_of(sandbox: SandboxApp, style: Style) -> Card:
    owner = sandbox.state_store.owner_alias(style.user_id)
    return Card(style.id, StyleKind(style.kind), style.name, owner)
