"""What a Browse card says about a style or a collection: the words and picture the delegate paints."""

from __future__ import annotations

from dataclasses import dataclass

from horde_style_studio.domain.base import StyleKind
from horde_style_studio.library import CollectionRow, StyleRow
from horde_style_studio.ui.browse.columns import alias
from horde_style_studio.ui.browse.model import styles_count
from horde_style_studio.ui.collections.delegate import initials


@dataclass(frozen=True, slots=True)
class Face:
    """``placeholder``: drawn when there is no picture; ``badge``: a warning word over the picture."""

    title: str
    meta: str
    detail: str
    thumbnail: str | None
    placeholder: str
    badge: str | None = None


def face_of(row: object) -> Face | None:
    if isinstance(row, StyleRow):
        return style_face(row)
    if isinstance(row, CollectionRow):
        return collection_face(row)
    return None


def style_face(row: StyleRow) -> Face:
    return Face(
        title=row.name,
        meta=f"{row.kind.value} · {row.use_count:,} uses · {alias(row.creator)}",
        detail=", ".join(row.tags) or row.info,
        thumbnail=row.thumbnail,
        placeholder="Aa" if row.kind is StyleKind.TEXT else initials(row.name),
        badge="NSFW" if row.nsfw else None,
    )


def collection_face(row: CollectionRow) -> Face:
    kind = f"{row.kind.value} · " if row.kind else ""
    size = styles_count(row.member_count)
    return Face(
        title=row.name,
        meta=f"{kind}{size} · {row.use_count:,} uses" + (" · by you" if row.mine else ""),
        detail=row.info,
        thumbnail=row.thumbnail,
        placeholder=initials(row.name),
        badge=None if row.public else "private",
    )
