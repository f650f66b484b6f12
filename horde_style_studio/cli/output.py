"""How results look: a compact table for lists, ``key: value`` blocks for single objects, or JSON.

Streams are looked up at call time (not bound at import) so tests' captured ``sys.stdout`` is honoured.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from horde_style_studio.api.core import UnreadableRow
from horde_style_studio.cli.files import dumps

MAX_CELL = 48
INDENT = "  "


def emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def emit_json(data: Any) -> None:
    emit(dumps(data))


def note(text: str) -> None:
    """A line for the human on stderr: warnings, progress, errors."""
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def note_unreadable(rows: Iterable[UnreadableRow]) -> None:
    """One stderr line per row the server listed that the app refused (issue 14): left out, not lost."""
    for row in rows:
        note(f"Left out {row.describe()}.")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns padded to their widest cell; long cells are cut with an ellipsis so rows stay one line."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = [_line(headers, widths)] + [_line(row, widths) for row in cells]
    return "\n".join(lines)


def _line(values: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()


def _cell(value: object) -> str:
    if isinstance(value, list | tuple):
        text = ", ".join(str(item) for item in value)
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    else:
        text = "" if value is None else str(value)
    text = " ".join(text.split())  # a newline inside a name or prompt would break the row
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def key_values(data: Mapping[str, Any], depth: int = 0) -> str:
    """A readable block of an object as the API shapes it (after ``model_dump(mode="json")``)."""
    return "\n".join(_kv_lines(data, depth))


def _kv_lines(data: Mapping[str, Any], depth: int) -> list[str]:
    pad = INDENT * depth
    lines: list[str] = []
    for label, value in data.items():
        if isinstance(value, Mapping):
            lines.append(f"{pad}{label}:" if value else f"{pad}{label}: (none)")
            lines.extend(_kv_lines(value, depth + 1))
        elif isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
            lines.append(f"{pad}{label}:")
            lines.extend(_item_line(item, depth + 1) for item in value)
        elif isinstance(value, str) and "\n" in value:
            # A multi-line prompt keeps its lines, indented under its label so the block stays readable.
            lines.append(f"{pad}{label}:")
            lines.extend(f"{pad}{INDENT}{line}".rstrip() for line in value.splitlines())
        else:
            lines.append(f"{pad}{label}: {_scalar(value)}")
    return lines


def _item_line(item: object, depth: int) -> str:
    if isinstance(item, Mapping):
        inner = ", ".join(f"{k}: {_item(v)}" for k, v in item.items())
        return f"{INDENT * depth}- {inner}"
    return f"{INDENT * depth}- {_scalar(item)}"


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_item(v) for v in value) if value else "(none)"
    if isinstance(value, Mapping):
        return dumps(value).replace("\n", " ")
    if value is None:
        return "(none)"
    return str(value)


def _item(value: object) -> str:
    """One entry of a comma-joined list: quoted when a comma, blank or line break would blur it."""
    if isinstance(value, str) and (not value.isprintable() or value != value.strip() or "," in value):
        return dumps(value)  # so "\n" or a trailing blank in a stop sequence stays visible
    return _scalar(value)
