"""Bulk edits of the curator's own styles through one patient, persistent queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from horde_style_studio._exports import lazy_exports

if TYPE_CHECKING:
    from horde_style_studio.workflows.bulk.operations import BulkAction, BulkOperation
    from horde_style_studio.workflows.bulk.runner import BulkRunner, enqueue, enqueue_undo

# Imported on first use (see _exports): importing one module of the package builds only what it needs.
__getattr__ = lazy_exports(
    __name__,
    {
        **dict.fromkeys(("BulkAction", "BulkOperation"), "operations"),
        **dict.fromkeys(("BulkRunner", "enqueue", "enqueue_undo"), "runner"),
    },
)

__all__ = ["BulkAction", "BulkOperation", "BulkRunner", "enqueue", "enqueue_undo"]
