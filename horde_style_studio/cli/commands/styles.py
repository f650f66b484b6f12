"""``list``, ``show``, ``create``, ``update`` and ``delete``: styles, and collections where the synopsis
lets them in."""

from __future__ import annotations

import argparse

from horde_style_studio.api.client import is_uuid
from horde_style_studio.api.errors import BadRequestError, HordeProtocolError
from horde_style_studio.cli.context import CliContext
from horde_style_studio.cli.documents import load_style_payload
from horde_style_studio.cli.errors import CliInputError, CliRefusedError
from horde_style_studio.cli.output import emit, emit_json, note, table
from horde_style_studio.cli.views import Rows, collection_rows, dump, object_block, report_write, style_rows
from horde_style_studio.domain.base import HordeModel, StyleKind
from horde_style_studio.domain.paging import PAGE_SIZE

# §2.5: what a full-object PATCH resets when the file leaves it out (models and info are kept instead).
RESET_WHEN_OMITTED = ("prompt", "tags", "params")
SERVER_DEFAULT_PROMPT = "{p}{np}"  # the parser default of both kinds (§2.2)


async def list_objects(ctx: CliContext, args: argparse.Namespace) -> int:
    found: list[HordeModel]
    rows: Rows
    if args.what == "collections":
        if args.tag or args.model:
            raise CliInputError("--tag and --model filter styles, not collections")
        collections = await ctx.session.list_collections(sort=args.sort, all_pages=args.all)
        found, rows = list(collections), collection_rows(collections)
    else:
        styles = await ctx.session.list_styles(
            StyleKind(args.what), sort=args.sort, tag=args.tag, model=args.model, all_pages=args.all
        )
        found, rows = list(styles), style_rows(styles)
    if ctx.as_json:
        emit_json([dump(item) for item in found])
    elif not found:
        note(f"No public {args.what if args.what == 'collections' else args.what + ' styles'} found.")
    else:
        emit(table(*rows))
        if not args.all and len(found) >= PAGE_SIZE:
            # No --page: on 5.1.5 `page` is a row offset (§2.1 B1), so only a full walk is reliable.
            note("That is the first page of 25; add --all for every page.")
    return 0


async def show(ctx: CliContext, args: argparse.Namespace) -> int:
    ref: str = args.ref
    session = ctx.session
    obj: HordeModel
    if args.what == "collection":
        obj = await (session.get_collection(ref) if is_uuid(ref) else session.get_collection_by_name(ref))
    else:
        kind = StyleKind(args.what)
        obj = await (session.get_style(kind, ref) if is_uuid(ref) else session.get_style_by_name(kind, ref))
    if ctx.as_json:
        emit_json(dump(obj))
    else:
        emit(object_block(obj))
    return 0


async def create(ctx: CliContext, args: argparse.Namespace) -> int:
    kind = StyleKind(args.kind)
    payload = load_style_payload(args.file, kind)
    ctx.require_key()
    result = await ctx.session.create_style(kind, payload)
    if not result.id:
        raise HordeProtocolError("The AI Horde accepted the style but did not say which id it got.")
    report_write(result, result.id, ctx.as_json)
    return 0


async def update(ctx: CliContext, args: argparse.Namespace) -> int:
    """Replace the style with the file's full object (the client PATCHes everything, §2.5)."""
    kind = StyleKind(args.kind)
    payload = load_style_payload(args.file, kind, creating=False)
    missing = [name for name in RESET_WHEN_OMITTED if name not in payload.model_fields_set]
    if missing:
        absent = ", ".join(missing)
        note(f"{args.file} has no {absent}: the style is replaced whole, so they get the defaults.")
    if "prompt" in missing:
        # §2.5: 5.1.5 resets an omitted prompt to "{p}{np}" while 5.1.13 keeps it; sending the default
        # makes both servers end up with the same style.
        payload = payload.model_copy(update={"prompt": SERVER_DEFAULT_PROMPT})
    ctx.require_key()
    result = await ctx.session.patch_style(kind, args.id, payload)
    report_write(result, args.id, ctx.as_json)
    return 0


async def delete(ctx: CliContext, args: argparse.Namespace) -> int:
    ctx.require_key()
    if args.what == "collection":
        await ctx.session.delete_collection(args.id)
    else:
        kind = StyleKind(args.what)
        await _refuse_other_kind(ctx, kind, args.id)
        await ctx.session.delete_style(kind, args.id)
    if ctx.as_json:
        emit_json({"id": args.id, "deleted": True})
    else:
        emit(args.id)
    return 0


async def _refuse_other_kind(ctx: CliContext, kind: StyleKind, style_id: str) -> None:
    """§12: 5.1.5's DELETE does not check the route's kind, so "delete image <text id>" would delete a text
    style. The check reads the id through the *text* route, whatever the kind: on 5.1.5 reading an image
    style by id allows 20 requests an hour (§1), reading a text style 90 a minute, and the text route
    answers an image style's id with a 400 "wrong type" (§2.3), which is all a delete needs to know."""
    try:
        await ctx.session.get_style(StyleKind.TEXT, style_id)
    except BadRequestError:
        if kind is StyleKind.IMAGE:
            return
        raise
    if kind is not StyleKind.TEXT:
        raise CliRefusedError(f"{style_id} is a text style; delete it with 'delete text {style_id}'")
