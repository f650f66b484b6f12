"""Just enough Draft-4 JSON Schema to reproduce flask-restx's payload errors word for word (REFERENCE §1).

flask-restx collects *every* error, keys each by its dotted path (a ``required`` error by the missing
property) and uses jsonschema's message, which quotes the value with Python's ``repr``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Schema = dict[str, Any]
_Error = tuple[tuple[str, ...], str]


def schema_errors(instance: Any, schema: Schema) -> dict[str, str]:
    return {".".join(path): message for path, message in _errors(instance, schema, ())}


def _is_type(value: Any, expected: str) -> bool:
    if isinstance(value, bool):
        return expected == "boolean"
    checks: dict[str, bool] = {
        "string": isinstance(value, str),
        # Draft 4: 512.0 is a number but not an integer.
        "integer": isinstance(value, int),
        "number": isinstance(value, int | float),
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
    }
    return checks.get(expected, False)


def _errors(value: Any, schema: Schema, path: tuple[str, ...]) -> Iterator[_Error]:
    expected = schema.get("type")
    if expected is not None and not _is_type(value, expected):
        yield path, f"{value!r} is not of type {expected!r}"
        return
    yield from _scalar_errors(value, schema, path)
    if isinstance(value, dict):
        yield from _object_errors(value, schema, path)
    elif isinstance(value, list):
        yield from _array_errors(value, schema, path)


def _scalar_errors(value: Any, schema: Schema, path: tuple[str, ...]) -> Iterator[_Error]:
    if "enum" in schema and value not in schema["enum"]:
        yield path, f"{value!r} is not one of {schema['enum']!r}"
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            yield path, f"{value!r} is too short"
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            yield path, f"{value!r} is too long"
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Later errors overwrite earlier ones on the same path; REFERENCE §1 shows the range error
        # winning for a width of 4000, so multipleOf is checked first.
        if "multipleOf" in schema and value % schema["multipleOf"]:
            yield path, f"{value!r} is not a multiple of {schema['multipleOf']!r}"
        if "minimum" in schema and value < schema["minimum"]:
            yield path, f"{value!r} is less than the minimum of {schema['minimum']!r}"
        if "maximum" in schema and value > schema["maximum"]:
            yield path, f"{value!r} is greater than the maximum of {schema['maximum']!r}"


def _object_errors(value: dict[str, Any], schema: Schema, path: tuple[str, ...]) -> Iterator[_Error]:
    for name in schema.get("required", ()):
        if name not in value:
            yield (*path, name), f"{name!r} is a required property"
    for name, subschema in schema.get("properties", {}).items():
        if name in value:
            yield from _errors(value[name], subschema, (*path, name))


def _array_errors(value: list[Any], schema: Schema, path: tuple[str, ...]) -> Iterator[_Error]:
    if schema.get("uniqueItems") and any(value[i] in value[:i] for i in range(len(value))):
        yield path, f"{value!r} has non-unique elements"
    if "items" in schema:
        for index, item in enumerate(value):
            yield from _errors(item, schema["items"], (*path, str(index)))
