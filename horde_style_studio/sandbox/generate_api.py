"""``/v2/generate/*``: queue, check, fetch and cancel image and text jobs (REFERENCE §13)."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .constants import GENERIC_404, StyleKind
from .errors import HordeError, PayloadValidationError, PlainHttpError
from .generation import GenerationDesk
from .style_reads import Handler
from .wire import base_url, require_apikey, sandbox_of, user_for_key

_RESULT_NAME = re.compile(r"^[0-9a-f-]{36}$")
MAX_N = 20


def desk_of(request: Request) -> GenerationDesk:
    desk: GenerationDesk = request.app.state.desk
    return desk


async def _read_job_body(request: Request, kind: StyleKind) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except ValueError as exc:
        raise PlainHttpError(400, f"Failed to decode JSON object: {exc}") from exc
    if not isinstance(body, dict):
        raise PayloadValidationError({"": f"{body!r} is not of type 'object'"})
    prompt = body.get("prompt")
    if kind == "image" and "prompt" not in body:
        raise PayloadValidationError({"prompt": "'prompt' is a required property"})
    if not isinstance(prompt, str) or (kind == "image" and not prompt):
        raise PayloadValidationError({"prompt": f"{prompt!r} is too short"})
    params = body.get("params", {})
    if not isinstance(params, dict):
        raise PayloadValidationError({"params": f"{params!r} is not of type 'object'"})
    n = params.get("n", 1)
    if not isinstance(n, int) or not 1 <= n <= MAX_N:
        raise PayloadValidationError({"params.n": f"{n!r} is not between 1 and {MAX_N}"})
    return body


def submit(kind: StyleKind) -> Handler:
    async def handler(request: Request) -> Response:
        sandbox, desk = sandbox_of(request), desk_of(request)
        user = user_for_key(sandbox.store, require_apikey(request))
        body = await _read_job_body(request, kind)
        dry_run = bool(body.get("dry_run", False))
        applied = desk.apply_style(sandbox.store, sandbox.behaviour, kind, body)
        desk.record_style_use(sandbox.store, sandbox.behaviour, applied, user, dry_run)
        kudos = desk.price(applied, kind, sandbox.behaviour)
        if dry_run:
            return JSONResponse({"kudos": kudos}, status_code=202)
        job = desk.queue(sandbox.store, kind, applied, user, kudos, body)
        return JSONResponse({"id": job.id, "kudos": kudos}, status_code=202)

    return handler


def check() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox, desk = sandbox_of(request), desk_of(request)
        job = desk.find(request.path_params["job_id"])
        if job.kind != "image":
            # Text jobs have no lite check route (REFERENCE §13).
            raise HordeError(404, f"Request with ID '{job.id}' not found.", rc="RequestNotFound")
        return JSONResponse(desk.check_body(sandbox.store, job))

    return handler


def status(kind: StyleKind) -> Handler:
    async def handler(request: Request) -> Response:
        sandbox, desk = sandbox_of(request), desk_of(request)
        job = desk.find(request.path_params["job_id"])
        if job.kind != kind:
            raise PlainHttpError(404, GENERIC_404)
        if request.method == "DELETE":
            desk.cancel(sandbox.store, job)
        return JSONResponse(desk.status_body(sandbox.store, job, base_url(request)))

    return handler


def result_image() -> Handler:
    async def handler(request: Request) -> Response:
        name = request.path_params["name"]
        data = desk_of(request).image(name) if _RESULT_NAME.match(name) else None
        if data is None:
            # An expired R2 presigned link answers 403 with an XML body, not JSON (REFERENCE §13).
            return Response(
                "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                status_code=403,
                media_type="application/xml",
            )
        return Response(data, media_type="image/png")

    return handler
