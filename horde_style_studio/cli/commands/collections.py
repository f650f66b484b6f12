"""``collection create|update FILE.json``: name, info, public and member styles (ids or names), §3."""

from __future__ import annotations

import argparse

from horde_style_studio.api.errors import HordeProtocolError
from horde_style_studio.cli.context import CliContext
from horde_style_studio.cli.documents import load_collection_payload
from horde_style_studio.cli.views import report_write


async def create(ctx: CliContext, args: argparse.Namespace) -> int:
    payload = load_collection_payload(args.file)
    ctx.require_key()
    # The client turns member ids into by-name references: 5.1.5 types a collection only from those (§3).
    result = await ctx.session.create_collection(payload)
    if not result.id:
        raise HordeProtocolError("The AI Horde accepted the collection but did not say which id it got.")
    report_write(result, result.id, ctx.as_json)
    return 0


async def update(ctx: CliContext, args: argparse.Namespace) -> int:
    payload = load_collection_payload(args.file)
    ctx.require_key()
    result = await ctx.session.patch_collection(args.id, payload)
    report_write(result, args.id, ctx.as_json)
    return 0
