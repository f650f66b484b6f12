"""``example add|primary|remove``: an image style's example images (§2.7)."""

from __future__ import annotations

import argparse
import asyncio

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.errors import HordeProtocolError
from horde_style_studio.cli.context import CliContext
from horde_style_studio.cli.errors import CliInputError, CliRefusedError
from horde_style_studio.cli.output import emit, emit_json, note
from horde_style_studio.cli.views import report_write
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.responses import ModifyResult
from horde_style_studio.domain.styles import ImageStyle, StyleExample
from horde_style_studio.domain.validation import validate_example_url
from horde_style_studio.workflows import examples_primary

# Seconds to wait before each re-read; together they outlast the server's 30 s read cache (§1).
CACHE_WAITS: tuple[float, ...] = (10.0, 21.0)


async def add(ctx: CliContext, args: argparse.Namespace) -> int:
    url: str = args.url.strip()
    # §2.7 step 1: the server's only URL check; refusing it here saves a round trip and a rate-limit slot.
    if (problem := validate_example_url(url)) is not None:
        raise CliInputError(f"{problem.field}: {problem.message}")
    ctx.require_key()
    # The client posts primary=false first and promotes afterwards (5.1.5 answers 500 otherwise, §2.7 B5).
    result = await ctx.session.add_example(args.style_id, url, primary=args.primary)
    if not result.id:
        raise HordeProtocolError("The AI Horde added the example but did not say which id it got.")
    report_write(result, result.id, ctx.as_json)
    return 0


async def make_primary(ctx: CliContext, args: argparse.Namespace) -> int:
    ctx.require_key()
    style = await _style_with_example(ctx.session, args.style_id, args.example_id)
    # Every other primary is un-flagged too: 5.1.5 may hold several (§2.7 B5).
    await examples_primary.make_primary(ctx.session, style, args.example_id)
    report_write(ModifyResult(id=args.example_id), args.example_id, ctx.as_json)
    return 0


async def _style_with_example(session: HordeClientSession, style_id: str, example_id: str) -> ImageStyle:
    style, example = await _find_example(session, style_id, example_id)
    if example is None:
        raise CliRefusedError(str(examples_primary.UnknownExampleError(style, example_id)))
    return style


async def _find_example(
    session: HordeClientSession, style_id: str, example_id: str
) -> tuple[ImageStyle, StyleExample | None]:
    """The style and its example; an example added moments ago may be missing from a cached read.

    §1: the server caches single-style reads for 30 s, so right after ``example add`` the style can come back
    without the new example. Read again after the cache must have expired before calling it missing; two
    re-reads at most, since 5.1.5 allows only 20 reads of one image style per hour (§1, B8).
    """
    style = await _image_style(session, style_id)
    for wait in CACHE_WAITS:
        if any(ex.id == example_id for ex in style.examples):
            break
        note(f"Example {example_id} is not listed yet; the server may be serving a cached copy, retrying.")
        await asyncio.sleep(wait)
        style = await _image_style(session, style_id)
    return style, next((ex for ex in style.examples if ex.id == example_id), None)


async def _image_style(session: HordeClientSession, style_id: str) -> ImageStyle:
    style = await session.get_style(StyleKind.IMAGE, style_id)
    if not isinstance(style, ImageStyle):
        raise HordeProtocolError("The AI Horde answered with something that is not an image style.")
    return style


async def remove(ctx: CliContext, args: argparse.Namespace) -> int:
    ctx.require_key()
    # Read first: removing the primary leaves every other example primary on 5.1.5 (§2.7 B5), and which
    # one stays primary is put right from this read, never from a cached re-read.
    style = await _style_with_example(ctx.session, args.style_id, args.example_id)
    await examples_primary.remove_example(ctx.session, style, args.example_id)
    if ctx.as_json:
        emit_json({"id": args.example_id, "deleted": True})
    else:
        emit(args.example_id)
    return 0
