"""Image style examples: add, edit, delete, with 5.1.5's primary-flag bugs (REFERENCE §2.7, B5)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from .errors import ServerCrashError, bad_request, forbidden, not_owner, thing_not_found
from .lookup import style_by_uuid
from .schemas import EXAMPLE_PATCH, EXAMPLE_POST
from .store import Example, Style
from .style_reads import Handler
from .users import User
from .wire import (
    PLAIN_KEY_HELP,
    Sandbox,
    base_url,
    ok,
    read_payload,
    require_apikey,
    require_fields,
    sandbox_of,
    user_for_key,
)

_URL = ("url", "The url where this image is hosted")
_PRIMARY = ("primary", "Whether this image is meant to be the primary example of this style")


def _on_this_machine(url: str) -> bool:
    """Plain http to a loopback host, however the link spells it (``localhost``, ``127.0.0.1``, ``[::1]``,
    with or without a port): the image hosts a sandbox user publishes to have no TLS."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme != "http" or not host:
            return False
        parts.port  # noqa: B018  # raises on a port that is not a number
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(request: Request, url: str) -> None:
    # The real server accepts only https (REFERENCE §2.7). The sandbox serves its own images over plain
    # http on loopback (it has no TLS), so URLs on its own origin are accepted too, and so are image hosts
    # on this machine (a test's S3 server, a demo's published folder), which have no TLS either; anything
    # else is refused.
    if not (url.startswith(("https://", base_url(request) + "/")) or _on_this_machine(url)):
        raise bad_request("The url has to start with 'https://'")


def owned_style(sandbox: Sandbox, user: User, style_id: str) -> Style:
    style = style_by_uuid(sandbox.store, style_id)
    if style is None:
        raise thing_not_found("Style", style_id)
    if style.user_id != user.id and not user.moderator:
        raise not_owner("Style", user.username)
    return style


def _last_primary(examples: list[Example], url: str, skip: str | None = None) -> Example | None:
    """The loop has no break: it refuses a reused URL and remembers the *last* primary it saw."""
    previous = None
    for example in examples:
        if example.id == skip:
            continue
        if example.url == url:
            raise bad_request(f"The url '{url}'is already used for this style.", "ExampleURLAlreadyInUse")
        if example.primary:
            previous = example
    return previous


def post_example() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        body = await read_payload(request, EXAMPLE_POST)
        key = require_apikey(request, PLAIN_KEY_HELP)
        require_fields(body, _URL, _PRIMARY)
        check_url(request, body["url"])
        user = user_for_key(sandbox.store, key)
        style = owned_style(sandbox, user, request.path_params["style_id"])
        if style.kind == "text":
            raise bad_request("Cannot add image examples to text styles.")
        if len(style.examples) >= 4:
            raise forbidden("You cannot have more than 4 examples for each style", "TooManyStyleExamples")
        previous = _last_primary(style.examples, body["url"])
        primary: bool = body["primary"]
        if primary and previous is not None:
            previous.primary = False
        elif primary and not sandbox.modern:
            # Unsetting the previous primary when there is none raises: 500 (REFERENCE §2.7, B5).
            raise ServerCrashError("first example posted as primary")
        elif previous is None:
            primary = True
        example = Example(sandbox.store.new_id(), style.id, body["url"], primary)
        style.examples.append(example)
        return ok({"id": example.id, "message": "OK", "warnings": []})

    return handler


def find_example(sandbox: Sandbox, example_id: str) -> Example:
    example = sandbox.store.find_example(example_id)
    if example is None:
        # "Style Example".capitalize() gives the rc "Style exampleNotFound" (REFERENCE §1, B7).
        raise thing_not_found("Style Example", example_id)
    return example


def patch_example() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        body = await read_payload(request, EXAMPLE_PATCH)
        key = require_apikey(request, PLAIN_KEY_HELP)
        # Parser defaults: url "popular" (which fails the https check) and primary 1 (REFERENCE §2.7).
        url: str = body.get("url", "popular")
        primary: bool = bool(body.get("primary", 1))
        check_url(request, url)
        example = find_example(sandbox, request.path_params["example_id"])
        user = user_for_key(sandbox.store, key)
        # The example is never checked against the route's style (REFERENCE §2.7, B5).
        style = owned_style(sandbox, user, request.path_params["style_id"])
        previous = _last_primary(style.examples, url, skip=example.id)
        if not primary and previous is None:
            raise bad_request("You cannot remove the last primary example of this style")
        if "primary" in body and primary and previous is not None:
            # Only an explicit true unsets the old primary; the default 1 is not "is True" (B5).
            previous.primary = False
        example.primary, example.url = primary, url
        return ok({"id": example.id, "message": "OK", "warnings": []})

    return handler


def delete_example() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        key = require_apikey(request, PLAIN_KEY_HELP)
        example = find_example(sandbox, request.path_params["example_id"])
        user = user_for_key(sandbox.store, key)
        style = owned_style(sandbox, user, request.path_params["style_id"])
        if example.primary:
            # A loop without break marks every other example primary (REFERENCE §2.7, B5).
            for other in style.examples:
                if other.id != example.id:
                    other.primary = True
        home = sandbox.store.styles.get(example.style_id)
        if home is not None:
            home.examples = [e for e in home.examples if e.id != example.id]
        return ok({"message": "OK"})

    return handler
