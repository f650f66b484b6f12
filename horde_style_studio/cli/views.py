"""Domain objects turned into what the CLI prints: table rows, ``key: value`` blocks, JSON-ready dicts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from horde_style_studio.cli.output import emit, emit_json, key_values, note
from horde_style_studio.domain.base import HordeModel
from horde_style_studio.domain.collections import Collection
from horde_style_studio.domain.responses import ModifyResult, ServerWarning
from horde_style_studio.domain.styles import AnyStyle

Rows = tuple[list[str], list[list[object]]]

# §2.8 / B9: 5.1.5 shows a style's shared key id, which can be spent like an API key, to everyone. JSON
# output keeps the API's shape for scripts; the human view does not put it on screen.
_HIDDEN = "(hidden; use --json to see it)"


def dump(obj: HordeModel) -> dict[str, Any]:
    """An object as the API shapes it, without the nulls the server leaves out."""
    return obj.model_dump(mode="json", exclude_none=True)


def style_rows(styles: Sequence[AnyStyle]) -> Rows:
    rows: list[list[object]] = [
        [s.id, s.name, sorted(s.models), sorted(s.tags), s.use_count] for s in styles
    ]
    return ["ID", "NAME", "MODELS", "TAGS", "USES"], rows


def collection_rows(collections: Sequence[Collection]) -> Rows:
    rows: list[list[object]] = [
        [c.id, c.name, c.type.value if c.type else "?", len(c.styles), c.use_count] for c in collections
    ]
    return ["ID", "NAME", "TYPE", "STYLES", "USES"], rows


def object_block(obj: HordeModel) -> str:
    """``key: value`` lines of a style or collection, for ``show``."""
    data = dump(obj)
    shared = data.get("shared_key")
    if isinstance(shared, dict) and "id" in shared:
        data["shared_key"] = {**shared, "id": _HIDDEN}
    return key_values(data)


def warning_line(warning: ServerWarning) -> str:
    if not warning.code and not warning.message:
        # §12: 5.1.5 marshals its warnings to {"code": null, "message": null}; only their number survives.
        return "warning: the server reported a warning without details (AI Horde 5.1.5 drops them)"
    code = f"{warning.code}: " if warning.code else ""
    return f"warning: {code}{warning.message or ''}".rstrip()


def report_write(result: ModifyResult, fallback_id: str, as_json: bool) -> None:
    """Print the id a write touched; warnings go into the JSON as the server sent them, or to stderr."""
    object_id = result.id or fallback_id
    if as_json:
        emit_json({"id": object_id, "warnings": [w.model_dump(mode="json") for w in result.warnings]})
        return
    emit(object_id)
    for warning in result.warnings:
        note(warning_line(warning))
