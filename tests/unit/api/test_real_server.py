"""The client against the sandbox's ``v5_1_5`` as a real 5.1.5 server behaves in everyday use (§1, §12)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.budgets import RouteBudgetSpentError
from horde_style_studio.api.errors import BadRequestError, DuplicateCollectionNameError
from horde_style_studio.api.retry import NO_RETRY, RetryPolicy
from horde_style_studio.domain.collections import CollectionWrite
from horde_style_studio.domain.diff import diff_styles
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyleWrite
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app

BASE = "http://sandbox.test/api"


def _style(name: str, **changes: Any) -> ImageStyleWrite:
    body: dict[str, Any] = {
        "name": name,
        "info": "A style made by the client's 5.1.5 tests.",
        "prompt": "{p}, dusk###blurry, {np}",
        "models": ["Deliberate"],
        "tags": ["dusk"],
    }
    return ImageStyleWrite.model_validate({**body, **changes})


async def _session(app: SandboxApp, retry: RetryPolicy = NO_RETRY) -> HordeClientSession:
    return HordeClientSession(BASE, api_key=CUSTOMIZER_KEY, transport=httpx.ASGITransport(app), retry=retry)


@pytest.fixture
def app() -> SandboxApp:
    return create_app("v5_1_5", seed=False, response_cache=True)


@pytest.fixture
async def curator(app: SandboxApp) -> AsyncIterator[HordeClientSession]:
    async with await _session(app) as session:
        yield session


# -- 3: --all means all --------------------------------------------------------------------------------------
async def test_all_pages_holds_every_style_although_equal_use_counts_reorder(
    app: SandboxApp, curator: HordeClientSession
) -> None:
    for n in range(60):
        await curator.create_style(StyleKind.IMAGE, _style(f"Dusk {n:02}"))
    for n, style in enumerate(app.state_store.styles.values()):
        style.use_count = n % 3  # three big groups of equal counts, as a real list has
    listed = await curator.list_styles(StyleKind.IMAGE, all_pages=True)
    assert len({s.id for s in listed}) == 60
    assert [s.use_count for s in listed] == sorted((s.use_count for s in listed), reverse=True)


# -- 4: the per-id budget ------------------------------------------------------------------------------------
async def test_a_spent_per_id_budget_says_when_it_comes_back_without_asking() -> None:
    app = create_app("v5_1_5", seed=False, rate_limits=True)
    async with await _session(app, RetryPolicy()) as session:
        created = await session.create_style(StyleKind.IMAGE, _style("Budget"))
        assert created.id
        for _ in range(20):
            await session.get_style(StyleKind.IMAGE, created.id)
        sent = len(app.request_log)
        with pytest.raises(RouteBudgetSpentError) as spent:
            await session.get_style(StyleKind.IMAGE, created.id)
        assert len(app.request_log) == sent  # known to be spent: not asked again
        assert "limit of 20 GET requests for this style is used up" in str(spent.value)
        assert "until" in str(spent.value)
        assert (spent.value.retry_after or 0) > 3000
        await session.delete_style(StyleKind.IMAGE, created.id)  # DELETE has its own 20


# -- 5: text as its author wrote it --------------------------------------------------------------------------
async def test_escaped_text_reads_back_as_written_and_names_work_either_way(
    curator: HordeClientSession,
) -> None:
    written = _style("Noir & Neon", info="Dark <and> bright & bold", tags=["r&b", "noir"])
    created = await curator.create_style(StyleKind.IMAGE, written)
    assert created.id
    style = await curator.get_style(StyleKind.IMAGE, created.id)
    assert (style.name, style.info, sorted(style.tags)) == ("Noir & Neon", "Dark <and> bright & bold",
                                                            ["noir", "r&b"])  # fmt: skip
    assert (await curator.get_style_by_name(StyleKind.IMAGE, "Noir & Neon")).id == created.id
    assert (await curator.get_style_by_name(StyleKind.IMAGE, "Noir &amp; Neon")).id == created.id
    for n, member in enumerate(("Noir & Neon", "Noir &amp; Neon")):
        made = await curator.create_collection(CollectionWrite(name=f"Night & Day {n}", styles=[member]))
        assert made.id
        collection = await curator.get_collection(made.id)
        assert collection.name == f"Night & Day {n}"
        assert [m.id for m in collection.styles] == [created.id]


def test_escaping_is_no_change_in_a_diff() -> None:
    served = {"name": "Noir &amp; Neon", "info": "a &lt;b&gt;", "tags": ["r&amp;b"]}
    typed = {"name": "Noir & Neon", "info": "a <b>", "tags": ["r&b"]}
    assert diff_styles(served, typed) == []


# -- 6: the 500s -------------------------------------------------------------------------------------------
async def test_a_duplicate_collection_name_says_the_likely_cause(curator: HordeClientSession) -> None:
    await curator.create_style(StyleKind.IMAGE, _style("Member"))
    await curator.create_collection(CollectionWrite(name="Twice", styles=["Member"]))
    with pytest.raises(DuplicateCollectionNameError) as failed:
        await curator.create_collection(CollectionWrite(name="Twice", styles=["Member"]))
    assert "already have a collection of that name" in str(failed.value)


async def test_an_update_without_members_is_refused_before_sending(
    app: SandboxApp, curator: HordeClientSession
) -> None:
    await curator.create_style(StyleKind.IMAGE, _style("One"))
    await curator.create_style(StyleKind.IMAGE, _style("Two"))
    made = await curator.create_collection(CollectionWrite(name="Pair", styles=["One", "Two"]))
    assert made.id
    await curator.get_collection(made.id)  # now in the server's 30 s cache
    await curator.patch_collection(made.id, CollectionWrite(name="Pair", styles=["One"]))
    sent = len(app.request_log)
    with pytest.raises(BadRequestError):
        await curator.patch_collection(made.id, CollectionWrite(name="Pair renamed", styles=[]))
    assert len(app.request_log) == sent
    stored = app.state_store.collections[made.id]
    assert (stored.name, len(stored.style_ids)) == ("Pair", 1)
