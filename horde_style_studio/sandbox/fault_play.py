"""Playing a staged fault: the response (or the lack of one) that replaces the real handler's."""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import hostile
from .constants import INTERNAL_ERROR
from .faults import Fault, send_json
from .ratelimit import PER_SECOND, too_many_requests

BROKEN_JSON = b'{"id": "6a7f3b52-2c1e-4b8e-9d57-3f1c0e8a2b91", "message": "OK", "warnings": [{"code": '


def _server_cycle(send: Send) -> Any:
    """uvicorn's per-request object behind ``send``, which owns the socket; None when served in-process."""
    cycle = getattr(send, "__self__", None)
    return cycle if hasattr(cycle, "transport") else None


async def _hang_up(send: Send) -> bool:
    """Close the client's socket with no further bytes. False when there is no socket (in-process)."""
    cycle = _server_cycle(send)
    if cycle is None:
        return False
    cycle.transport.abort()
    # Tell uvicorn the peer is gone, or it would log an error and try to send its own 500.
    cycle.disconnected = True
    await asyncio.sleep(0)
    return True


async def drop(send: Send) -> None:
    if not await _hang_up(send):
        # httpx's ASGITransport re-raises app exceptions: raise what a real hang-up gives the client.
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")


async def truncated(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """The real response with its full Content-Length but only half its body."""
    messages: list[Message] = []

    async def capture(message: Message) -> None:
        messages.append(message)

    await app(scope, receive, capture)
    start, body = messages[0], b"".join(m.get("body", b"") for m in messages[1:])
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
    in_process = _server_cycle(send) is None
    await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": not in_process})
    await _hang_up(send)


async def play(fault: Fault, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    opts = fault.opts
    if fault.kind == "latency":
        await asyncio.sleep(float(opts.get("seconds", 0.1)))
    elif fault.kind == "status":
        status = int(opts["status"])
        await send_json(
            send, status, opts.get("body", {"message": HTTPStatus(status).phrase}), opts.get("headers")
        )
    elif fault.kind == "rate_limit":
        await too_many_requests(PER_SECOND, int(opts.get("retry_after", 1)))(scope, receive, send)
    elif fault.kind == "server_error":
        await send_json(send, 500, {"message": INTERNAL_ERROR})
    elif fault.kind == "malformed_json":
        await send_json(send, 200, BROKEN_JSON)
    elif fault.kind == "truncated":
        await truncated(app, scope, receive, send)
    elif fault.kind == "html_text":
        await hostile.html_text(fault, app, scope, receive, send)
    elif fault.kind == "trickle":
        await hostile.trickle(fault, app, scope, receive, send)
    elif fault.kind == "redirect":
        await hostile.redirect(fault, send)
    elif fault.kind == "svg_as_png":
        await hostile.svg_as_png(send)
    else:
        await drop(send)
