"""Importing other tools' style files as drafts, with a review before anything is sent."""

from horde_style_studio.workflows.importing.model import (
    ImportBatch,
    ImportedCollection,
    ImportedStyle,
    ImportFileError,
    ImportFormat,
    RowProblem,
)
from horde_style_studio.workflows.importing.review import (
    CreateOutcome,
    ImportReview,
    ReviewedStyle,
    Verdict,
    create_reviewed,
    detect_format,
    read_import,
    review_import,
    save_drafts,
)
from horde_style_studio.workflows.importing.templates import LoraResolver, lora_map_resolver, no_loras

__all__ = [
    "CreateOutcome",
    "ImportBatch",
    "ImportFileError",
    "ImportFormat",
    "ImportReview",
    "ImportedCollection",
    "ImportedStyle",
    "LoraResolver",
    "ReviewedStyle",
    "RowProblem",
    "Verdict",
    "create_reviewed",
    "detect_format",
    "lora_map_resolver",
    "no_loras",
    "read_import",
    "review_import",
    "save_drafts",
]
