"""``horde-styles``: parse, run one command on one session, and turn every failure into an exit status.

0 success; 1 the server refused or could not be reached (its reason on stderr); 2 bad input (argparse's own
usage errors included); 130 interrupted. Never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence

from horde_style_studio.api.errors import HordeError, HordeTransportError
from horde_style_studio.cli.commands import OFFLINE, ONLINE, command_key
from horde_style_studio.cli.config import load_app_defaults, resolve_base_url
from horde_style_studio.cli.context import CliContext, SessionFactory, default_session_factory
from horde_style_studio.cli.errors import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_REFUSED,
    CliError,
    CliRefusedError,
)
from horde_style_studio.cli.keys import KeyringLookup, find_api_key, keyring_lookup
from horde_style_studio.cli.output import note
from horde_style_studio.cli.parser import build_parser
from horde_style_studio.domain.redaction import install_secret_filter

PROG = "horde-styles"


def main(argv: list[str] | None = None) -> int:
    """The console script: ``horde-styles [--base-url URL] [--json] COMMAND ...``."""
    return run(sys.argv[1:] if argv is None else argv)


def run(
    argv: Sequence[str],
    *,
    session_factory: SessionFactory = default_session_factory,
    environ: Mapping[str, str] | None = None,
    key_lookup: KeyringLookup = keyring_lookup,
) -> int:
    """``main`` with its dependencies injectable: tests pass a factory over the in-process sandbox."""
    args = build_parser().parse_args(list(argv))
    _quiet_library_logs()
    try:
        return _dispatch(args, session_factory, os.environ if environ is None else environ, key_lookup)
    except KeyboardInterrupt:
        note(f"{PROG}: interrupted")
        return EXIT_INTERRUPTED
    except CliError as err:
        note(f"{PROG}: {err}")
        return err.exit_code
    except HordeError as err:
        note(f"{PROG}: {_one_line(str(err))}")
        return EXIT_REFUSED
    except json.JSONDecodeError as err:
        note(f"{PROG}: not valid JSON ({err.msg})")
        return EXIT_BAD_INPUT
    except OSError as err:
        note(f"{PROG}: {err.strerror or type(err).__name__}")
        return EXIT_BAD_INPUT
    except Exception as err:  # a bug of ours: still one line and no traceback (issue 2, item 5)
        # Only the type: an unexpected exception's text could hold anything, the key included.
        note(f"{PROG}: internal error ({type(err).__name__}); please report it")
        return EXIT_REFUSED


def _dispatch(
    args: argparse.Namespace, factory: SessionFactory, environ: Mapping[str, str], lookup: KeyringLookup
) -> int:
    key = command_key(args)
    offline = OFFLINE.get(key)
    if offline is not None:
        return offline(args)
    defaults = load_app_defaults()
    base_url = resolve_base_url(args.base_url, environ, defaults)
    profile = args.profile or defaults.profile
    api_key = find_api_key(environ, profile, lookup)
    handler = ONLINE[key]

    async def body() -> int:
        try:
            async with factory(base_url, api_key=api_key, contact=defaults.contact) as session:
                return await handler(CliContext(session, args.json, profile), args)
        except HordeTransportError as err:
            raise CliRefusedError(f"{base_url}: {err}") from None

    return asyncio.run(body())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _quiet_library_logs() -> None:
    # Library modules log warnings (a keyring falling back to memory, a retry) meant for the app's log
    # file; without a handler Python would print them raw on stderr between the CLI's own lines.
    logger = logging.getLogger("horde_style_studio")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    install_secret_filter()


if __name__ == "__main__":
    sys.exit(main())
