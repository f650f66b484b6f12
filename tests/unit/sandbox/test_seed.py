"""Seed data: enough realistic, deterministic content for the app and demos to look alive."""

from __future__ import annotations

import re
from collections import Counter

import httpx

from horde_style_studio.sandbox import DEMO_USERS, SandboxApp, create_app
from horde_style_studio.sandbox.users import CURATOR


def test_seed_has_the_promised_amounts(app: SandboxApp) -> None:
    styles = list(app.state_store.styles.values())
    image = [s for s in styles if s.kind == "image"]
    assert sum(s.public for s in image) >= 150
    assert sum(not s.public for s in image) >= 3
    assert sum(s.kind == "text" for s in styles) == 30
    collections = list(app.state_store.collections.values())
    assert sum(c.public for c in collections) == 10
    assert sum(not c.public for c in collections) == 1
    assert Counter(len(s.examples) for s in image).keys() == {0, 1, 2, 3, 4}


def test_seed_is_deterministic() -> None:
    first, second = create_app().state_store, create_app("v5_1_5").state_store
    assert [(s.id, s.name, s.params) for s in first.styles.values()] == [
        (s.id, s.name, s.params) for s in second.styles.values()
    ]


def test_seed_looks_like_real_styles(app: SandboxApp) -> None:
    styles = list(app.state_store.styles.values())
    names = [s.name for s in styles]
    assert "Moody Film Noir" in names
    assert len(set(names)) == len(names)
    image = [s for s in styles if s.kind == "image"]
    assert all("{p}" in s.prompt and "{np}" in s.prompt for s in image)
    assert any("Flux.1-Schnell fp8 (Compact)" in s.models for s in image)
    assert any(s.params.get("loras") for s in image)
    assert any(s.params.get("tis") for s in image)
    assert len({s.use_count for s in styles}) > 50
    text_models = {m for s in styles if s.kind == "text" for m in s.models}
    assert "koboldcpp/LLaMA2-13B-Psyfighter2" in text_models or "koboldcpp/Tiefighter-13B" in text_models


def test_curator_owns_several_styles_one_private(app: SandboxApp) -> None:
    own = app.state_store.styles_of(CURATOR.id)
    assert len(own) >= 5
    assert [s.public for s in own].count(False) >= 1


def test_demo_keys_look_like_real_keys() -> None:
    keyed = [u for u in DEMO_USERS if not u.anonymous]
    assert all(re.fullmatch(r"[\w-]{22}", u.key) for u in keyed)
    assert len({u.key for u in DEMO_USERS}) == len(DEMO_USERS)
    assert all(u.key not in repr(u) for u in DEMO_USERS)


async def test_active_models_leave_out_models_without_workers(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    listed = (await client.get("/v2/status/models")).json()
    idle = {m.name for m in app.state_store.active_models if m.count == 0 and m.kind == "image"}
    assert idle
    assert {m["name"] for m in listed}.isdisjoint(idle)
    assert all(m["type"] == "image" and m["count"] > 0 for m in listed)
    assert set(listed[0]) == {"name", "count", "performance", "queued", "jobs", "eta", "type"}


async def test_status_models_filters(client: httpx.AsyncClient) -> None:
    text = (await client.get("/v2/status/models", params={"type": "text"})).json()
    assert text
    assert all(m["type"] == "text" for m in text)
    busy = (await client.get("/v2/status/models", params={"min_count": 20})).json()
    assert all(m["count"] >= 20 for m in busy)
    custom = (await client.get("/v2/status/models", params={"model_state": "custom"})).json()
    assert [m["name"] for m in custom] == ["sandbox/ExperimentalMerge-v3"]
    bad = await client.get("/v2/status/models", params={"model_state": "odd"})
    assert bad.status_code == 400
