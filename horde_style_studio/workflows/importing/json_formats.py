"""The JSON formats: SDXL Prompt Styler / Fooocus, the legacy AI-Horde-Styles files, this app's bundle."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, Final

from horde_style_studio.domain.diff import payload_of
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.params import ImageParams
from horde_style_studio.domain.styles import primary_example, style_read_model
from horde_style_studio.domain.validation import MAX_MODELS
from horde_style_studio.workflows.exporting import BUNDLE_FORMAT
from horde_style_studio.workflows.importing.a1111 import decode_text
from horde_style_studio.workflows.importing.documents import new_document
from horde_style_studio.workflows.importing.model import (
    ImportBatch,
    ImportedCollection,
    ImportedStyle,
    ImportFileError,
    ImportFormat,
    RowProblem,
)
from horde_style_studio.workflows.importing.templates import LoraResolver, extract_loras, styler_template

# What a legacy style may carry besides its params (the rest of its keys are ImageParams fields).
_LEGACY_OWN_KEYS: Final = frozenset({"prompt", "model", "models", "tags", "nsfw", "info", "description"})
_IMAGE_PARAMS: Final = frozenset(ImageParams.model_fields)


def load_json(data: bytes, source: str) -> Any:
    try:
        return json.loads(decode_text(data))
    except ValueError as err:
        raise ImportFileError(f"{source} is not valid JSON ({err}).") from None


def read_styler(data: bytes, source: str, resolve: LoraResolver) -> ImportBatch:
    batch = ImportBatch(ImportFormat.STYLER, source)
    for number, name, entry in _entries(load_json(data, source), source, batch):
        prompt, negative = entry.get("prompt", ""), entry.get("negative_prompt", "")
        if not isinstance(prompt, str) or not isinstance(negative, str):
            batch.problems.append(RowProblem(number, "its prompt or negative_prompt is not text."))
            continue
        conversion = extract_loras(styler_template(prompt, negative), resolve)
        document = new_document(name, conversion.template, batch, conversion.loras)
        batch.styles.append(ImportedStyle(number, name, StyleKind.IMAGE, document, list(conversion.notes)))
    return batch


def read_legacy(data: bytes, source: str, categories: bytes | None = None) -> ImportBatch:
    """styles.json maps a name to its prompt, model(s) and params; categories.json maps a category to
    style names and other categories, which become collections (nested ones flattened)."""
    batch = ImportBatch(ImportFormat.HORDE_LEGACY, source)
    for number, name, entry in _entries(load_json(data, source), source, batch):
        style = _legacy_style(number, name, entry, batch)
        if style is not None:
            batch.styles.append(style)
    if categories is not None:
        batch.collections = _categories(load_json(categories, "categories.json"), batch)
    return batch


def read_bundle(data: bytes, source: str) -> ImportBatch:
    batch = ImportBatch(ImportFormat.BUNDLE, source)
    bundle = load_json(data, source)
    if not isinstance(bundle, dict) or bundle.get("format") != BUNDLE_FORMAT:
        raise ImportFileError(f"{source} is not a Horde Style Studio export bundle.")
    styles = bundle.get("styles")
    if not isinstance(styles, dict):
        styles = {}
    number = 0
    for kind in StyleKind:
        for served in styles.get(kind.value) or []:
            number += 1
            style = _bundled_style(number, kind, served, batch)
            if style is not None:
                batch.styles.append(style)
    batch.collections = _bundled_collections(bundle.get("collections") or [], batch)
    return batch


def _entries(data: Any, source: str, batch: ImportBatch) -> Iterator[tuple[int, str, Mapping[str, Any]]]:
    """(entry number, name, fields) of a list of objects with a name, or of an object of named objects."""
    if isinstance(data, list):
        pairs = [(item.get("name") if isinstance(item, dict) else None, item) for item in data]
    elif isinstance(data, dict):
        pairs = list(data.items())
    else:
        raise ImportFileError(f"{source} holds neither a list of styles nor an object of named styles.")
    for number, (name, entry) in enumerate(pairs, start=1):
        if not isinstance(entry, dict):
            batch.problems.append(RowProblem(number, "is not an object with a name and a prompt."))
        elif not isinstance(name, str) or not name.strip():
            batch.problems.append(RowProblem(number, "has no name, so it cannot become a style."))
        else:
            yield number, name.strip(), entry


def _legacy_style(
    number: int, name: str, entry: Mapping[str, Any], batch: ImportBatch
) -> ImportedStyle | None:
    prompt = entry.get("prompt", "{p}{np}")
    if not isinstance(prompt, str):
        batch.problems.append(RowProblem(number, f"'{name}': its prompt is not text."))
        return None
    document = new_document(name, prompt, batch)
    notes: list[str] = []
    models = entry.get("models", entry.get("model", []))
    models = [models] if isinstance(models, str) else [m for m in models if isinstance(m, str)]
    if len(models) > MAX_MODELS:
        notes.append(f"It named {len(models)} models; the Horde keeps at most {MAX_MODELS}.")
    document["models"] = models[:MAX_MODELS]
    if isinstance(entry.get("tags"), list):
        document["tags"] = [*document["tags"], *(t for t in entry["tags"] if isinstance(t, str))]
    document["nsfw"] = entry.get("nsfw") is True
    document["params"] = {key: value for key, value in entry.items() if key in _IMAGE_PARAMS}
    unknown = sorted(key for key in entry if key not in _IMAGE_PARAMS and key not in _LEGACY_OWN_KEYS)
    if unknown:
        notes.append(f"The Horde has no place for: {', '.join(unknown)}.")
    return ImportedStyle(number, name, StyleKind.IMAGE, document, notes)


def _categories(data: Any, batch: ImportBatch) -> list[ImportedCollection]:
    if not isinstance(data, dict):
        batch.problems.append(
            RowProblem(0, "categories.json is not an object of categories; it was skipped.")
        )
        return []
    names = {style.source_name for style in batch.styles}
    found: list[ImportedCollection] = []
    for category, members in data.items():
        flat = _flatten(str(category), data, set())
        styles = tuple(member for member in flat if member in names)
        if styles:
            found.append(
                ImportedCollection(str(category), styles, f"The '{category}' category of {batch.source}.")
            )
        elif members:
            batch.problems.append(
                RowProblem(0, f"Category '{category}' names no style of this file; skipped.")
            )
    return found


def _flatten(category: str, data: Mapping[str, Any], seen: set[str]) -> list[str]:
    """A category's styles, with the styles of the categories it lists (each category once, no loops)."""
    seen.add(category)
    result: list[str] = []
    for member in data.get(category) or []:
        if not isinstance(member, str):
            continue
        if member in data and member not in seen:
            result += [m for m in _flatten(member, data, seen) if m not in result]
        elif member not in data and member not in result:
            result.append(member)
    return result


