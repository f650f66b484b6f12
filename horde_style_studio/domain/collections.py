"""Collections of styles of one kind (§3)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from horde_style_studio.domain.base import HordeModel, NullSafeList, StyleKind
from horde_style_studio.domain.limits import (
    MAX_ANY_TEXT,
    Int64,
    ServedId,
    ServedInfo,
    ServedMemberName,
    ServedName,
)


class CollectionMember(HordeModel):
    """A style inside a collection, as listed by the server (`name` reads "alias::style::name")."""

    id: ServedId
    name: ServedMemberName = ""


class Collection(HordeModel):
    """A collection as served (`ResponseModelCollection`).

    §3 / B6: `info` is always null on 5.1.5 even when set, and `type` is null when every member was
    given by UUID; the owner is never returned, so the client keeps its own collection ids.
    """

    model_config = ConfigDict(str_max_length=MAX_ANY_TEXT)

    id: ServedId
    name: ServedName
    type: StyleKind | None = None
    info: ServedInfo | None = None
    public: bool = True
    styles: NullSafeList[CollectionMember] = Field(default_factory=list)
    use_count: Int64 = 0


class CollectionWrite(HordeModel):
    """Payload for `POST /v2/collections` and `PATCH /v2/collections/{id}`.

    `styles` holds style ids or names. §3: on 5.1.5 at least one must be a name (`style::alias::name`),
    or the collection gets no type (create) or the PATCH fails with "Cannot mix image and text styles".
    """

    name: str
    info: str | None = None
    public: bool = True
    styles: list[str] = Field(default_factory=list)
