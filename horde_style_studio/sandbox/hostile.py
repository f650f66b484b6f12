"""Hostile answers for the fault plan (issue 14): style text that is HTML, and image hosts that trickle,
redirect or lie about their format. Each one is what some stranger's server or style really can send."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .faults import Fault, send_json

# A description written to phish: rendered as rich text it shows a bold notice, a link and a local picture.
HOSTILE_HTML = (
    '<h1>SECURITY NOTICE</h1><a href="https://phish.test/key">re-enter your key here</a>'
    '<img src="file:///etc/hostname">'
)
SVG_DRAWING = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
    b'<image href="file:///etc/hostname" width="64" height="64"/></svg>'
)


def _hostile_style(style: dict[str, Any], html: str) -> dict[str, Any]:
    # Only the free-text fields change; ids, kinds and counts stay, so the rows still parse and sync.
    out = dict(style)
    out["name"] = f"<b>{style.get('name', '')}</b>"
    out["info"] = html
    if isinstance(style.get("prompt"), str):
        out["prompt"] = f"{style['prompt']} <a href='https://phish.test'>x</a>"
    if isinstance(style.get("creator"), str):
        out["creator"] = f"<i>{style['creator']}</i>"
    if isinstance(style.get("tags"), list):
        out["tags"] = [f"<u>{tag}</u>" for tag in style["tags"]]
    return out


def _rewrite(value: Any, html: str) -> Any:
    if isinstance(value, list):
        return [_rewrite(item, html) for item in value]
    if isinstance(value, dict) and "id" in value and "name" in value:
        return _hostile_style(value, html)
    return value


async def html_text(fault: Fault, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """The real answer, every style or collection in it carrying HTML in its name, description, template,
    creator and tags."""
    messages: list[Message] = []

    async def capture(message: Message) -> None:
        messages.append(message)

    await app(scope, receive, capture)
    start, body = messages[0], b"".join(m.get("body", b"") for m in messages[1:])
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if data is None:
        await send(start)
        await send({"type": "http.response.body", "body": body, "more_body": False})
        return
    await send_json(send, int(start["status"]), _rewrite(data, str(fault.opts.get("html", HOSTILE_HTML))))


async def trickle(fault: Fault, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """The real answer, its body sent one byte every ``interval`` seconds (a host that holds a slot)."""
    messages: list[Message] = []

    async def capture(message: Message) -> None:
        messages.append(message)

    await app(scope, receive, capture)
    await send(messages[0])
    body = b"".join(m.get("body", b"") for m in messages[1:])
    interval = float(fault.opts.get("interval", 1.0))
    for n in range(len(body)):
        await send({"type": "http.response.body", "body": body[n : n + 1], "more_body": n + 1 < len(body)})
        await asyncio.sleep(interval)


async def redirect(fault: Fault, send: Send) -> None:
    location = str(fault.opts["location"]).encode("latin-1")
    status = int(fault.opts.get("status", 302))
    headers = [(b"location", location), (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def svg_as_png(send: Send) -> None:
    headers = [(b"content-type", b"image/png"), (b"content-length", str(len(SVG_DRAWING)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": SVG_DRAWING, "more_body": False})