def _bundled_style(number: int, kind: StyleKind, served: Any, batch: ImportBatch) -> ImportedStyle | None:
    try:
        style = style_read_model(kind).model_validate(served)
    except ValueError as err:
        label = served.get("name") if isinstance(served, dict) else None
        batch.problems.append(
            RowProblem(number, f"{label or 'a style'} cannot be read ({_first_line(err)}).")
        )
        return None
    document = payload_of(style)
    examples: list[str] = []
    primary = primary_example(style)
    if primary is not None:
        examples = [primary.url] + [e.url for e in getattr(style, "examples", []) if e.id != primary.id]
    return ImportedStyle(number, style.name, kind, document, [], examples)


def _bundled_collections(items: list[Any], batch: ImportBatch) -> list[ImportedCollection]:
    names = {style.source_name for style in batch.styles}
    found: list[ImportedCollection] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        members = tuple(
            _plain_name(str(m.get("name", ""))) for m in item.get("styles") or [] if isinstance(m, dict)
        )
        kept = tuple(m for m in members if m in names)
        if kept:
            found.append(ImportedCollection(item["name"], kept, str(item.get("info") or "")))
    return found


def _plain_name(member: str) -> str:
    """A collection lists "alias::style::name" (§3); the style's own name is the last part."""
    return member.rsplit("::", 1)[-1]


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0]
