"""Reading the JSON files a command is given and writing the export bundle.

Every failure becomes a :class:`CliInputError` naming the file, so the user sees one line and exit status 2.
``-`` stands for standard input or output, for pipelines.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from horde_style_studio.cli.errors import CliInputError
from horde_style_studio.domain import json_text

STDIO = "-"


def read_json_file(name: str) -> Any:
    """The decoded JSON document in ``name`` (``-``: standard input)."""
    label = "standard input" if name == STDIO else name
    try:
        text = sys.stdin.read() if name == STDIO else Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliInputError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise CliInputError(f"{label}: is a directory, not a JSON file") from None
    except UnicodeDecodeError:
        raise CliInputError(f"{label}: not a UTF-8 text file") from None
    except OSError as err:
        raise CliInputError(f"{label}: cannot be read ({err.strerror or type(err).__name__})") from None
    try:
        # Nesting, huge numbers and Infinity/NaN are refused in words, never as a RecursionError (issue 14).
        return json_text.loads(text)
    except json_text.JsonTextError as err:
        where = f" at line {err.line}, column {err.column}" if err.line is not None else ""
        raise CliInputError(f"{label}: not valid JSON ({err.message}{where})") from None


def read_json_object(name: str) -> dict[str, Any]:
    """Like :func:`read_json_file`, but the document must be a JSON object."""
    data = read_json_file(name)
    if not isinstance(data, dict):
        label = "standard input" if name == STDIO else name
        raise CliInputError(f"{label}: expected a JSON object ({{...}}), found {_json_type(data)}")
    return data


def dumps(data: Any) -> str:
    """The CLI's one JSON spelling: indented, UTF-8 kept readable."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def check_writable(name: str) -> None:
    """Refuse early an output path whose folder is missing (``-`` is always fine)."""
    if name != STDIO and not Path(name).resolve().parent.is_dir():
        raise CliInputError(f"{name}: cannot be written (its folder does not exist)")


def write_json_file(name: str, data: Any) -> None:
    """Write ``data`` to ``name`` atomically (a half-written bundle never replaces a good one)."""
    text = dumps(data) + "\n"
    if name == STDIO:
        sys.stdout.write(text)
        return
    target = Path(name)
    directory = target.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise CliInputError(f"{name}: cannot be written ({err.strerror or type(err).__name__})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        # mkstemp creates the file private; a bundle is meant to be shared, so honour the umask instead.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise CliInputError(f"{name}: cannot be written ({err.strerror or type(err).__name__})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _json_type(data: Any) -> str:
    if isinstance(data, list):
        return "an array"
    if isinstance(data, str):
        return "a string"
    if isinstance(data, bool):
        return "a boolean"
    if isinstance(data, int | float):
        return "a number"
    return "null"
