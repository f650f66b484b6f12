"""Fault modes that answer with a hostile *body*: what a broken or malicious Horde could send (issue 14).

``bad_rows``, ``huge_field`` and ``hostile_number`` take the real answer and spoil it, so a test sees the
page it would have seen with one thing wrong; ``deep_nesting`` replaces the answer with a bracket bomb.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .faults import Fault, send_json

KINDS: Final = frozenset({"bad_rows", "huge_field", "hostile_number", "deep_nesting"})
HUGE_FIELD_SIZE: Final = 10 * 1024 * 1024  # the ten-megabyte names of issue 14
DEEP_NESTING: Final = 100_000
LONG_INTEGER: Final = "9" * 5000
_TOKEN: Final = "\x00hostile-number\x00"

# A row keeping its id and name (so a report can name it) with a prompt no style model can read.
SPOILED_FIELDS: Final[dict[str, Any]] = {"prompt": {"not": "a string"}, "public": "perhaps"}


async def _real_answer(app: ASGIApp, scope: Scope, receive: Receive) -> tuple[Message, Any]:
    messages: list[Message] = []

    async def capture(message: Message) -> None:
        messages.append(message)

    await app(scope, receive, capture)
    body = b"".join(m.get("body", b"") for m in messages[1:])
    return messages[0], json.loads(body) if body else None


def _rows(data: Any, which: list[int], ids: set[str] | None) -> list[dict[str, Any]]:
    """The objects to spoil: the answer itself when it is one object; in a list, the rows with one of
    ``ids`` wherever they are (overlapping 5.1.5 pages show a row twice), else rows ``which``."""
    if isinstance(data, dict):
        return [data] if ids is None or data.get("id") in ids else []
    if not isinstance(data, list):
        return []
    if ids is not None:
        return [row for row in data if isinstance(row, dict) and row.get("id") in ids]
    return [data[n] for n in which if -len(data) <= n < len(data) and isinstance(data[n], dict)]


def _which(opts: dict[str, Any]) -> list[int]:
    rows = opts.get("rows", 0)
    return [int(rows)] if isinstance(rows, int) else [int(n) for n in rows]


def _ids(opts: dict[str, Any]) -> set[str] | None:
    return {str(i) for i in opts["ids"]} if "ids" in opts else None


def _spoil(opts: dict[str, Any]) -> Callable[[Any], bytes]:
    """How each kind turns the real (decoded) answer into the hostile body."""
    which, ids = _which(opts), _ids(opts)

    def bad_rows(data: Any) -> bytes:
        if "replace" in opts and isinstance(data, list):
            for n in which:
                if -len(data) <= n < len(data):
                    data[n] = opts["replace"]  # not even an object: null, a number, a string
            return json.dumps(data).encode()
        for row in _rows(data, which, ids):
            row.update(opts.get("fields", SPOILED_FIELDS))
        return json.dumps(data).encode()

    def huge_field(data: Any) -> bytes:
        name, size = str(opts.get("field", "name")), int(opts.get("size", HUGE_FIELD_SIZE))
        for row in _rows(data, which, ids):
            row[name] = "x" * size
        return json.dumps(data).encode()

    def hostile_number(data: Any) -> bytes:
        # json.dumps cannot write these tokens, so a marker string is swapped for the raw text afterwards.
        name, token = str(opts.get("field", "use_count")), str(opts.get("token", LONG_INTEGER))
        for row in _rows(data, which, ids):
            row[name] = _TOKEN
        return json.dumps(data).replace(json.dumps(_TOKEN), token).encode()

    return {"bad_rows": bad_rows, "huge_field": huge_field, "hostile_number": hostile_number}[
        str(opts["kind"])
    ]


async def play(fault: Fault, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    opts = fault.opts
    if fault.kind == "deep_nesting":
        depth = int(opts.get("depth", DEEP_NESTING))
        closer = "]" * depth if opts.get("closed", True) else ""
        await send_json(send, 200, ("[" * depth + closer).encode())
        return
    start, data = await _real_answer(app, scope, receive)
    status = int(start.get("status", 200))
    if status >= 400:
        await send_json(send, status, json.dumps(data).encode())
        return
    await send_json(send, status, _spoil({**opts, "kind": fault.kind})(data))
