"""Status routes and the sandbox's own image route (REFERENCE §7, §10)."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response

from .constants import GENERIC_404
from .contract import style_contract
from .errors import PlainHttpError, bad_request
from .images import sandbox_image
from .style_reads import Handler
from .wire import ok, query_int, sandbox_of

_IMAGE_NAME = re.compile(r"^[a-z0-9-]{1,120}$")
_COUNT_HELP = "Filter only models that have at least this amount of threads serving."
_MAX_HELP = "Filter only models that have at most this amount of threads serving."


def active_models() -> Handler:
    async def handler(request: Request) -> Response:
        store = sandbox_of(request).store
        kind = request.query_params.get("type", "image")
        min_count = query_int(request, "min_count", _COUNT_HELP, None)
        max_count = query_int(request, "max_count", _MAX_HELP, None)
        state = request.query_params.get("model_state", "all")
        if kind not in ("image", "text"):
            raise bad_request("'type' needs to be one of ['image', 'text']")
        if state not in ("known", "custom", "all"):
            raise bad_request("'model_state' needs to be one of ['known', 'custom', 'all']")
        rows = [
            {
                "name": m.name,
                "count": m.count,
                "performance": m.performance,
                "queued": m.queued,
                "jobs": m.jobs,
                "eta": m.eta,
                "type": m.kind,
            }
            for m in store.active_models
            if m.kind == kind
            and m.count > 0  # only models some worker serves right now are listed
            and (min_count is None or m.count >= min_count)
            and (max_count is None or m.count <= max_count)
            and (state == "all" or m.known == (state == "known"))
        ]
        return ok(rows)

    return handler


def contract() -> Handler:
    async def handler(request: Request) -> Response:
        return ok(style_contract())

    return handler


def example_image() -> Handler:
    async def handler(request: Request) -> Response:
        name = request.path_params["name"]
        if not _IMAGE_NAME.match(name):
            raise PlainHttpError(404, GENERIC_404)
        return Response(
            sandbox_image(name), media_type="image/png", headers={"Cache-Control": "max-age=86400"}
        )

    return handler
