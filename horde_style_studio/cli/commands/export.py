"""``export [--mine] OUT.json``: a bundle of styles (with their examples) and collections.

Public mode walks every page of the three public lists (the client detects 5.1.5's row-offset paging,
§2.1 B1). ``--mine`` reads the account's own styles by id from ``find_user`` (private ones included, §6);
the API has no way to list a user's collections (§3), so that bundle holds none.
"""

from __future__ import annotations

import argparse
from typing import Any

from horde_style_studio.api import HordeClientSession
from horde_style_studio.cli.context import CliContext
from horde_style_studio.cli.files import STDIO, check_writable, write_json_file
from horde_style_studio.cli.output import emit, emit_json, note, note_unreadable
from horde_style_studio.cli.views import dump
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.workflows.exporting import export_bundle


async def export(ctx: CliContext, args: argparse.Namespace) -> int:
    # Checked first: walking every public page only to fail at the end would waste the rate limits.
    check_writable(args.out)
    collections: list[Any] = []
    if args.mine:
        ctx.require_key()
        styles = await _own_styles(ctx.session)
    else:
        styles, collections = await _public_objects(ctx.session)
    bundle = export_bundle(styles, collections, ctx.session.base_url)
    write_json_file(args.out, bundle)
    counts = {kind: len(bundle["styles"][kind]) for kind in ("image", "text")}
    counts["collections"] = len(collections)
    if args.out == STDIO:
        note(_summary(counts, "standard output"))
    elif ctx.as_json:
        emit_json({"path": args.out, "counts": counts})
    else:
        emit(_summary(counts, args.out))
    if args.mine:
        note("The AI Horde cannot list an account's collections, so the bundle holds none.")
    return 0


async def _public_objects(session: HordeClientSession) -> tuple[list[AnyStyle], list[Any]]:
    styles: list[AnyStyle] = []
    for kind in StyleKind:
        listed = await session.list_styles(kind, all_pages=True)
        note_unreadable(listed.unreadable)
        styles += listed
    collected = await session.list_collections(all_pages=True)
    note_unreadable(collected.unreadable)
    return styles, [dump(c) for c in collected]


async def _own_styles(session: HordeClientSession) -> list[AnyStyle]:
    user = await session.find_user()
    # One GET per style: find_user lists only names and ids (§6). On 5.1.5 image reads by id are limited to
    # 20 per hour per id (§1), which one export per style stays well inside.
    return [await session.get_style(ref.type, ref.id) for ref in user.styles]


def _summary(counts: dict[str, int], where: str) -> str:
    return (
        f"Exported {counts['image']} image styles, {counts['text']} text styles and "
        f"{counts['collections']} collections to {where}."
    )
