"""The review of an import: what maps, what does not, which names clash; then drafts, then (only when the
curator says so) the styles on the server."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.errors import HordeError
from horde_style_studio.domain.collections import CollectionWrite
from horde_style_studio.domain.problems import Problem
from horde_style_studio.domain.styles import style_write_model
from horde_style_studio.domain.validation import MAX_NAME, validate_style
from horde_style_studio.library.drafts import LibraryDrafts
from horde_style_studio.workflows.exporting import BUNDLE_FORMAT
from horde_style_studio.workflows.importing.a1111 import read_a1111
from horde_style_studio.workflows.importing.json_formats import (
    load_json,
    read_bundle,
    read_legacy,
    read_styler,
)
from horde_style_studio.workflows.importing.model import (
    ImportBatch,
    ImportedCollection,
    ImportedStyle,
    ImportFileError,
    ImportFormat,
)
from horde_style_studio.workflows.importing.templates import LoraResolver, no_loras

_log = logging.getLogger(__name__)
CATEGORIES_FILE = "categories.json"


class Verdict(StrEnum):
    """What creating one reviewed style would do."""

    READY = "ready"  # the server should accept it as it is
    NEEDS_WORK = "needs work"  # the editor's checks found problems (e.g. no model yet)
    CLASH = "clash"  # one of the curator's own styles has this name


@dataclass(slots=True)
class ReviewedStyle:
    style: ImportedStyle
    verdict: Verdict
    problems: list[Problem] = field(default_factory=list)
    draft_id: str | None = None

    @property
    def name(self) -> str:
        return self.style.name


@dataclass(slots=True)
class ImportReview:
    batch: ImportBatch
    styles: list[ReviewedStyle]

    def count(self, verdict: Verdict) -> int:
        return sum(1 for item in self.styles if item.verdict is verdict)

    def summary(self) -> str:
        return (
            f"{len(self.styles)} styles read from {self.batch.source} ({self.batch.format.label}): "
            f"{self.count(Verdict.READY)} ready, {self.count(Verdict.NEEDS_WORK)} need work, "
            f"{self.count(Verdict.CLASH)} clash with your own styles; "
            f"{_count(len(self.batch.problems), 'row')} left out; "
            f"{_count(len(self.batch.collections), 'collection')}."
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def detect_format(path: Path, data: bytes) -> ImportFormat:
    """By content: a CSV unless it parses as JSON; then the bundle's marker, else its shape."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head not in (b"[", b"{"):
        return ImportFormat.A1111
    parsed = load_json(data, path.name)
    if isinstance(parsed, dict) and parsed.get("format") == BUNDLE_FORMAT:
        return ImportFormat.BUNDLE
    if isinstance(parsed, list):
        return ImportFormat.STYLER
    values = (
        [value for value in parsed.values() if isinstance(value, dict)] if isinstance(parsed, dict) else []
    )
    if any("negative_prompt" in value for value in values):
        return ImportFormat.STYLER
    return ImportFormat.HORDE_LEGACY


def read_import(
    path: Path, fmt: ImportFormat | None = None, *, resolve: LoraResolver = no_loras
) -> ImportBatch:
    """Read ``path`` (a legacy styles.json also takes the categories.json next to it)."""
    data = path.read_bytes()
    fmt = fmt or detect_format(path, data)
    source = path.name
    if fmt is ImportFormat.A1111:
        return read_a1111(data, source, resolve)
    if fmt is ImportFormat.STYLER:
        return read_styler(data, source, resolve)
    if fmt is ImportFormat.BUNDLE:
        return read_bundle(data, source)
    categories = path.with_name(CATEGORIES_FILE)
    return read_legacy(data, source, categories.read_bytes() if categories.is_file() else None)


def review_import(
    batch: ImportBatch, own_names: Iterable[str], *, default_models: Sequence[str] = ()
) -> ImportReview:
    """Name duplicates apart, fill in the default models, and judge each style.

    The Horde's names are unique (§9 B3), so a second style of one name gets " (2)" with a note; a name
    of the curator's own is a clash (creating it would fail, and overwriting is a job for the editor).
    """
    own = {plain_style_name(name).casefold() for name in own_names}
    used: set[str] = set()
    reviewed: list[ReviewedStyle] = []
    for style in batch.styles:
        _unique_name(style, used)
        if default_models and not style.document.get("models"):
            style.document["models"] = list(default_models)
        problems = validate_style(style.kind, style.document, creating=True)
        verdict = (
            Verdict.CLASH
            if style.name.casefold() in own
            else Verdict.NEEDS_WORK
            if problems
            else Verdict.READY
        )
        reviewed.append(ReviewedStyle(style, verdict, problems))
    return ImportReview(batch, reviewed)


