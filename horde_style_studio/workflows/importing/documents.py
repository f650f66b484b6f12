"""The draft document an imported style starts as (shaped like a create payload, §2.2)."""

from __future__ import annotations

from typing import Any, Final

from horde_style_studio.domain.validation import MAX_NAME
from horde_style_studio.workflows.importing.model import ImportBatch

IMPORT_TAG: Final = "imported"


def new_document(
    name: str, template: str, batch: ImportBatch, loras: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A private style: the curator publishes imported work only after looking at it."""
    params: dict[str, Any] = {"loras": loras} if loras else {}
    return {
        "name": name[:MAX_NAME],
        "info": f"Imported from {batch.source} ({batch.format.label}).",
        "prompt": template,
        "public": False,
        "nsfw": False,
        "tags": [IMPORT_TAG],
        "models": [],
        "params": params,
    }
