"""One module per command group; :data:`ONLINE` and :data:`OFFLINE` map a parsed command to its handler."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable

from horde_style_studio.cli.commands import (
    account,
    collections,
    examples,
    export,
    importing,
    sandbox,
    styles,
    trials,
    validate,
)
from horde_style_studio.cli.context import CliContext

OnlineHandler = Callable[[CliContext, argparse.Namespace], Awaitable[int]]
OfflineHandler = Callable[[argparse.Namespace], int]

ONLINE: dict[tuple[str, str | None], OnlineHandler] = {
    ("whoami", None): account.whoami,
    ("list", None): styles.list_objects,
    ("show", None): styles.show,
    ("create", None): styles.create,
    ("update", None): styles.update,
    ("delete", None): styles.delete,
    ("example", "add"): examples.add,
    ("example", "primary"): examples.make_primary,
    ("example", "remove"): examples.remove,
    ("collection", "create"): collections.create,
    ("collection", "update"): collections.update,
    ("export", None): export.export,
    ("try", None): trials.try_style,
    ("import", None): importing.import_styles,
}

OFFLINE: dict[tuple[str, str | None], OfflineHandler] = {
    ("validate", None): validate.validate,
    ("sandbox", None): sandbox.serve,
}


def command_key(args: argparse.Namespace) -> tuple[str, str | None]:
    return str(args.command), getattr(args, "action", None)
