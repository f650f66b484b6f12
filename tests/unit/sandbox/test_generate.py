"""The sandbox generates: queue, run, results, faults, kudos, censorship, links that expire (§5, §13)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from horde_style_studio.sandbox import CUSTOMIZER_KEY, USER_KEY, Behaviour, SandboxApp, create_app
from horde_style_studio.sandbox.workers import WorkerSettings

from .helpers import CURATOR, PLAIN, connect, rc_of
from .test_images import _decode


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(behaviour: Behaviour, clock: Clock) -> SandboxApp:
    return create_app(behaviour, workers=WorkerSettings(clock=clock, queue_seconds=20, run_seconds=5))


@pytest.fixture
async def client(app: SandboxApp) -> AsyncIterator[httpx.AsyncClient]:
    async with connect(app) as client:
        yield client


def _image_style(app: SandboxApp, index: int = 0, owner: int | None = None) -> str:
    styles = [
        s
        for s in app.state_store.styles.values()
        if s.kind == "image" and s.models and (owner is None or s.user_id == owner)
    ]
    return styles[index].id


async def _run(
    client: httpx.AsyncClient, clock: Clock, body: dict[str, Any], headers: dict[str, str] = CURATOR
) -> dict[str, Any]:
    answer = await client.post("/v2/generate/async", json=body, headers=headers)
    assert answer.status_code == 202, answer.text
    clock.now += 60
    status = await client.get(f"/v2/generate/status/{answer.json()['id']}")
    body = status.json()
    assert body["done"] is True
    return body


async def _pixels(client: httpx.AsyncClient, url: str) -> bytes:
    response = await client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    return response.content


async def test_queue_position_and_wait_time_fall_until_the_job_runs(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    job = (
        await client.post("/v2/generate/async", json={"prompt": "a fox", "params": {"n": 2}}, headers=CURATOR)
    ).json()
    seen = []
    for _ in range(6):
        seen.append((await client.get(f"/v2/generate/check/{job['id']}")).json())
        clock.now += 4
    positions = [c["queue_position"] for c in seen]
    waits = [c["wait_time"] for c in seen]
    assert positions == sorted(positions, reverse=True)
    assert positions[0] > positions[-1] == 0
    assert waits == sorted(waits, reverse=True)
    assert seen[-1]["processing"] == 2


async def test_the_same_seed_draws_the_same_picture_and_another_style_looks_different(
    app: SandboxApp, client: httpx.AsyncClient, clock: Clock
) -> None:
    # An unstyled request keeps its seed on both servers; the style is sent merged by the client.
    one = await _run(client, clock, {"prompt": "a lighthouse", "params": {"seed": "7", "n": 1}})
    two = await _run(client, clock, {"prompt": "a lighthouse", "params": {"seed": "7", "n": 1}})
    other_seed = await _run(client, clock, {"prompt": "a lighthouse", "params": {"seed": "8", "n": 1}})
    first = await _pixels(client, one["generations"][0]["img"])
    assert first == await _pixels(client, two["generations"][0]["img"])
    assert first != await _pixels(client, other_seed["generations"][0]["img"])

    styled = []
    for index in range(2):
        body = {"prompt": "a lighthouse", "style": _image_style(app, index), "params": {"seed": "7"}}
        result = await _run(client, clock, body)
        styled.append(_decode(await _pixels(client, result["generations"][0]["img"]))[2])
    # Different styles: different palettes, so the mean colour differs clearly, not by a few pixels.
    means = [sum(raw) / len(raw) for raw in styled]
    differing = sum(1 for a, b in zip(styled[0], styled[1], strict=False) if abs(a - b) > 40)
    assert differing > len(styled[0]) // 4 or abs(means[0] - means[1]) > 10


async def test_kudos_are_charged_when_the_job_finishes(
    app: SandboxApp, client: httpx.AsyncClient, clock: Clock
) -> None:
    before = app.state_store.users[2].kudos
    result = await _run(client, clock, {"prompt": "a lighthouse"}, PLAIN)
    assert result["kudos"] > 0
    assert app.state_store.users[2].kudos == pytest.approx(before - result["kudos"])


async def test_image_requests_pay_the_style_tax_as_each_server_does(
    app: SandboxApp, client: httpx.AsyncClient, behaviour: Behaviour
) -> None:
    plain = (
        await client.post("/v2/generate/async", json={"prompt": "x", "dry_run": True}, headers=PLAIN)
    ).json()
    two = (
        await client.post(
            "/v2/generate/async", json={"prompt": "x", "params": {"n": 2}, "dry_run": True}, headers=PLAIN
        )
    ).json()
    per_image = two["kudos"] - plain["kudos"]
    tax = plain["kudos"] - per_image
    # 5.1.5 adds the +2 to every image request, styled or not (REFERENCE §5 Kudos, B10).
    assert tax == pytest.approx(2 if behaviour == "v5_1_5" else 0)


async def test_a_styled_dry_run_pays_the_owner_only_on_5_1_5(
    app: SandboxApp, client: httpx.AsyncClient, behaviour: Behaviour
) -> None:
    style = app.state_store.styles[_image_style(app, owner=1)]
    owner_before, uses_before = app.state_store.users[1].kudos, style.use_count
    answer = await client.post(
        "/v2/generate/async", json={"prompt": "x", "style": style.id, "dry_run": True}, headers=PLAIN
    )
    assert answer.status_code == 202
    assert app.desk.jobs == {}
    paid = app.state_store.users[1].kudos - owner_before
    if behaviour == "v5_1_5":
        assert (paid, style.use_count - uses_before) == (2, 1)
    else:
        assert (paid, style.use_count - uses_before) == (0, 0)


async def test_a_model_nobody_serves_is_not_possible(client: httpx.AsyncClient) -> None:
    job = (
        await client.post("/v2/generate/async", json={"prompt": "x", "models": ["Nobody"]}, headers=CURATOR)
    ).json()
    check = (await client.get(f"/v2/generate/check/{job['id']}")).json()
    assert check["is_possible"] is False
    assert check["done"] is False


async def test_an_nsfw_prompt_comes_back_censored(client: httpx.AsyncClient, clock: Clock) -> None:
    result = await _run(client, clock, {"prompt": "a nude statue", "params": {"n": 1}})
    generation = result["generations"][0]
    assert generation["censored"] is True
    allowed = await _run(client, clock, {"prompt": "a nude statue", "nsfw": True})
    assert allowed["generations"][0]["censored"] is False


async def test_result_links_expire_like_r2_links(
    app: SandboxApp, client: httpx.AsyncClient, clock: Clock
) -> None:
    result = await _run(client, clock, {"prompt": "a lighthouse"})
    url = result["generations"][0]["img"]
    assert (await client.get(url)).status_code == 200
    clock.now += 1801
    assert (await client.get(url)).status_code == 403


async def test_cancelling_mid_run_keeps_nothing_and_the_log_shows_the_delete(
    app: SandboxApp, client: httpx.AsyncClient, clock: Clock
) -> None:
    job = (await client.post("/v2/generate/async", json={"prompt": "x"}, headers=CURATOR)).json()
    clock.now += 22
    cancelled = (await client.delete(f"/v2/generate/status/{job['id']}")).json()
    assert cancelled["done"] is True
    assert cancelled["generations"] == []
    assert app.faults.count("DELETE", rf"/v2/generate/status/{job['id']}$") == 1


async def test_a_text_job_returns_text_from_the_merged_prompt(
    app: SandboxApp, client: httpx.AsyncClient, clock: Clock
) -> None:
    style = next(s for s in app.state_store.styles.values() if s.kind == "text" and "{p}" in s.prompt)
    job = (
        await client.post(
            "/v2/generate/text/async", json={"prompt": "the log", "style": style.id}, headers=CURATOR
        )
    ).json()
    assert (await client.get(f"/v2/generate/check/{job['id']}")).status_code == 404  # text has no check route
    clock.now += 60
    text = (await client.get(f"/v2/generate/text/status/{job['id']}")).json()["generations"][0]["text"]
    expected = " ".join(style.prompt.replace("{p}", "the log").split())
    assert expected[-40:] in text


async def test_wrong_kind_and_unknown_styles_are_refused(app: SandboxApp, client: httpx.AsyncClient) -> None:
    text_style = next(s.id for s in app.state_store.styles.values() if s.kind == "text")
    wrong = await client.post(
        "/v2/generate/async", json={"prompt": "x", "style": text_style}, headers=CURATOR
    )
    assert rc_of(wrong)[0] == 400
    unknown = await client.post(
        "/v2/generate/async", json={"prompt": "x", "style": "No Such Style"}, headers=CURATOR
    )
    assert rc_of(unknown) == (404, "StyleNotFound")


async def test_a_collection_as_style_crashes_5_1_5_only(
    app: SandboxApp, client: httpx.AsyncClient, behaviour: Behaviour
) -> None:
    collection = next(c for c in app.state_store.collections.values() if c.kind == "image" and c.style_ids)
    answer = await client.post(
        "/v2/generate/async", json={"prompt": "x", "style": collection.id}, headers=CURATOR
    )
    assert answer.status_code == (500 if behaviour == "v5_1_5" else 202)


async def test_check_and_status_have_their_own_limits(behaviour: Behaviour, clock: Clock) -> None:
    app = create_app(behaviour, rate_limits=True, workers=WorkerSettings(clock=clock))
    async with connect(app) as client:
        job = (await client.post("/v2/generate/async", json={"prompt": "x"}, headers=CURATOR)).json()
        checks = [(await client.get(f"/v2/generate/check/{job['id']}")).status_code for _ in range(11)]
        statuses = [(await client.get(f"/v2/generate/status/{job['id']}")).status_code for _ in range(11)]
    assert checks.count(429) == 1
    assert statuses.count(429) == 1


def test_the_request_log_file_has_one_line_per_request(tmp_path: Path) -> None:
    log = tmp_path / "requests.jsonl"
    app = create_app("modern", request_log_file=log)

    async def go() -> None:
        async with connect(app) as client:
            await client.get("/v2/status/models")
            await client.delete("/v2/generate/status/nope", headers={"apikey": USER_KEY})

    asyncio.run(go())
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(line["method"], line["path"]) for line in lines] == [
        ("GET", "/api/v2/status/models"),
        ("DELETE", "/api/v2/generate/status/nope"),
    ]
    assert CUSTOMIZER_KEY not in log.read_text()
