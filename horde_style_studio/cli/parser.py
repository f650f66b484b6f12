"""The argument grammar of ``horde-styles``.

The synopsis in issue 2 (and the README) is a contract for scripts: commands, positionals and flags named
there keep their spelling. Additions only ever add: ``--profile``, ``validate --kind``, and the global
options also being accepted after the command (``horde-styles list image --json``).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from horde_style_studio import __version__

if TYPE_CHECKING:
    from typing import TypeAlias

    _Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

SORTS = ("popular", "age")
BEHAVIOURS = ("modern", "v5_1_5")
VALIDATE_KINDS = ("image", "text", "collection")
IMPORT_FORMATS = ("a1111", "styler", "horde-legacy", "bundle")

_EPILOG = (
    "The API key is read from HORDE_API_KEY, else from the app's keyring entry. HORDE_BASE_URL overrides the "
    "app's server address. Exit status: 0 success, 1 the server refused or could not be reached, 2 bad input."
)


def _add_global_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--base-url",
        metavar="URL",
        default=default,
        help="the AI Horde API root, e.g. https://aihorde.net/api",
    )
    parser.add_argument("--json", action="store_true", default=default, help="print machine-readable JSON")
    parser.add_argument("--profile", metavar="NAME", default=default, help="the app profile whose key to use")


def _global_options_again() -> argparse.ArgumentParser:
    # SUPPRESS: a command's parser only sets these when they are given after the command, so it never
    # overwrites what was given before it.
    parent = argparse.ArgumentParser(add_help=False)
    _add_global_options(parent, argparse.SUPPRESS)
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="horde-styles",
        description="Manage AI Horde styles, their examples and collections from scripts.",
        epilog=_EPILOG,
    )
    _add_global_options(parser, None)
    parser.set_defaults(json=False)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = _global_options_again()

    def add(group: _Commands, name: str, text: str) -> argparse.ArgumentParser:
        return group.add_parser(name, help=text, description=text, parents=[common])

    add(commands, "whoami", "show the account behind the API key")
    _add_list(add(commands, "list", "list public styles or collections"))
    _add_show(add(commands, "show", "show one style or collection"))
    _add_create(add(commands, "create", "create a style from a JSON file; prints the new id"))
    _add_update(add(commands, "update", "replace a style with the one in a JSON file"))
    _add_delete(add(commands, "delete", "delete a style or collection"))

    example = commands.add_parser("example", help="manage an image style's example images")
    actions = example.add_subparsers(dest="action", metavar="ACTION", required=True)
    _add_example_add(add(actions, "add", "add an example image (https URL); prints the new example id"))
    _add_example_ids(add(actions, "primary", "make an example the style's primary one"))
    _add_example_ids(add(actions, "remove", "remove an example"))

    collection = commands.add_parser("collection", help="create or update a collection from a JSON file")
    actions = collection.add_subparsers(dest="action", metavar="ACTION", required=True)
    _add_file(add(actions, "create", "FILE holds name, info, public, styles (ids or names); prints the id"))
    _add_collection_update(add(actions, "update", "replace a collection's fields with those in FILE"))

    _add_export(add(commands, "export", "write a JSON bundle of styles, their examples and collections"))
    _add_import(add(commands, "import", "read another tool's style file into drafts; --create sends them"))
    _add_validate(add(commands, "validate", "check a style or collection file offline"))
    _add_sandbox(add(commands, "sandbox", "serve the sandbox Horde on 127.0.0.1"))
    _add_try(add(commands, "try", "generate with a style; prints the job, then each result's seed and file"))
    return parser


def _add_list(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("what", choices=("image", "text", "collections"))
    cmd.add_argument("--tag", metavar="T", help="only styles with this exact tag")
    cmd.add_argument("--model", metavar="M", help="only styles using this exact model name")
    cmd.add_argument("--sort", choices=SORTS, default="popular", help="popular or age (oldest first)")
    cmd.add_argument("--all", action="store_true", help="walk every page, not only the first 25 rows")


def _add_show(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("what", choices=("image", "text", "collection"))
    cmd.add_argument("ref", metavar="ID_OR_NAME")


def _add_file(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("file", metavar="FILE.json", help="a JSON file ('-' for standard input)")


def _add_create(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("kind", choices=("image", "text"))
    _add_file(cmd)


def _add_update(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("kind", choices=("image", "text"))
    cmd.add_argument("id", metavar="ID")
    _add_file(cmd)


def _add_delete(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("what", choices=("image", "text", "collection"))
    cmd.add_argument("id", metavar="ID")


def _add_example_add(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("style_id", metavar="STYLE_ID")
    cmd.add_argument("url", metavar="URL")
    cmd.add_argument("--primary", action="store_true", help="make it the style's primary example")


def _add_example_ids(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("style_id", metavar="STYLE_ID")
    cmd.add_argument("example_id", metavar="EXAMPLE_ID")


def _add_collection_update(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID")
    _add_file(cmd)


def _add_export(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--mine", action="store_true", help="your own styles, private ones too")
    cmd.add_argument("out", metavar="OUT.json", help="where to write the bundle ('-' for standard output)")


def _add_import(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "file", metavar="FILE", help="styles.csv, a styler JSON, styles.json or an export bundle"
    )
    cmd.add_argument("--format", choices=IMPORT_FORMATS, help="what FILE is (default: told by its content)")
    cmd.add_argument("--dry-run", action="store_true", help="only show the review; keep no drafts")
    cmd.add_argument("--create", action="store_true", help="create every style the review found ready")
    cmd.add_argument(
        "--model", action="append", metavar="M", help="a model for styles whose file names none (repeatable)"
    )
    cmd.add_argument(
        "--lora", action="append", metavar="NAME=LORA", help="what an A1111 <lora:NAME:w> is on the Horde"
    )


def _add_validate(cmd: argparse.ArgumentParser) -> None:
    _add_file(cmd)
    cmd.add_argument(
        "--kind", choices=VALIDATE_KINDS, help="what the file holds (default: its 'kind' key, else its shape)"
    )


def _add_sandbox(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--port", type=_port, default=0, metavar="N", help="default 0: any free port")
    cmd.add_argument("--behaviour", choices=BEHAVIOURS, default="modern", help="modern (default) or v5_1_5")
    cmd.add_argument(
        "--real-limits", action="store_true", help="the real server's rate limits and 30 s read caches"
    )
    cmd.add_argument(
        "--request-log",
        metavar="FILE",
        help="append one JSON line per request received (method, path, query)",
    )
    cmd.add_argument("--queue-seconds", type=float, default=6.0, metavar="S", help="jobs wait in line")
    cmd.add_argument("--run-seconds", type=float, default=4.0, metavar="S", help="a worker runs a job")


def _add_try(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("kind", choices=("image", "text"))
    cmd.add_argument("style", metavar="STYLE", help="the style's id or name")
    cmd.add_argument("prompt", metavar="PROMPT", help="the prompt; '###' starts the negative prompt")
    cmd.add_argument("--n", type=int, default=1, metavar="N", help="how many results (image 1-4, text 1-20)")
    cmd.add_argument("--seed", metavar="S", help="the seed (default: a random one, printed)")
    cmd.add_argument("--out", metavar="DIR", help="where to write the images (default: the current folder)")
    cmd.add_argument("--dry-run", action="store_true", help="print the kudos estimate; queue nothing")


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is between 0 and 65535")
    return value
