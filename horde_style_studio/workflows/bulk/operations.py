"""What a bulk edit does to each style's full-object document (§2.5: the whole style is PATCHed)."""

from __future__ import annotations

import copy
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class BulkAction(StrEnum):
    ADD_TAGS = "add_tags"
    REMOVE_TAGS = "remove_tags"
    REPLACE_MODEL = "replace_model"
    SET_PUBLIC = "set_public"
    SET_NSFW = "set_nsfw"
    ADD_TO_COLLECTION = "add_to_collection"
    DELETE = "delete"
    RESTORE = "restore"  # put back the History snapshot each item names (an undo of a bulk edit)


class BulkOperation(BaseModel):
    """One bulk edit, stored as JSON with its job. Only the fields its action needs are set."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    action: BulkAction
    tags: tuple[str, ...] = Field(default_factory=tuple)
    old_model: str | None = None
    new_model: str | None = None
    value: bool | None = None
    collection_id: str | None = None
    collection_name: str | None = None

    @property
    def patches(self) -> bool:
        """Whether each item is a PATCH of the style's document (the rest: delete, collection, restore)."""
        return self.action in _PATCHING

    def label(self, count: int) -> str:
        styles = f"{count} style{'s' if count != 1 else ''}"
        tags = ", ".join(self.tags)
        return {
            BulkAction.ADD_TAGS: f"Add tags {tags} to {styles}",
            BulkAction.REMOVE_TAGS: f"Remove tags {tags} from {styles}",
            BulkAction.REPLACE_MODEL: f"Replace {self.old_model} with {self.new_model} in {styles}",
            BulkAction.SET_PUBLIC: f"Make {styles} {'public' if self.value else 'private'}",
            BulkAction.SET_NSFW: f"Mark {styles} as {'NSFW' if self.value else 'safe for work'}",
            BulkAction.ADD_TO_COLLECTION: f"Add {styles} to {self.collection_name or 'a collection'}",
            BulkAction.DELETE: f"Delete {styles}",
            BulkAction.RESTORE: f"Restore {styles} from History",
        }[self.action]

    def apply(self, document: dict[str, Any]) -> dict[str, Any]:
        """The document after the edit (a copy); equal to ``document`` when there is nothing to change."""
        doc = copy.deepcopy(document)
        tags: list[str] = list(doc.get("tags") or [])
        if self.action is BulkAction.ADD_TAGS:
            doc["tags"] = tags + [tag for tag in self.tags if tag not in tags]
        elif self.action is BulkAction.REMOVE_TAGS:
            doc["tags"] = [tag for tag in tags if tag not in self.tags]
        elif self.action is BulkAction.REPLACE_MODEL:
            doc["models"] = _replaced(list(doc.get("models") or []), self.old_model, self.new_model)
        elif self.action is BulkAction.SET_PUBLIC and self.value is not None:
            doc["public"] = self.value
        elif self.action is BulkAction.SET_NSFW and self.value is not None:
            doc["nsfw"] = self.value
        return doc


_PATCHING = frozenset(
    {
        BulkAction.ADD_TAGS,
        BulkAction.REMOVE_TAGS,
        BulkAction.REPLACE_MODEL,
        BulkAction.SET_PUBLIC,
        BulkAction.SET_NSFW,
    }
)


def _replaced(models: list[str], old: str | None, new: str | None) -> list[str]:
    if old is None or new is None or old not in models:
        return models
    # The server keeps models as a set (§2.8), so a replacement already present is not listed twice.
    result = [new if model == old else model for model in models]
    return list(dict.fromkeys(result))
