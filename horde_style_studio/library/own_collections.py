"""The user's own collections: the ids the app created or the user found by name, per account, with the state
last saved or read.

§3 / §9 B6: the server cannot list a user's collections and never returns ``info``, so this table is the only
place that knows which collections are the user's and what their description says. Rows are keyed by
(account, id): two accounts on one machine each see only their own.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.base import LibraryPart
from horde_style_studio.library.rows import from_ts

MIGRATION_VERSION = 3
MIGRATION_DESCRIPTION = "collections the app created or found, per account, with their last known state"
MIGRATION_SQL = """
CREATE TABLE own_collections (
    account TEXT NOT NULL,
    id TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('created', 'found')),
    name TEXT NOT NULL,
    kind TEXT CHECK (kind IN ('image', 'text')),
    info TEXT NOT NULL DEFAULT '',
    public INTEGER NOT NULL DEFAULT 1,
    members TEXT NOT NULL DEFAULT '[]',
    added_at REAL NOT NULL,
    saved_at REAL NOT NULL,
    gone_at REAL,
    PRIMARY KEY (account, id)
) WITHOUT ROWID;
"""


class Origin(StrEnum):
    """How the app came to know the collection is the user's."""

    CREATED = "created"
    FOUND = "found"


@dataclass(frozen=True, slots=True)
class MemberRef:
    """A member style: its id and the server's unique name for it, ``alias::style::name`` (§2.4, §3)."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class OwnCollectionState:
    """What the user last saved (or the server last served) for one collection."""

    name: str
    kind: StyleKind | None = None
    info: str = ""
    public: bool = True
    members: tuple[MemberRef, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class OwnCollection:
    """One remembered collection. ``gone_at`` is set once the server answered 404 for it."""

    account: str
    id: str
    origin: Origin
    state: OwnCollectionState
    added_at: datetime
    saved_at: datetime
    gone_at: datetime | None = None

    @property
    def gone(self) -> bool:
        return self.gone_at is not None

    @property
    def name(self) -> str:
        return self.state.name


class LibraryOwnCollections(LibraryPart):
    """The own-collections part of a library, as a mixin (or standing alone: :class:`OwnCollections`)."""

    def remember_collection(
        self, account: str, collection_id: str, state: OwnCollectionState, origin: Origin = Origin.CREATED
    ) -> OwnCollection:
        """Store ``state`` as the collection's latest; a remembered one keeps its origin and ``added_at``,
        and is no longer gone."""
        now = self._clock()
        members = json.dumps([{"id": m.id, "name": m.name} for m in state.members])
        kind = StyleKind(state.kind).value if state.kind is not None else None
        with self._db.write("remembering a collection") as conn:
            conn.execute(
                "INSERT INTO own_collections (account, id, origin, name, kind, info, public, members, "
                "added_at, saved_at, gone_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) "
                "ON CONFLICT (account, id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                "info = excluded.info, public = excluded.public, members = excluded.members, "
                "saved_at = excluded.saved_at, gone_at = NULL",
                (account, collection_id, Origin(origin).value, state.name, kind, state.info,
                 int(state.public), members, now, now),
            )  # fmt: skip
        found = self.own_collection(account, collection_id)
        assert found is not None  # just written in the same connection
        return found

    def own_collections(self, account: str, *, include_gone: bool = True) -> list[OwnCollection]:
        """The account's remembered collections by name; gone ones too unless ``include_gone`` is False."""
        gone = "" if include_gone else " AND gone_at IS NULL"
        rows = self._db.query(
            f"SELECT * FROM own_collections WHERE account = ?{gone} ORDER BY name COLLATE NOCASE, id",
            (account,),
        )
        return [_own_collection(row) for row in rows]

    def own_collection(self, account: str, collection_id: str) -> OwnCollection | None:
        rows = self._db.query(
            "SELECT * FROM own_collections WHERE account = ? AND id = ?", (account, collection_id)
        )
        return _own_collection(rows[0]) if rows else None

    def own_collection_named(self, account: str, name: str) -> OwnCollection | None:
        """The account's remembered collection called ``name`` (the server's names are per user, §3)."""
        rows = self._db.query(
            "SELECT * FROM own_collections WHERE account = ? AND name = ? AND gone_at IS NULL",
            (account, name),
        )
        return _own_collection(rows[0]) if rows else None

    def mark_own_collection_gone(self, account: str, collection_id: str) -> None:
        """The server no longer has it: kept (the user may want its members back) but flagged."""
        with self._db.write("marking a collection gone") as conn:
            conn.execute(
                "UPDATE own_collections SET gone_at = ? WHERE account = ? AND id = ? AND gone_at IS NULL",
                (self._clock(), account, collection_id),
            )

    def forget_collection(self, account: str, collection_id: str) -> None:
        with self._db.write("forgetting a collection") as conn:
            conn.execute("DELETE FROM own_collections WHERE account = ? AND id = ?", (account, collection_id))

    def own_collection_ids(self, account: str) -> set[str]:
        rows = self._db.query("SELECT id FROM own_collections WHERE account = ?", (account,))
        return {row[0] for row in rows}


class OwnCollections(LibraryOwnCollections):
    """The own-collections part over an open library's connection and clock.

    Until :class:`~horde_style_studio.library.store.StyleLibrary` mixes in :class:`LibraryOwnCollections`
    itself, this shares the library's database so both see one file and one migration history.
    """

    def __init__(self, library: LibraryPart) -> None:
        self._db = library._db
        self._clock = library._clock


def _own_collection(row: sqlite3.Row) -> OwnCollection:
    added, saved = from_ts(row["added_at"]), from_ts(row["saved_at"])
    assert added is not None  # NOT NULL column
    assert saved is not None  # NOT NULL column
    return OwnCollection(
        account=row["account"],
        id=row["id"],
        origin=Origin(row["origin"]),
        state=OwnCollectionState(
            name=row["name"],
            kind=StyleKind(row["kind"]) if row["kind"] else None,
            info=row["info"],
            public=bool(row["public"]),
            members=tuple(_members(row["members"])),
        ),
        added_at=added,
        saved_at=saved,
        gone_at=from_ts(row["gone_at"]),
    )


def _members(raw: str) -> Iterable[MemberRef]:
    try:
        values = json.loads(raw)
    except ValueError:
        return []
    if not isinstance(values, list):
        return []
    return [
        MemberRef(str(item["id"]), str(item.get("name", "")))
        for item in values
        if isinstance(item, dict) and item.get("id")
    ]


__all__ = [
    "MIGRATION_DESCRIPTION",
    "MIGRATION_SQL",
    "MIGRATION_VERSION",
    "LibraryOwnCollections",
    "MemberRef",
    "Origin",
    "OwnCollection",
    "OwnCollectionState",
    "OwnCollections",
]
