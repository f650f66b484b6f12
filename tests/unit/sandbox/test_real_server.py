"""What a running 5.1.5 server was seen doing in everyday use (REFERENCE §1, §12), as ``v5_1_5`` does."""

from __future__ import annotations

import httpx

from horde_style_studio.sandbox import create_app

from .helpers import CURATOR, connect, image_payload


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_one_two_per_second_window_per_address_with_retry_after_rounded_down() -> None:
    app = create_app("v5_1_5", rate_limits=True)
    clock = FakeClock()
    assert app.rate_limiter is not None
    app.rate_limiter.clock = clock
    transport = httpx.ASGITransport(app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://s/api") as first,
        httpx.AsyncClient(transport=transport, base_url="http://s/api") as second,
    ):
        assert (await first.get("/v2/styles/image")).status_code == 200
        clock.now += 0.3
        assert (await second.get("/v2/collections")).status_code == 200
        clock.now += 0.2
        refused = await first.get("/v2/status/models")
    assert refused.status_code == 429
    assert refused.json() == {"message": "2 per 1 second"}
    assert refused.headers["retry-after"] == "0"  # half a second left, rounded down


async def test_by_id_routes_allow_twenty_an_hour_per_method_with_headers() -> None:
    app = create_app("v5_1_5", rate_limits=True)
    clock = FakeClock()
    assert app.rate_limiter is not None
    app.rate_limiter.clock = clock
    async with connect(app) as client:
        created = await client.post("/v2/styles/image", json=image_payload(), headers=CURATOR)
        path = f"/v2/styles/image/{created.json()['id']}"
        answers = []
        for _ in range(21):
            clock.now += 1.0
            answers.append(await client.get(path))
        clock.now += 1.0
        delete = await client.delete(path, headers=CURATOR)
    assert [a.status_code for a in answers[:20]] == [200] * 20
    assert answers[0].headers["x-ratelimit-limit"] == "20"
    assert answers[0].headers["x-ratelimit-remaining"] == "19"
    assert answers[19].headers["x-ratelimit-remaining"] == "0"
    assert answers[20].status_code == 429
    assert int(answers[20].headers["retry-after"]) > 3000
    assert delete.status_code == 200  # DELETE counts apart from GET


async def test_reads_are_cached_for_thirty_seconds_after_a_write() -> None:
    app = create_app("v5_1_5", response_cache=True)
    assert app.response_cache is not None
    clock = FakeClock()
    app.response_cache.clock = clock
    async with connect(app) as client:
        created = await client.post("/v2/styles/image", json=image_payload(), headers=CURATOR)
        path = f"/v2/styles/image/{created.json()['id']}"
        assert (await client.get(path)).json()["info"] == "A foggy harbour look for tests."
        edited = image_payload(info="Changed a moment ago.")
        assert (await client.patch(path, json=edited, headers=CURATOR)).status_code == 200
        clock.now += 29.0
        stale = (await client.get(path)).json()["info"]
        clock.now += 1.5
        fresh = (await client.get(path)).json()["info"]
    assert (stale, fresh) == ("A foggy harbour look for tests.", "Changed a moment ago.")


async def test_stored_text_is_html_escaped_and_matched_escaped() -> None:
    app = create_app("v5_1_5")
    async with connect(app) as client:
        body = image_payload(name="Noir & Neon", info="Dark <and> bright & bold", tags=["r&b"])
        created = await client.post("/v2/styles/image", json=body, headers=CURATOR)
        style = (await client.get(f"/v2/styles/image/{created.json()['id']}")).json()
        typed = {"name": "Mine", "styles": ["Noir & Neon"]}
        escaped = {"name": "Mine too", "styles": ["Noir &amp; Neon"]}
        refused = await client.post("/v2/collections", json=typed, headers=CURATOR)
        accepted = await client.post("/v2/collections", json=escaped, headers=CURATOR)
    assert (style["name"], style["info"], style["tags"]) == (
        "Noir &amp; Neon", "Dark &lt;and&gt; bright &amp; bold", ["r&amp;b"]
    )  # fmt: skip
    assert refused.status_code == 400
    assert "cannot be found" in refused.json()["message"]
    assert accepted.status_code == 200


async def test_equal_use_counts_change_order_between_page_requests_but_age_does_not() -> None:
    app = create_app("v5_1_5", seed=False)
    async with connect(app) as client:
        for n in range(30):
            await client.post("/v2/styles/image", json=image_payload(name=f"Tie {n:02}"), headers=CURATOR)
        popular = [[s["id"] for s in (await client.get("/v2/styles/image")).json()] for _ in range(4)]
        age = [[s["id"] for s in (await client.get("/v2/styles/image?sort=age")).json()] for _ in range(4)]
    assert len({tuple(order) for order in popular}) > 1
    assert len({tuple(order) for order in age}) == 1


async def test_a_duplicate_collection_name_is_a_bare_500() -> None:
    app = create_app("v5_1_5")
    async with connect(app) as client:
        await client.post("/v2/styles/image", json=image_payload(), headers=CURATOR)
        body = {"name": "Twice", "styles": ["Test Harbour Fog"]}
        assert (await client.post("/v2/collections", json=body, headers=CURATOR)).status_code == 200
        again = await client.post("/v2/collections", json=body, headers=CURATOR)
    assert (again.status_code, again.json()) == (500, {"message": "Internal Server Error"})
