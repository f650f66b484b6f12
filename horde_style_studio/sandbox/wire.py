"""Reading requests as flask-restx does: JSON body, schema, then reqparse arguments (REFERENCE §1)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse

from .constants import Behaviour
from .errors import PayloadValidationError, PlainHttpError, invalid_api_key
from .jsonschema_lite import Schema, schema_errors
from .store import SandboxStore
from .users import User

STYLE_KEY_HELP = "The API Key corresponding to a registered user."
PLAIN_KEY_HELP = "A User API key"
_Default = TypeVar("_Default", int, None)


@dataclass
class Sandbox:
    """What every handler needs: the store and which server is being imitated."""

    store: SandboxStore
    behaviour: Behaviour
    # Seeded, so a test run is repeatable while each request still draws a different order (ties.py).
    rng: random.Random = field(default_factory=lambda: random.Random(515))

    @property
    def modern(self) -> bool:
        return self.behaviour == "modern"


def sandbox_of(request: Request) -> Sandbox:
    sandbox: Sandbox = request.app.state.sandbox
    return sandbox


async def read_payload(request: Request, schema: Schema) -> dict[str, Any]:
    """The JSON body after schema validation; every schema here requires an object."""
    if "json" not in request.headers.get("content-type", ""):
        # Flask 2.2's get_json() refuses a body without the JSON content type (REFERENCE §1).
        message = (
            "Did not attempt to load JSON data because the request Content-Type was not 'application/json'."
        )
        raise PlainHttpError(400, message)
    try:
        body = json.loads(await request.body())
    except ValueError as exc:
        raise PlainHttpError(400, f"Failed to decode JSON object: {exc}") from exc
    errors = schema_errors(body, schema)
    if errors:
        raise PayloadValidationError(errors)
    assert isinstance(body, dict)  # the schema demanded an object
    return body


def require_apikey(request: Request, help_text: str = STYLE_KEY_HELP) -> str:
    key = request.headers.get("apikey")
    if key is None:
        # reqparse, not the Horde: a missing key on a write is a 400 naming the header (REFERENCE §12).
        raise PayloadValidationError(
            {"apikey": f"{help_text} Missing required parameter in the HTTP headers"}
        )
    return key


def require_fields(body: dict[str, Any], *fields: tuple[str, str | None]) -> None:
    """reqparse ``required=True`` JSON arguments, checked in declaration order; the first missing one wins."""
    for name, help_text in fields:
        if name not in body:
            message = "Missing required parameter in the JSON body"
            raise PayloadValidationError({name: f"{help_text} {message}" if help_text else message})


def query_int(request: Request, name: str, help_text: str, default: _Default) -> int | _Default:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise PayloadValidationError({name: f"{help_text} {exc}"}) from exc


def user_for_key(store: SandboxStore, key: str) -> User:
    user = store.user_by_key(key)
    if user is None:
        raise invalid_api_key()
    return user


def base_url(request: Request) -> str:
    """The origin the client used, so served example URLs work in-process and on any loopback port."""
    return str(request.base_url).rstrip("/")


def ok(body: Any, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, headers=headers)
