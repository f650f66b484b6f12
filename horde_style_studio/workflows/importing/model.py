"""What an import read from a file: style documents, collections, and the rows it could not use."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from horde_style_studio.domain.kinds import StyleKind


class ImportFormat(StrEnum):
    """The files an import understands."""

    A1111 = "a1111"  # AUTOMATIC1111 / Forge styles.csv
    STYLER = "styler"  # SDXL Prompt Styler / Fooocus JSON
    HORDE_LEGACY = "horde-legacy"  # AI-Horde-Styles styles.json (+ categories.json)
    BUNDLE = "bundle"  # this app's own export bundle

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ImportFormat.A1111: "AUTOMATIC1111/Forge styles.csv",
    ImportFormat.STYLER: "SDXL Prompt Styler/Fooocus JSON",
    ImportFormat.HORDE_LEGACY: "AI-Horde-Styles styles.json",
    ImportFormat.BUNDLE: "Horde Style Studio export bundle",
}


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not one broken row: those become :class:`RowProblem`)."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that was left out, and why.

    ``row`` counts as a spreadsheet does (a CSV's header is row 1, a multi-line cell is one row); in a
    JSON file it is the entry's number. ``line`` is where a CSV row starts in a text editor.
    """

    row: int
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.line in (None, self.row) else f"Row {self.row} (line {self.line})"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ImportedStyle:
    """One style as read: a document shaped like a create payload, and what did not carry over.

    ``row`` says where it came from in the file; ``notes`` are warnings for the review (a LoRA that did
    not resolve, a renamed duplicate, a field the server has no place for); ``examples`` are image links
    to attach after the style exists (the export bundle has them).
    """

    row: int
    source_name: str
    kind: StyleKind
    document: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.document.get("name", ""))


@dataclass(frozen=True, slots=True)
class ImportedCollection:
    """A collection to make from imported styles (legacy categories, or a bundle's collections)."""

    name: str
    members: tuple[str, ...]
    info: str = ""


@dataclass(slots=True)
class ImportBatch:
    """Everything one file gave."""

    format: ImportFormat
    source: str
    styles: list[ImportedStyle] = field(default_factory=list)
    collections: list[ImportedCollection] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