def plain_style_name(listed: str) -> str:
    """A style's own name from the "alias::style::name" the server lists, its HTML escaping undone (§12)."""
    return html.unescape(listed.rsplit("::", 1)[-1])


def _unique_name(style: ImportedStyle, used: set[str]) -> None:
    name = style.name
    number = 1
    while name.casefold() in used:
        number += 1
        suffix = f" ({number})"
        name = style.name[: MAX_NAME - len(suffix)] + suffix
    if name != style.name:
        style.notes.append(f"Another style in the file is called '{style.name}'; this one is now '{name}'.")
        style.document["name"] = name
    used.add(name.casefold())


def save_drafts(review: ImportReview, drafts: LibraryDrafts) -> int:
    """Every reviewed style becomes a draft the editor can open (nothing is sent); returns how many."""
    origin = f"Imported from {review.batch.source}"
    for item in review.styles:
        item.draft_id = drafts.save_draft(item.draft_id, item.style.kind, item.style.document, origin=origin)
    return len(review.styles)


@dataclass(slots=True)
class CreateOutcome:
    created: dict[str, str] = field(default_factory=dict)  # name -> new id
    failed: dict[str, str] = field(default_factory=dict)  # name -> the server's reason
    skipped: list[str] = field(default_factory=list)
    collections: dict[str, str] = field(default_factory=dict)


Progress = Callable[[str, str], None]


async def create_reviewed(
    review: ImportReview,
    session: HordeClientSession,
    *,
    drafts: LibraryDrafts | None = None,
    progress: Progress | None = None,
) -> CreateOutcome:
    """Create every READY style (then its examples, then the collections whose members all exist).

    A style that fails does not stop the others; a created style's draft is removed.
    """
    outcome = CreateOutcome()
    for item in review.styles:
        if item.verdict is not Verdict.READY:
            outcome.skipped.append(item.name)
            continue
        await _create_one(item, session, outcome, drafts)
        if progress is not None:
            progress(item.name, "created" if item.name in outcome.created else "failed")
    for collection in review.batch.collections:
        await _create_collection(collection, review, session, outcome)
    return outcome


async def _create_one(
    item: ReviewedStyle, session: HordeClientSession, outcome: CreateOutcome, drafts: LibraryDrafts | None
) -> None:
    payload: Any = style_write_model(item.style.kind).model_validate(item.style.document)
    try:
        result = await session.create_style(item.style.kind, payload)
    except HordeError as err:
        outcome.failed[item.name] = str(err)
        return
    if not result.id:
        outcome.failed[item.name] = "The server did not say which id the style got."
        return
    outcome.created[item.name] = result.id
    for index, url in enumerate(item.style.examples):
        try:
            await session.add_example(result.id, url, primary=index == 0)
        except HordeError as err:
            _log.info("An example of an imported style was refused: %s", type(err).__name__)
    if drafts is not None and item.draft_id is not None:
        drafts.delete_draft(item.draft_id)


async def _create_collection(
    collection: ImportedCollection, review: ImportReview, session: HordeClientSession, outcome: CreateOutcome
) -> None:
    renamed = {item.style.source_name: item.name for item in review.styles}
    ids = [outcome.created.get(renamed.get(member, member)) for member in collection.members]
    members = [style_id for style_id in ids if style_id]
    if not members:
        return
    name = collection.name[:MAX_NAME]
    payload = CollectionWrite(name=name, info=collection.info or None, public=False, styles=members)
    try:
        result = await session.create_collection(payload)
    except HordeError as err:
        outcome.failed[f"collection {name}"] = str(err)
        return
    if result.id:
        outcome.collections[name] = result.id


__all__ = [
    "CATEGORIES_FILE",
    "CreateOutcome",
    "ImportFileError",
    "ImportReview",
    "ReviewedStyle",
    "Verdict",
    "create_reviewed",
    "detect_format",
    "read_import",
    "review_import",
    "save_drafts",
]
