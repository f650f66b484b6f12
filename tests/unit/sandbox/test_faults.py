"""Fault injection and the request log, in-process through httpx's ASGITransport."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from horde_style_studio.sandbox import FaultPlan, SandboxApp, create_app

from .helpers import CURATOR, connect


@pytest.fixture
def faulty() -> SandboxApp:
    return create_app(faults=FaultPlan())


async def test_latency_delays_then_answers(faulty: SandboxApp) -> None:
    faulty.faults.add("latency", seconds=0.2)
    async with connect(faulty) as client:
        started = time.monotonic()
        response = await client.get("/v2/styles/text")
        assert time.monotonic() - started >= 0.2
    assert response.status_code == 200


async def test_status_fault_with_body_and_headers(faulty: SandboxApp) -> None:
    faulty.faults.add(
        "status", status=503, body={"message": "Down for maintenance"}, headers={"Retry-After": "30"}
    )
    async with connect(faulty) as client:
        response = await client.get("/v2/styles/image")
        again = await client.get("/v2/styles/image")
    assert (response.status_code, response.json(), response.headers["retry-after"]) == (
        503,
        {"message": "Down for maintenance"},
        "30",
    )
    assert again.status_code == 200  # times=1 by default


async def test_rate_limit_fault_has_the_real_shape(faulty: SandboxApp) -> None:
    faulty.faults.add("rate_limit", retry_after=7)
    async with connect(faulty) as client:
        response = await client.get("/v2/styles/image")
    assert response.status_code == 429
    assert response.json() == {"message": "2 per 1 second"}
    assert response.headers["retry-after"] == "7"
    assert {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"} <= set(response.headers)


async def test_server_error_and_malformed_json(faulty: SandboxApp) -> None:
    faulty.faults.add("server_error", method="GET", path=r"/styles/image$")
    faulty.faults.add("malformed_json", path=r"/find_user$")
    async with connect(faulty) as client:
        broken = await client.get("/v2/styles/image")
        garbled = await client.get("/v2/find_user", headers=CURATOR)
    assert (broken.status_code, broken.json()) == (500, {"message": "Internal Server Error"})
    assert garbled.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        garbled.json()


async def test_truncated_body_is_shorter_than_its_length(faulty: SandboxApp) -> None:
    faulty.faults.add("truncated")
    async with connect(faulty) as client:
        response = await client.get("/v2/styles/text")
    assert len(response.content) < int(response.headers["content-length"])
    with pytest.raises(json.JSONDecodeError):
        response.json()


async def test_drop_surfaces_as_a_transport_error(faulty: SandboxApp) -> None:
    faulty.faults.add("drop", times=2)
    async with connect(faulty) as client:
        for _ in range(2):
            with pytest.raises(httpx.RemoteProtocolError):
                await client.get("/v2/styles/image")
        assert (await client.get("/v2/styles/image")).status_code == 200


async def test_faults_match_method_and_path_only(faulty: SandboxApp) -> None:
    fault = faulty.faults.add("server_error", method="POST", path=r"/v2/collections$", times=None)
    async with connect(faulty) as client:
        assert (await client.get("/v2/collections")).status_code == 200
        for _ in range(3):
            posted = await client.post(
                "/v2/collections", json={"name": "x", "styles": ["y"]}, headers=CURATOR
            )
            assert posted.status_code == 500
    assert fault.remaining is None


async def test_request_log_counts_requests_and_hides_keys(faulty: SandboxApp) -> None:
    async with connect(faulty) as client:
        await client.get("/v2/find_user", headers=CURATOR)
        await client.post(
            "/v2/collections", json={"name": "Logged", "styles": ["Moody Film Noir"]}, headers=CURATOR
        )
    log = faulty.request_log
    assert [(r.method, r.path) for r in log] == [
        ("GET", "/api/v2/find_user"),
        ("POST", "/api/v2/collections"),
    ]
    assert all("apikey" not in r.headers and r.had_apikey for r in log)
    assert CURATOR["apikey"] not in repr(log)
    assert log[1].json() == {"name": "Logged", "styles": ["Moody Film Noir"]}
    assert faulty.faults.count("POST", r"/collections") == 1
    assert faulty.faults.count() == 2


def test_unknown_fault_kinds_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown fault kind"):
        FaultPlan().add("explode")  # type: ignore[arg-type]  # deliberately outside FaultKind
    with pytest.raises(ValueError, match="status"):
        FaultPlan().add("status")
