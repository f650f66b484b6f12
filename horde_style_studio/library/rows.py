"""Light read-only records for lists and facets: built straight from indexed columns, no JSON parsing, so a
search over thousands of styles stays within a keystroke's budget."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from horde_style_studio.domain.kinds import StyleKind

if TYPE_CHECKING:
    # Made only where the facets are counted: Browse's first paint asks for none (issue 18).
    from horde_style_studio.library.facet_index import FacetCount


def to_ts(moment: datetime) -> float:
    if moment.tzinfo is None:
        raise ValueError("library times must be timezone-aware")
    return moment.timestamp()


def from_ts(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


def json_object(raw: str) -> dict[str, Any]:
    """A JSON-object column as stored; ``{}`` when a later app version (or a damaged file) left something
    that is not one, so one odd row never makes a whole list unreadable."""
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# Many styles share a tag or model list: the parsed tuples (immutable) are kept by their JSON text.
@lru_cache(maxsize=4096)
def _names(raw: str) -> tuple[str, ...]:
    values = json.loads(raw)
    return tuple(str(v) for v in values) if isinstance(values, list) else ()


@dataclass(frozen=True, slots=True)
class StyleRow:
    """One style as a list shows it. ``thumbnail`` is the primary example's URL (image styles only)."""

    id: str
    kind: StyleKind
    name: str
    info: str
    creator: str
    tags: tuple[str, ...]
    models: tuple[str, ...]
    use_count: int
    nsfw: bool
    public: bool
    thumbnail: str | None
    mine: bool
    favourite: bool
    has_note: bool
    seen_at: datetime
    gone_at: datetime | None

    @property
    def gone(self) -> bool:
        return self.gone_at is not None


STYLE_COLUMNS = (
    "s.id, s.kind, s.name, s.info, s.creator, s.tags, s.models, s.use_count, s.nsfw, s.public, s.thumbnail, "
    "s.mine, s.id IN (SELECT style_id FROM favourites) AS favourite, "
    "s.id IN (SELECT style_id FROM notes) AS has_note, s.seen_at, s.gone_at"
)


def style_row(row: sqlite3.Row) -> StyleRow:
    """A row of ``SELECT {STYLE_COLUMNS}``. Read by position: a name lookup on ``sqlite3.Row`` compares
    against every column name, and a page of rows is read per keystroke and per screenful scrolled."""
    (id_, kind, name, info, creator, tags, models, use_count, nsfw, public, thumbnail, mine, favourite,
     has_note, seen_at, gone_at) = row  # fmt: skip
    seen = from_ts(seen_at)
    assert seen is not None  # NOT NULL column
    return StyleRow(
        id=id_,
        kind=StyleKind(kind),
        name=name,
        info=info,
        creator=creator,
        tags=_names(tags),
        models=_names(models),
        use_count=use_count,
        nsfw=bool(nsfw),
        public=bool(public),
        thumbnail=thumbnail,
        mine=bool(mine),
        favourite=bool(favourite),
        has_note=bool(has_note),
        seen_at=seen,
        gone_at=from_ts(gone_at),
    )


# A NamedTuple, not a frozen dataclass: Browse's UI imports it before its first paint, where generating a
# dataclass's methods costs about 1 ms (issue 18). Nothing replaces, iterates or unpacks it.
class Facets(NamedTuple):
    """Tags and models among the styles a query finds, most frequent first."""

    tags: tuple[FacetCount, ...]
    models: tuple[FacetCount, ...]


# A NamedTuple, not a frozen dataclass: Browse's UI imports it before its first paint, where generating a
# dataclass's methods costs about 1 ms (issue 18). Nothing replaces, iterates or unpacks it.
class CollectionRow(NamedTuple):
    """A collection as a list shows it. §3: the server never says who owns one, and ``info`` is null, so
    ``mine`` (and a non-empty ``info``) come from the user's own collections. ``thumbnail``: the primary
    example of the first member that has one, when a browse query asked for it."""

    id: str
    name: str
    kind: StyleKind | None
    public: bool
    use_count: int
    member_count: int
    seen_at: datetime
    gone_at: datetime | None
    info: str = ""
    thumbnail: str | None = None
    mine: bool = False


def collection_row(row: sqlite3.Row) -> CollectionRow:
    """A collection from the mirror's table, or from a browse query (which adds info, thumbnail, mine)."""
    seen = from_ts(row["seen_at"])
    assert seen is not None  # NOT NULL column
    columns = row.keys()
    return CollectionRow(
        id=row["id"],
        name=row["name"],
        kind=StyleKind(row["kind"]) if row["kind"] else None,
        public=bool(row["public"]),
        use_count=row["use_count"],
        member_count=row["member_count"],
        seen_at=seen,
        gone_at=from_ts(row["gone_at"]) if "gone_at" in columns else None,
        info=(row["info"] or "") if "info" in columns else "",
        thumbnail=row["thumbnail"] if "thumbnail" in columns else None,
        mine=bool(row["mine"]) if "mine" in columns else False,
    )
