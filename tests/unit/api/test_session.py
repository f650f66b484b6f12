"""The session owns the pool: closing it stops every request in flight, also when the body raised."""

from __future__ import annotations

import asyncio
import ssl

import httpx
import pytest

from horde_style_studio import __version__
from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.errors import HordeTimeoutError, SessionClosedError
from horde_style_studio.api.session import tls_context
from horde_style_studio.domain.kinds import StyleKind
from tests.unit.api.mock_server import BASE, KEY, Scripted, reply


def _hanging(server: Scripted, started: asyncio.Event) -> None:
    async def never(request: httpx.Request) -> httpx.Response:
        started.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    server.on("GET", "/v2/styles/image", never)


async def test_closing_cancels_requests_in_flight(server: Scripted) -> None:
    started = asyncio.Event()
    _hanging(server, started)
    session = HordeClientSession(BASE, transport=server.transport())
    counts: list[int] = []
    session.engine.on_in_flight_changed = counts.append
    request = asyncio.ensure_future(session.list_styles(StyleKind.IMAGE))
    await started.wait()
    assert session.in_flight == 1
    await session.aclose()
    with pytest.raises(SessionClosedError):
        await request
    assert session.in_flight == 0
    assert counts[-1] == 0
    assert session.closed
    with pytest.raises(SessionClosedError):
        await session.list_styles(StyleKind.IMAGE)


async def test_leaving_the_context_by_exception_still_closes(server: Scripted) -> None:
    started = asyncio.Event()
    _hanging(server, started)
    requests: list[asyncio.Future[object]] = []
    session = HordeClientSession(BASE, transport=server.transport())

    async def body_that_fails() -> None:
        async with session:
            requests.append(asyncio.ensure_future(session.list_styles(StyleKind.IMAGE)))
            await started.wait()
            raise RuntimeError("body failed")

    with pytest.raises(RuntimeError, match="body failed"):
        await body_that_fails()
    (request,) = requests
    assert request.done()
    assert isinstance(request.exception(), SessionClosedError)
    assert session.closed


async def test_cancelling_the_caller_cancels_its_request(server: Scripted) -> None:
    started = asyncio.Event()
    _hanging(server, started)
    async with HordeClientSession(BASE, transport=server.transport()) as session:
        caller = asyncio.ensure_future(session.list_styles(StyleKind.IMAGE))
        await started.wait()
        caller.cancel()
        with pytest.raises(asyncio.CancelledError):
            await caller
        assert session.in_flight == 0


async def test_headers_agent_and_key(server: Scripted, session: HordeClientSession) -> None:
    server.on(
        "GET",
        "/v2/styles/image_by_name/db0#1::my style",
        reply(200, {"id": "s1", "name": "my style", "prompt": "{p}{np}", "models": ["m"]}),
    )
    style = await session.get_style_by_name(StyleKind.IMAGE, "db0#1::my style")
    assert style.name == "my style"
    sent = server.seen[-1]
    assert sent.headers["apikey"] == KEY
    name, version, contact = sent.headers["Client-Agent"].split(":", 2)
    assert (name, version) == ("horde-style-studio", __version__)
    assert contact.startswith("https://")
    assert KEY not in str(sent.url)
    assert sent.url.raw_path.decode().endswith("/image_by_name/db0%231%3A%3Amy%20style")


async def test_contact_goes_into_the_client_agent(server: Scripted) -> None:
    server.on("GET", "/v2/status/models", reply(200, []))
    async with HordeClientSession(BASE, contact="curator@example.org", transport=server.transport()) as s:
        await s.models_status(StyleKind.TEXT)
    assert server.seen[0].headers["Client-Agent"].endswith(":curator@example.org")
    assert server.seen[0].url.params["type"] == "text"


@pytest.mark.logs_warning("timed out")
async def test_every_call_has_a_timeout() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        assert request.extensions["timeout"]["read"] == 0.05
        raise httpx.ReadTimeout("too slow", request=request)

    transport = httpx.MockTransport(slow)
    async with HordeClientSession(BASE, transport=transport, timeout=0.05) as s:
        with pytest.raises(HordeTimeoutError):
            await s.style_contract()


async def test_repr_never_shows_the_key(session: HordeClientSession) -> None:
    assert KEY not in repr(session)
    assert "with key" in repr(session)
    assert KEY not in repr(session.engine.__dict__)


async def test_find_user_can_check_another_key_without_adopting_it(server: Scripted) -> None:
    server.on(
        "GET",
        "/v2/find_user",
        reply(404, {"message": "User with api_key 'other-key-000' not found.", "rc": "UserNotFound"}),
    )
    async with HordeClientSession(BASE, api_key=KEY, transport=server.transport()) as s:
        with pytest.raises(Exception, match="not found") as caught:  # any typed 404
            await s.find_user(api_key="other-key-000")
        assert s.api_key == KEY
    assert server.seen[0].headers["apikey"] == "other-key-000"
    assert "other-key-000" not in str(caught.value)


def test_every_session_shares_one_tls_context_that_checks_certificates_and_host_names() -> None:
    context = tls_context()
    assert context is tls_context()  # loading the certificates again would cost each session ~50 ms
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname
