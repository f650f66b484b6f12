"""Style collections: list, read, create, edit, delete, with 5.1.5's typing bugs (REFERENCE §3, B6)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .cleaning import ensure_clean
from .constants import StyleKind
from .errors import HordeError, ServerCrashError, bad_request, not_owner, thing_not_found
from .lookup import by_name, collection_by_uuid, style_by_uuid
from .render import collection_details, style_as_collection
from .schemas import COLLECTION_INPUT
from .store import Collection, Style
from .style_reads import Handler, page_rows, popular_order, read_sort_and_page
from .wire import (
    PLAIN_KEY_HELP,
    STYLE_KEY_HELP,
    Sandbox,
    ok,
    read_payload,
    require_apikey,
    require_fields,
    sandbox_of,
    user_for_key,
)

_MIXED = "Cannot mix image and text styles in the same collection"


def resolve_members(
    sandbox: Sandbox, entries: list[str], mixed_rc: str | None
) -> tuple[list[Style], StyleKind | None]:
    """Each entry is a UUID first, then a name; 5.1.5 types the collection from by-name entries only (B6)."""
    styles: list[Style] = []
    kind: StyleKind | None = None
    for entry in entries:
        style = style_by_uuid(sandbox.store, entry)
        by_uuid = style is not None
        if style is None:
            found = by_name(sandbox.store, entry, "style")
            if not isinstance(found, Style):
                raise bad_request(f"A style with name '{entry}' cannot be found")
            style = found
        if by_uuid and not sandbox.modern:
            styles.append(style)
            continue
        if kind is not None and kind != style.kind:
            raise bad_request(_MIXED, mixed_rc if sandbox.modern else None)
        kind = style.kind
        styles.append(style)
    return styles, kind


def list_collections() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        sort, page = read_sort_and_page(request)
        kind = request.query_params.get("type", "all")
        if kind not in ("all", "image", "text"):
            raise bad_request("'type' needs to be one of ['all', 'image', 'text']")
        rows = [c for c in sandbox.store.collections.values() if c.public and kind in ("all", c.kind)]
        rows.sort(key=(lambda c: (c.created, 0)) if sort == "age" else (lambda c: (-c.use_count, c.created)))
        ordered = popular_order(rows, sort, sandbox)
        return ok([collection_details(c, sandbox.store) for c in page_rows(ordered, page, sandbox)])

    return handler


def get_collection() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        collection_id = request.path_params["collection_id"]
        collection = collection_by_uuid(sandbox.store, collection_id)
        if collection is None:
            raise thing_not_found("Collection", collection_id)
        return ok(collection_details(collection, sandbox.store))

    return handler


def get_collection_by_name() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        name = request.path_params["collection_name"]
        # is_collection=None: a *style* of that name is found first (REFERENCE §3, B6).
        found = by_name(sandbox.store, name, "any")
        if found is None:
            raise thing_not_found("Collection", name)
        if isinstance(found, Style):
            return ok(style_as_collection(found))
        return ok(collection_details(found, sandbox.store))

    return handler


def create_collection() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        store = sandbox.store
        body = await read_payload(request, COLLECTION_INPUT)
        key = require_apikey(request, STYLE_KEY_HELP)
        require_fields(body, ("name", None), ("styles", None))
        if not body["styles"]:
            raise bad_request("A collection has to include at least 1 style")
        user = user_for_key(store, key)
        if user.anonymous:
            raise HordeError(403, "Anonymous users cannot create collections", rc="StylesAnonForbidden")
        styles, kind = resolve_members(sandbox, body["styles"], "StyleMismatch")
        name = ensure_clean(body["name"], "collection name")
        if kind is None:
            # style_type is NOT NULL: an all-UUID collection fails on insert (REFERENCE §3, B6).
            raise ServerCrashError("collection without a type")
        if any(c.user_id == user.id and c.name == name for c in store.collections.values()):
            # No duplicate check: the (user, name) unique constraint fails on commit (REFERENCE §3, B6).
            raise ServerCrashError("duplicate collection name")
        collection = Collection(store.new_id(), kind, user.id, name, store.tick())
        collection.info = ensure_clean(body["info"], "collection info") if "info" in body else ""
        collection.public = body.get("public", True)
        collection.style_ids = [s.id for s in styles]
        store.add_collection(collection)
        return ok({"id": collection.id, "message": "OK", "warnings": []})

    return handler


def patch_collection() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        body = await read_payload(request, COLLECTION_INPUT)
        key = require_apikey(request, STYLE_KEY_HELP)
        styles, kind = resolve_members(sandbox, body.get("styles") or [], "StyleMismatch")
        user = user_for_key(sandbox.store, key)
        collection_id = request.path_params["collection_id"]
        collection = collection_by_uuid(sandbox.store, collection_id)
        if collection is None:
            raise thing_not_found("Collection", collection_id)
        if collection.user_id != user.id:
            raise not_owner("Collection", user.username)
        _check_patch_type(sandbox, collection, kind, bool(styles))
        if not _apply_collection_patch(sandbox, collection, body, styles):
            return ok({"id": collection.id, "message": "OK"})
        return ok({"id": collection.id, "message": "OK", "warnings": []})

    return handler


def _check_patch_type(
    sandbox: Sandbox, collection: Collection, kind: StyleKind | None, has_styles: bool
) -> None:
    if sandbox.modern:
        if has_styles and collection.kind is not None and kind != collection.kind:
            raise bad_request(_MIXED, "StyleMismatch")
    elif collection.kind != kind:
        # Always compared, and kind only comes from by-name entries: a PATCH without them is refused
        # unless the collection itself is typeless (REFERENCE §3, B6).
        raise bad_request(_MIXED, "StyleMismatch")


def _apply_collection_patch(
    sandbox: Sandbox, collection: Collection, body: dict[str, Any], styles: list[Style]
) -> bool:
    changed = False
    if body.get("name"):
        name = ensure_clean(body["name"], "collection name")
        others = (c for c in sandbox.store.collections.values() if c.id != collection.id)
        if any(c.user_id == collection.user_id and c.name == name for c in others):
            raise ServerCrashError("duplicate collection name")
        collection.name, changed = name, True
    if body.get("info") is not None:
        collection.info, changed = ensure_clean(body["info"], "style info"), True
    if body.get("public") is not None:
        collection.public, changed = body["public"], True
    if styles:
        collection.style_ids, changed = [s.id for s in styles], True
    return changed


def delete_collection() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        user = user_for_key(sandbox.store, require_apikey(request, PLAIN_KEY_HELP))
        collection_id = request.path_params["collection_id"]
        collection = collection_by_uuid(sandbox.store, collection_id)
        if collection is None:
            raise thing_not_found("Collection", collection_id)
        if collection.user_id != user.id and not user.moderator:
            raise not_owner("Collection", user.username)
        del sandbox.store.collections[collection.id]
        return ok({"message": "OK"})

    return handler
