"""Optional real rate limits: 20/hour on 5.1.5's notorious GETs, 2/s elsewhere (REFERENCE §1, B8, §12)."""

from __future__ import annotations

import httpx
import pytest

from horde_style_studio.sandbox import Behaviour, create_app

from .helpers import connect


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _burst(behaviour: Behaviour, path: str, count: int, spacing: float) -> list[httpx.Response]:
    app = create_app(behaviour, rate_limits=True)
    clock = FakeClock()
    assert app.rate_limiter is not None
    app.rate_limiter.clock = clock
    responses = []
    async with connect(app) as client:
        for _ in range(count):
            responses.append(await client.get(path))
            clock.now += spacing
    return responses


@pytest.mark.parametrize(("behaviour", "allowed"), [("modern", 25), ("v5_1_5", 20)])
async def test_text_list_hourly_limit(behaviour: Behaviour, allowed: int) -> None:
    responses = await _burst(behaviour, "/v2/styles/text", 25, spacing=1.0)
    assert [r.status_code for r in responses].count(200) == allowed
    if allowed < 25:
        refused = responses[20]
        assert refused.json() == {"message": "20 per 1 hour"}
        assert int(refused.headers["retry-after"]) > 3000


async def test_two_per_second_elsewhere() -> None:
    responses = await _burst("modern", "/v2/collections", 3, spacing=0.0)
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert responses[2].json() == {"message": "2 per 1 second"}
    assert responses[2].headers["retry-after"] == "1"
    assert responses[1].headers["x-ratelimit-remaining"] == "0"


async def test_limits_are_off_by_default() -> None:
    async with connect(create_app("v5_1_5")) as client:
        statuses = {(await client.get("/v2/styles/text")).status_code for _ in range(25)}
    assert statuses == {200}
