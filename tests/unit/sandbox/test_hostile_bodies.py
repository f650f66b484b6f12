"""The sandbox's hostile-body fault modes (issue 14, item 9): each answers as a broken or malicious Horde."""

from __future__ import annotations

import json

import pytest

from horde_style_studio.sandbox import FaultPlan, SandboxApp, create_app

from .helpers import connect


@pytest.fixture
def faulty() -> SandboxApp:
    return create_app(faults=FaultPlan())


async def test_bad_rows_spoils_the_chosen_rows_and_keeps_the_page_length(faulty: SandboxApp) -> None:
    faulty.faults.add("bad_rows", path=r"/styles/image$", rows=[0, 3])
    async with connect(faulty) as client:
        spoiled = (await client.get("/v2/styles/image")).json()
        real = (await client.get("/v2/styles/image")).json()
    assert len(spoiled) == len(real) == 25
    assert [row["id"] for row in spoiled] == [row["id"] for row in real]
    assert [n for n, row in enumerate(spoiled) if not isinstance(row["prompt"], str)] == [0, 3]


async def test_huge_field_sends_a_ten_megabyte_name(faulty: SandboxApp) -> None:
    faulty.faults.add("huge_field", path=r"/styles/image$", rows=1)
    async with connect(faulty) as client:
        page = (await client.get("/v2/styles/image")).json()
    assert len(page[1]["name"]) == 10 * 1024 * 1024
    assert len(page[0]["name"]) < 200


@pytest.mark.parametrize("token", ["9" * 5000, "Infinity", "NaN", "1e400"])
async def test_hostile_number_writes_the_raw_token(faulty: SandboxApp, token: str) -> None:
    faulty.faults.add("hostile_number", path=r"/styles/image$", token=token)
    async with connect(faulty) as client:
        response = await client.get("/v2/styles/image")
    assert f'"use_count": {token}' in response.text


async def test_deep_nesting_is_a_bracket_bomb(faulty: SandboxApp) -> None:
    faulty.faults.add("deep_nesting", path=r"/find_user$", depth=100_000)
    async with connect(faulty) as client:
        response = await client.get("/v2/find_user")
    assert response.status_code == 200
    assert response.content == b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(RecursionError):
        json.loads(response.content)


@pytest.mark.parametrize("value", ["inf", "1e400", "1e12", "NaN"])
async def test_rate_limit_sends_any_retry_after_text(faulty: SandboxApp, value: str) -> None:
    faulty.faults.add("rate_limit", retry_after=value)
    async with connect(faulty) as client:
        response = await client.get("/v2/styles/image")
    assert response.status_code == 429
    assert response.headers["retry-after"] == value
