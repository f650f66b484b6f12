"""The base every domain model shares; the style kinds live in ``domain.kinds`` and are re-exported here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator

from horde_style_studio.domain.kinds import StyleKind

__all__ = ["HordeModel", "NullSafeList", "StyleKind"]

_T = TypeVar("_T")


def _without_null_items(value: object) -> object:
    # §12: the server puts nulls in odd places; a null inside a list of names means "nothing there".
    if isinstance(value, list):
        return [item for item in value if item is not None]
    return value


NullSafeList = Annotated[list[_T], BeforeValidator(_without_null_items)]
"""A list that silently drops null items instead of failing the whole object."""


class HordeModel(BaseModel):
    """Base of every model that crosses the wire: tolerant when reading, null-free when writing."""

    # Infinity and NaN are no JSON numbers, and the server cannot store them: never read nor sent.
    model_config = ConfigDict(extra="ignore", populate_by_name=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _nulls_mean_unset(cls, data: Any) -> Any:
        # §12 and the 5.1.13 notes: the server sends null for "not set" (5.1.13 style routes no longer
        # skip nulls), so a null takes the field's default instead of failing validation.
        if isinstance(data, Mapping):
            return {key: value for key, value in data.items() if value is not None}
        return data

    def to_payload(self) -> dict[str, Any]:
        """The JSON body for the server. §1: a JSON null fails server validation, so nulls are omitted."""
        return self.model_dump(mode="json", exclude_none=True, by_alias=True)
