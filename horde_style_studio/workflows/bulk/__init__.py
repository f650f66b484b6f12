"""Bulk edits of the curator's own styles through one patient, persistent queue."""

from horde_style_studio.workflows.bulk.operations import BulkAction, BulkOperation
from horde_style_studio.workflows.bulk.runner import BulkRunner, enqueue, enqueue_undo

__all__ = ["BulkAction", "BulkOperation", "BulkRunner", "enqueue", "enqueue_undo"]
