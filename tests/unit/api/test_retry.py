"""Reads are retried with capped backoff; writes never are; 429 waits only when the wait is short."""

from __future__ import annotations

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.errors import (
    HordeConnectionError,
    HordeTimeoutError,
    RateLimitedError,
    ServerError,
)
from horde_style_studio.api.retry import RetryPolicy, parse_retry_after, rate_limit_wait
from horde_style_studio.domain.kinds import StyleKind
from tests.unit.api.conftest import SleepRecorder
from tests.unit.api.mock_server import Scripted, reply

OK_LIST = reply(200, [])


async def test_get_retried_on_5xx_then_succeeds(
    server: Scripted, session: HordeClientSession, sleeps: SleepRecorder
) -> None:
    server.on("GET", "/v2/styles/image", reply(503, {"message": "busy"}), reply(500, {}), OK_LIST)
    assert await session.list_styles(StyleKind.IMAGE) == []
    assert server.count("GET", "/v2/styles/image") == 3
    assert len(sleeps.waits) == 2
    assert sleeps.waits[1] > sleeps.waits[0]


async def test_get_gives_up_after_the_policy_attempts(server: Scripted, session: HordeClientSession) -> None:
    server.on("GET", "/v2/styles/image", reply(500, {"message": "Internal Server Error"}))
    with pytest.raises(ServerError):
        await session.list_styles(StyleKind.IMAGE)
    assert server.count("GET", "/v2/styles/image") == 3


@pytest.mark.logs_warning("failed: ConnectError")
async def test_get_retried_on_connection_error(server: Scripted, session: HordeClientSession) -> None:
    server.on("GET", "/v2/styles/image", httpx.ConnectError("refused"), OK_LIST)
    assert await session.list_styles(StyleKind.IMAGE) == []
    assert server.count("GET", "/v2/styles/image") == 2


@pytest.mark.parametrize("method", ["POST", "PATCH", "DELETE"])
async def test_writes_are_never_retried(server: Scripted, session: HordeClientSession, method: str) -> None:
    path = "/v2/collections" if method == "POST" else "/v2/collections/c1"
    server.on(method, path, reply(500, {"message": "Internal Server Error"}), reply(200, {"id": "c1"}))
    from horde_style_studio.domain.collections import CollectionWrite

    payload = CollectionWrite(name="Mine", styles=["style::a#1::One"])
    calls = {
        "POST": lambda: session.create_collection(payload),
        "PATCH": lambda: session.patch_collection("c1", payload),
        "DELETE": lambda: session.delete_collection("c1"),
    }
    with pytest.raises(ServerError):
        await calls[method]()
    assert server.count(method, path) == 1


@pytest.mark.logs_warning("timed out")
async def test_write_timeout_is_not_retried(server: Scripted, session: HordeClientSession) -> None:
    server.on("DELETE", "/v2/collections/c1", httpx.ReadTimeout("slow"))
    with pytest.raises(HordeTimeoutError):
        await session.delete_collection("c1")
    assert server.count("DELETE", "/v2/collections/c1") == 1


async def test_short_retry_after_is_honoured(
    server: Scripted, session: HordeClientSession, sleeps: SleepRecorder
) -> None:
    limited = reply(429, {"message": "2 per 1 second"}, headers={"Retry-After": "2"})
    server.on("GET", "/v2/collections", limited, OK_LIST)
    assert await session.list_collections() == []
    assert len(sleeps.waits) == 1
    assert 2.0 < sleeps.waits[0] < 3.0  # the wait asked for, plus jitter


async def test_long_retry_after_goes_straight_to_the_caller(
    server: Scripted, session: HordeClientSession, sleeps: SleepRecorder
) -> None:
    server.on(
        "GET", "/v2/styles/text", reply(429, {"message": "20 per 1 hour"}, headers={"Retry-After": "3000"})
    )
    with pytest.raises(RateLimitedError) as caught:
        await session.list_styles(StyleKind.TEXT)
    assert caught.value.retry_after == 3000
    assert sleeps.waits == []
    assert server.count("GET", "/v2/styles/text") == 1


@pytest.mark.logs_warning("failed: ConnectError")
async def test_connection_failure_exhausts_into_typed_error(server: Scripted) -> None:
    server.on("GET", "/v2/find_user", httpx.ConnectError("down"))
    recorder = SleepRecorder()
    async with HordeClientSession(
        "http://horde.test/api",
        api_key="abc",
        transport=server.transport(),
        retry=RetryPolicy(attempts=2),
        sleep=recorder,
    ) as s:
        with pytest.raises(HordeConnectionError):
            await s.find_user()
    assert server.count("GET", "/v2/find_user") == 2


def test_backoff_is_capped() -> None:
    policy = RetryPolicy(base_delay=1, max_delay=4, jitter=0)
    assert [policy.backoff(n) for n in range(1, 6)] == [1, 2, 4, 4, 4]


@pytest.mark.parametrize(("value", "expected"), [("7", 7.0), ("0", 0.0), (None, None), ("soon", None)])
def test_retry_after_header_forms(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def test_retry_after_http_date_in_the_past_is_zero() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


@pytest.mark.parametrize("method", ["GET", "PATCH"])
async def test_retry_after_zero_waits_at_least_the_window_even_for_a_write(
    server: Scripted, session: HordeClientSession, sleeps: SleepRecorder, method: str
) -> None:
    # §12: 5.1.5 rounds Retry-After down, so "0" means under a second of the 2-per-second window is left;
    # the limiter refused before the handler ran, so a write is as safe to send again as a read.
    limited = reply(429, {"message": "2 per 1 second"}, headers={"Retry-After": "0"})
    from horde_style_studio.domain.collections import CollectionWrite

    path = "/v2/collections" if method == "GET" else "/v2/collections/c1"
    server.on(method, path, limited, limited, limited, reply(200, [] if method == "GET" else {"id": "c1"}))
    if method == "GET":
        await session.list_collections()
    else:
        await session.patch_collection("c1", CollectionWrite(name="Mine", styles=["style::a#1::One"]))
    assert server.count(method, path) == 4
    assert len(sleeps.waits) == 3
    assert all(wait >= 1.0 for wait in sleeps.waits)
    assert len(set(sleeps.waits)) == 3  # jittered, so clients sharing an address drift apart


@pytest.mark.parametrize(
    ("retry_after", "unknown", "expected"),
    [(0.0, None, 1.0), (0.4, 60.0, 1.0), (7.0, 60.0, 7.0), (None, None, 1.0), (None, 60.0, 60.0)],
)
def test_a_429_is_waited_out_for_at_least_the_floor_even_when_retry_after_says_0(
    retry_after: float | None, unknown: float | None, expected: float
) -> None:
    # 5.1.5 rounds Retry-After down (§12): "0" would be refused again at once.
    err = RateLimitedError(retry_after=retry_after, status=429)
    assert rate_limit_wait(err, at_least=1.0, unknown=unknown) == expected
