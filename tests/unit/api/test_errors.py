"""Every error shape of REFERENCE §1 becomes the right typed error, readable, and free of the key."""

from __future__ import annotations

import logging

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.errors import (
    BadRequestError,
    ForbiddenError,
    HordeError,
    HordeProtocolError,
    NotFoundError,
    RateLimitedError,
    RoleRequiredError,
    ServerError,
    UnauthorizedError,
    ValidationFailedError,
)
from horde_style_studio.domain.kinds import StyleKind
from tests.unit.api.mock_server import KEY, Scripted, reply

STYLE_ID = "1c2d3e4f-0000-4000-8000-000000000001"


async def test_rc_less_validation_body_carries_field_errors(
    server: Scripted, session: HordeClientSession
) -> None:
    server.on(
        "GET",
        f"/v2/styles/image/{STYLE_ID}",
        reply(
            400,
            {
                "message": "Input payload validation failed",
                "errors": {"params.width": "4000 is greater than the maximum of 3072"},
            },
        ),
    )
    with pytest.raises(ValidationFailedError) as caught:
        await session.get_style(StyleKind.IMAGE, STYLE_ID)
    assert caught.value.status == 400
    assert caught.value.rc is None
    assert caught.value.field_errors == {"params.width": "4000 is greater than the maximum of 3072"}
    assert "params.width: 4000 is greater" in str(caught.value)


@pytest.mark.parametrize(
    ("status", "rc", "expected", "code"),
    [
        (404, "Style exampleNotFound", NotFoundError, "StyleExampleNotFound"),
        (404, "Image styleNotFound", NotFoundError, "ImageStyleNotFound"),
        (400, "BadRequest", BadRequestError, "BadRequest"),
        (403, "Forbidden", ForbiddenError, "Forbidden"),
        (403, "StylesRequiresCustomizer", RoleRequiredError, "StylesRequiresCustomizer"),
        (401, "InvalidAPIKey", UnauthorizedError, "InvalidAPIKey"),
        (500, None, ServerError, None),
    ],
)
async def test_status_and_rc_pick_the_error_class(
    server: Scripted,
    session: HordeClientSession,
    status: int,
    rc: str | None,
    expected: type[HordeError],
    code: str | None,
) -> None:
    body = {"message": "The server says no."} | ({"rc": rc} if rc else {})
    server.on("DELETE", f"/v2/styles/image/{STYLE_ID}", reply(status, body))
    with pytest.raises(expected) as caught:
        await session.delete_style(StyleKind.IMAGE, STYLE_ID)
    assert caught.value.status == status
    assert caught.value.rc == rc
    assert caught.value.code == code
    assert str(caught.value).startswith("The server says no.")


async def test_error_without_json_body_still_reads_well(
    server: Scripted, session: HordeClientSession
) -> None:
    server.on("DELETE", f"/v2/styles/image/{STYLE_ID}", reply(502, raw=b"<html>Bad gateway</html>"))
    with pytest.raises(ServerError) as caught:
        await session.delete_style(StyleKind.IMAGE, STYLE_ID)
    assert str(caught.value) == "The AI Horde had an internal error."


async def test_malformed_success_body_is_a_protocol_error(
    server: Scripted, session: HordeClientSession
) -> None:
    server.on("GET", f"/v2/styles/image/{STYLE_ID}", reply(200, raw=b'{"id": "x", "name": '))
    with pytest.raises(HordeProtocolError, match="not valid JSON"):
        await session.get_style(StyleKind.IMAGE, STYLE_ID)


async def test_wrong_shape_is_a_protocol_error(server: Scripted, session: HordeClientSession) -> None:
    server.on("GET", "/v2/styles/image", reply(200, {"not": "a list"}))
    with pytest.raises(HordeProtocolError, match="not a list"):
        await session.list_styles(StyleKind.IMAGE)


async def test_rate_limit_reports_retry_after_in_words(server: Scripted, session: HordeClientSession) -> None:
    server.on(
        "POST", "/v2/collections", reply(429, {"message": "2 per 1 second"}, headers={"Retry-After": "1800"})
    )
    from horde_style_studio.domain.collections import CollectionWrite

    with pytest.raises(RateLimitedError) as caught:
        await session.create_collection(CollectionWrite(name="Mine", styles=["style::a#1::One"]))
    assert caught.value.retry_after == 1800
    assert str(caught.value).endswith("Try again in 30 minutes.")


async def test_key_echoed_by_find_user_is_scrubbed_everywhere(
    server: Scripted, session: HordeClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    # §6: the 404 for an unknown key echoes the key in its message.
    server.on(
        "GET",
        "/v2/find_user",
        reply(404, {"message": f"User with api_key '{KEY}' not found.", "rc": "UserNotFound"}),
    )
    caplog.set_level(logging.DEBUG)
    with pytest.raises(NotFoundError) as caught:
        await session.find_user()
    err = caught.value
    for text in (str(err), repr(err), err.message, repr(err.args), repr(session), caplog.text):
        assert KEY not in text
    assert "User with api_key" in str(err)


async def test_write_without_key_is_refused_before_sending(server: Scripted) -> None:
    async with HordeClientSession("http://horde.test/api", transport=server.transport()) as anonymous:
        with pytest.raises(UnauthorizedError, match="Sign in"):
            await anonymous.delete_style(StyleKind.IMAGE, STYLE_ID)
    assert server.seen == []


@pytest.mark.logs_warning("failed: ConnectError")
async def test_transport_failures_do_not_leak_the_key(server: Scripted, session: HordeClientSession) -> None:
    server.on("POST", "/v2/styles/image/x/example", httpx.ConnectError(f"boom apikey={KEY}"))
    with pytest.raises(Exception) as caught:  # noqa: PT011  # the class is asserted just below
        await session.add_example("x", "https://example.org/a.png")
    assert type(caught.value).__name__ == "HordeConnectionError"
    assert KEY not in str(caught.value)
    assert caught.value.__cause__ is None
