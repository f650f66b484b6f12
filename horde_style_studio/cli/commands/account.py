"""``whoami``: the account behind the API key and what it may do (§6)."""

from __future__ import annotations

import argparse

from horde_style_studio.cli.context import CliContext
from horde_style_studio.cli.output import emit, emit_json, key_values


async def whoami(ctx: CliContext, args: argparse.Namespace) -> int:
    ctx.require_key()
    user = await ctx.session.find_user()
    if ctx.as_json:
        emit_json(user.model_dump(mode="json", exclude_none=True))
        return 0
    summary = {
        "username": user.username,
        "id": user.id,
        "role": user.role_label,
        "kudos": f"{user.kudos:g}",
        "can author styles": user.can_author_styles,
        "can build collections": user.can_build_collections,
        "styles": len(user.styles),
    }
    emit(key_values(summary))
    return 0
