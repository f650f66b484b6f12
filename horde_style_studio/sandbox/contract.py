"""What only the documented 5.1.13 server has: style declarations, the contract endpoint (REFERENCE §10)."""

from __future__ import annotations

import re
from typing import Any

from .errors import HordeError

_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_OVERRIDES = ("none", "listed", "all")
IMAGE_OVERRIDABLE = (
    "cfg_scale",
    "clip_skip",
    "height",
    "hires_fix",
    "karras",
    "loras",
    "sampler_name",
    "steps",
    "tis",
    "width",
)
TEXT_OVERRIDABLE = ("max_context_length", "max_length", "rep_pen", "temperature", "top_k", "top_p")


def _invalid(message: str) -> HordeError:
    return HordeError(400, message, rc="StyleDeclarationInvalid")


def parse_template_fields(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > 16:
        raise _invalid("template_fields must be a list of at most 16 fields.")
    fields: list[dict[str, Any]] = []
    for item in value:
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not _FIELD_NAME.match(name) or name in ("p", "np"):
            raise _invalid(f"Template field name {name!r} is not allowed.")
        description = item.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= 200:
            raise _invalid(f"Template field '{name}' needs a description of 1-200 characters.")
        fields.append(
            {"name": name, "description": description, "required": bool(item.get("required", False))}
        )
    return fields


def parse_parameter_policy(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or value.get("override", "none") not in _OVERRIDES:
        raise _invalid(f"parameter_policy.override must be one of {list(_OVERRIDES)}.")
    overridable = value.get("overridable", [])
    ceilings = value.get("ceilings", {})
    if not isinstance(overridable, list) or not all(isinstance(p, str) for p in overridable):
        raise _invalid("parameter_policy.overridable must be a list of parameter names.")
    if not isinstance(ceilings, dict) or not all(isinstance(v, int) for v in ceilings.values()):
        raise _invalid("parameter_policy.ceilings must map parameter names to integers.")
    return {"override": value.get("override", "none"), "overridable": overridable, "ceilings": ceilings}


def _section(
    placeholders: list[str], overridable: tuple[str, ...], ceilings: dict[str, tuple[int, int]], **extra: Any
) -> dict[str, Any]:
    # The docs name these keys without their inner shape; bounds and patterns are objects, as the
    # 5.1.13 contract publishes them.
    return {
        "placeholders": placeholders,
        "declared_fields_are_placeholders": True,
        "overridable_parameters": list(overridable),
        "ceiling_parameters": {k: {"minimum": lo, "maximum": hi} for k, (lo, hi) in ceilings.items()},
        **extra,
    }


def style_contract() -> dict[str, Any]:
    macro = {
        "pattern": r"\{\{\[[A-Z]+\]\}\}",
        "description": "Macros such as {{[INPUT]}} are left as written.",
    }
    return {
        "schema_version": 1,
        "image": _section(
            ["{p}", "{np}"],
            IMAGE_OVERRIDABLE,
            {"height": (64, 3072), "steps": (1, 500), "width": (64, 3072)},
            protected_patterns=[],
            brace_handling="escape_all_but_placeholders",
            context_fit_modes=None,
            style_create_rate_limits=["20/hour", "2/second"],
            style_modify_rate_limits=["90/minute", "2/second"],
            style_write_rate_limits=["90/minute", "2/second"],
        ),
        "text": _section(
            ["{p}"],
            TEXT_OVERRIDABLE,
            {"max_context_length": (80, 1_048_576), "max_length": (16, 4096)},
            protected_patterns=[macro],
            brace_handling="format_map",
            context_fit_modes=["ignore", "reject", "grow"],
            style_create_rate_limits=["20/hour", "2/second"],
            style_modify_rate_limits=["90/minute", "2/second"],
            style_write_rate_limits=["20/hour", "2/second"],
        ),
    }
