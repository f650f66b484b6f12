"""Collections of styles of one kind (§3)."""

from __future__ import annotations

from pydantic import Field

from horde_style_studio.domain.base import HordeModel, NullSafeList, StyleKind
from horde_style_studio.domain.escaping import ServedText


class CollectionMember(HordeModel):
    """A style inside a collection, as listed by the server (`name` reads "alias::style::name")."""

    id: str
    name: ServedText = ""


class Collection(HordeModel):
    """A collection as served (`ResponseModelCollection`).

    §3 / B6: `info` is always null on 5.1.5 even when set, and `type` is null when every member was
    given by UUID; the owner is never returned, so the client keeps its own collection ids.
    """

    id: str
    name: ServedText  # §2.2, §12: stored escaped, read back as written
    type: StyleKind | None = None
    info: ServedText | None = None
    public: bool = True
    styles: NullSafeList[CollectionMember] = Field(default_factory=list)
    use_count: int = 0


class CollectionWrite(HordeModel):
    """Payload for `POST /v2/collections` and `PATCH /v2/collections/{id}`.

    `styles` holds style ids or names. §3: on 5.1.5 at least one must be a name (`style::alias::name`),
    or the collection gets no type (create) or the PATCH fails with "Cannot mix image and text styles".
    """

    name: str
    info: str | None = None
    public: bool = True
    styles: list[str] = Field(default_factory=list)
