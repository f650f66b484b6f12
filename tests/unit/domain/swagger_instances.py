"""Build an instance of a swagger definition by walking its schema, as the server's docs describe it.

Every property is present. A property takes its `example`, else its `default`, else a value of its
declared type inside its bounds (minimum/maximum, multipleOf, min/maxLength, enum).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

SWAGGER_PATH = Path(__file__).resolve().parents[2] / "fixtures" / "horde-swagger-5.1.5.json"


def load_definitions() -> dict[str, Any]:
    definitions: dict[str, Any] = json.loads(SWAGGER_PATH.read_text(encoding="utf-8"))["definitions"]
    return definitions


def build_instance(
    name: str, definitions: Mapping[str, Any], overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """An instance of definition `name`; `overrides` maps dotted paths to values the schema cannot express."""
    built = _build(definitions[name], definitions, "", overrides or {})
    assert isinstance(built, dict)
    return built


def _build(
    schema: Mapping[str, Any], defs: Mapping[str, Any], path: str, overrides: Mapping[str, Any]
) -> Any:
    if path in overrides:
        return overrides[path]
    if "$ref" in schema:
        return _build(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, path, overrides)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged.update(_build(part, defs, path, overrides))
        return merged
    for key in ("example", "default"):
        if key in schema:
            return schema[key]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type", "object")
    if kind == "object":
        return _build_object(schema, defs, path, overrides)
    if kind == "array":
        return [_build(schema.get("items", {}), defs, f"{path}.0".lstrip("."), overrides)]
    return _scalar(kind, schema)


def _build_object(
    schema: Mapping[str, Any], defs: Mapping[str, Any], path: str, overrides: Mapping[str, Any]
) -> dict[str, Any]:
    properties: Mapping[str, Any] = schema.get("properties", {})
    result = {
        key: _build(sub, defs, f"{path}.{key}".lstrip("."), overrides) for key, sub in properties.items()
    }
    extra = schema.get("additionalProperties")
    if isinstance(extra, Mapping):
        result["extra_key"] = _build(extra, defs, f"{path}.extra_key".lstrip("."), overrides)
    return result


def _scalar(kind: str, schema: Mapping[str, Any]) -> Any:
    if kind == "boolean":
        return True
    if kind == "string":
        if schema.get("format") == "date-time":
            return "2024-01-01T00:00:00Z"
        return "s" * max(int(schema.get("minLength", 1)), 1)
    low, high = schema.get("minimum"), schema.get("maximum")
    if kind == "integer":
        step = int(schema.get("multipleOf", 1))
        start = int(low) if low is not None else (min(1, int(high)) if high is not None else 1)
        return -(-start // step) * step  # the first multiple of step at or above start
    if low is not None and high is not None:
        return (low + high) / 2
    return float(low if low is not None else (high if high is not None else 1.5))
