"""``GET`` on styles: the lists, one style by id and one by name (REFERENCE §2.1, §2.3, §2.4, §2.8)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from starlette.requests import Request
from starlette.responses import Response

from .constants import ANONYMOUS_KEY, PAGE_SIZE, StyleKind
from .errors import ServerCrashError, bad_request, thing_not_found
from .lookup import by_name, style_by_uuid
from .render import View, style_details
from .store import Collection, Style
from .ties import shuffle_ties
from .wire import Sandbox, base_url, ok, query_int, sandbox_of

Handler = Callable[[Request], Awaitable[Response]]
PAGE_HELP = "Which page of results to return. Each page has 25 styles."
BAD_SORT = "'model_state' needs to be one of ['popular', 'age']"  # sic: copy-pasted text (REFERENCE B13)
_Row = TypeVar("_Row")
_Ranked = TypeVar("_Ranked", Style, Collection)


def page_rows(rows: Sequence[_Row], page: int, sandbox: Sandbox) -> Sequence[_Row]:
    if sandbox.modern:
        start = (max(page, 1) - 1) * PAGE_SIZE
    else:
        # 5.1.5 uses page-1 as a row offset, and OFFSET -1 is a database error (REFERENCE §2.1, B1).
        start = page - 1
        if start < 0:
            raise ServerCrashError("negative OFFSET")
    return rows[start : start + PAGE_SIZE]


def read_sort_and_page(request: Request) -> tuple[str, int]:
    sort = request.query_params.get("sort", "popular")
    page = query_int(request, "page", PAGE_HELP, 1)
    if sort not in ("popular", "age"):
        raise bad_request(BAD_SORT)
    return sort, page


def sort_key(sort: str) -> Callable[[Style], tuple[int, int]]:
    # "age" is created ascending, so the oldest come first (REFERENCE B13).
    if sort == "age":
        return lambda s: (s.created, 0)
    return lambda s: (-s.use_count, s.created)


def popular_order(rows: Sequence[_Ranked], sort: str, sandbox: Sandbox) -> Sequence[_Ranked]:
    if sort != "popular" or sandbox.modern:
        return rows
    return shuffle_ties(rows, lambda row: row.use_count, sandbox.rng)  # unstable ties (REFERENCE §12)


def view_for(request: Request, sandbox: Sandbox, *, single: bool) -> View:
    key = request.headers.get("apikey")
    viewer = sandbox.store.user_by_key(key) if key else None
    return View(sandbox.store, sandbox.behaviour, base_url(request), viewer.id if viewer else None, single)


def list_styles(kind: StyleKind) -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        sort, page = read_sort_and_page(request)
        tag, model = request.query_params.get("tag"), request.query_params.get("model")
        rows: Sequence[Style] = sandbox.store.listed(kind, sort, sort_key(sort))
        if tag is not None or model is not None:
            rows = [s for s in rows if tag in (None, *s.tags) and model in (None, *s.models)]
        rows = popular_order(rows, sort, sandbox)
        view = view_for(request, sandbox, single=False)
        return ok([style_details(s, view) for s in page_rows(rows, page, sandbox)])

    return handler


def get_style(kind: StyleKind) -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        style_id = request.path_params["style_id"]
        style = style_by_uuid(sandbox.store, style_id)
        if style is None:
            # ThingNotFound("image Style") capitalises to "Image style" (REFERENCE §1).
            raise thing_not_found(f"{kind} Style", style_id)
        return serve_one(request, sandbox, style, kind)

    return handler


def get_style_by_name(kind: StyleKind) -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        name = request.path_params["style_name"]
        style = by_name(sandbox.store, name, "style")
        if not isinstance(style, Style):
            raise thing_not_found("Style", name)
        return serve_one(request, sandbox, style, kind)

    return handler


def serve_one(request: Request, sandbox: Sandbox, style: Style, kind: StyleKind) -> Response:
    if style.kind != kind:
        message = f"Style was found but was of the wrong type: {style.kind} != {kind}"
        raise bad_request(message, "StyleGetMistmatch")
    headers: dict[str, str] = {}
    if sandbox.modern and request.headers.get("apikey", ANONYMOUS_KEY) != ANONYMOUS_KEY:
        # 5.1.13 may show an owner their shared key, so keyed reads must stay out of caches (REFERENCE §10).
        headers["Cache-Control"] = "private, no-store"
    return ok(style_details(style, view_for(request, sandbox, single=True)), headers)
