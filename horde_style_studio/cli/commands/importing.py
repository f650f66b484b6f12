"""``import FILE [--format F] [--dry-run] [--create]``: other tools' style files as drafts, then styles.

Without ``--create`` nothing is sent: the file is read, reviewed (what maps, what cannot, which names
clash with the account's own styles) and, unless ``--dry-run``, kept as drafts in the app's library for
this server, where the editor can open them. ``--create`` also creates every style the review found ready.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from horde_style_studio.cli.context import CliContext
from horde_style_studio.cli.errors import CliInputError
from horde_style_studio.cli.output import emit, emit_json, note
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.drafts import Drafts
from horde_style_studio.services.paths import app_dirs
from horde_style_studio.workflows.importing import (
    CreateOutcome,
    ImportFileError,
    ImportFormat,
    ImportReview,
    create_reviewed,
    lora_map_resolver,
    read_import,
    review_import,
    save_drafts,
)


async def import_styles(ctx: CliContext, args: argparse.Namespace) -> int:
    review = await _review(ctx, args)
    drafts = 0
    outcome: CreateOutcome | None = None
    library = None if args.dry_run else StyleLibrary.open_in(app_dirs().data, server_url=ctx.session.base_url)
    try:
        if library is not None:
            drafts = save_drafts(review, Drafts(library))
        if args.create:
            ctx.require_key()
            outcome = await create_reviewed(review, ctx.session, drafts=Drafts(library) if library else None)
    finally:
        if library is not None:
            library.close()
    _report(ctx, review, drafts, outcome)
    return 1 if outcome is not None and outcome.failed else 0


async def _review(ctx: CliContext, args: argparse.Namespace) -> ImportReview:
    path = Path(args.file)
    try:
        batch = read_import(
            path,
            ImportFormat(args.format) if args.format else None,
            resolve=lora_map_resolver(_lora_map(args)),
        )
    except ImportFileError as err:
        raise CliInputError(str(err)) from None
    own: list[str] = []
    if ctx.session.api_key is not None:
        own = [ref.name for ref in (await ctx.session.find_user()).styles]
    else:
        note("No API key: clashes with your own styles were not checked.")
    return review_import(batch, own, default_models=args.model or ())


def _lora_map(args: argparse.Namespace) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for entry in args.lora or []:
        name, sep, horde = str(entry).partition("=")
        if not sep or not name.strip() or not horde.strip():
            raise CliInputError(f"--lora {entry!r}: write NAME=HORDE_LORA, e.g. detail_tweaker=58390")
        mapping[name.strip()] = horde.strip()
    return mapping


def _report(ctx: CliContext, review: ImportReview, drafts: int, outcome: CreateOutcome | None) -> None:
    if ctx.as_json:
        emit_json(_as_json(review, drafts, outcome))
        return
    lines = [review.summary()]
    for item in review.styles:
        lines.append(f"  [{item.verdict.value}] {item.name}")
        lines += [f"      {problem.field or 'style'}: {problem.message}" for problem in item.problems]
        lines += [f"      note: {text}" for text in item.style.notes]
    lines += [f"  left out: {problem}" for problem in review.batch.problems]
    emit("\n".join(lines))
    if drafts:
        note(f"{drafts} drafts kept in the library; open them in the app's editor.")
    if outcome is None:
        note("Nothing was sent. Add --create to create the styles marked ready.")
        return
    note(f"Created {len(outcome.created)} styles and {len(outcome.collections)} collections.")
    for name, reason in outcome.failed.items():
        note(f"{name}: {' '.join(reason.split())}")


def _as_json(review: ImportReview, drafts: int, outcome: CreateOutcome | None) -> dict[str, Any]:
    return {
        "format": review.batch.format.value,
        "styles": [
            {
                "row": item.style.row,
                "name": item.name,
                "verdict": item.verdict.value,
                "problems": [{"field": p.field, "message": p.message} for p in item.problems],
                "notes": item.style.notes,
                "document": item.style.document,
            }
            for item in review.styles
        ],
        "left_out": [{"row": p.row, "message": p.message} for p in review.batch.problems],
        "collections": [{"name": c.name, "styles": list(c.members)} for c in review.batch.collections],
        "drafts": drafts,
        "created": outcome.created if outcome else {},
        "failed": outcome.failed if outcome else {},
        "collections_created": outcome.collections if outcome else {},
    }
