"""Writing the server's objects into the mirror. Every function runs inside the caller's transaction
(``Database.write``), so a page of a sync and its bookkeeping commit together or not at all."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from horde_style_studio.domain.kinds import StyleKind

if TYPE_CHECKING:
    from horde_style_studio.domain.collections import Collection
    from horde_style_studio.domain.styles import AnyStyle

_UPSERT_STYLE = """
INSERT INTO styles (id, kind, name, info, prompt, tags, models, creator, public, nsfw, use_count, thumbnail,
                    mine, age_key, first_seen_at, seen_at, gone_at, data)
VALUES (:id, :kind, :name, :info, :prompt, :tags, :models, :creator, :public, :nsfw, :use_count, :thumbnail,
        :mine, :age_key, :seen_at, :seen_at, NULL, :data)
ON CONFLICT (id) DO UPDATE SET
    kind = excluded.kind, name = excluded.name, info = excluded.info, prompt = excluded.prompt,
    tags = excluded.tags, models = excluded.models, creator = excluded.creator, public = excluded.public,
    nsfw = excluded.nsfw, use_count = excluded.use_count, thumbnail = excluded.thumbnail,
    mine = max(styles.mine, excluded.mine), age_key = coalesce(excluded.age_key, styles.age_key),
    seen_at = excluded.seen_at, gone_at = NULL, data = excluded.data
"""

_UPSERT_COLLECTION = """
INSERT INTO collections (id, kind, name, public, use_count, age_key, first_seen_at, seen_at, gone_at, data)
VALUES (:id, :kind, :name, :public, :use_count, :age_key, :seen_at, :seen_at, NULL, :data)
ON CONFLICT (id) DO UPDATE SET
    kind = excluded.kind, name = excluded.name, public = excluded.public, use_count = excluded.use_count,
    age_key = coalesce(excluded.age_key, collections.age_key), seen_at = excluded.seen_at, gone_at = NULL,
    data = excluded.data
"""

# A private style of the user's own is never in a public list, so a public walk must not mark it gone.
_GONE_STYLES = """
UPDATE styles SET gone_at = ?
WHERE kind = ? AND gone_at IS NULL AND seen_at < ? AND NOT (mine = 1 AND public = 0) AND id NOT IN ({seen})
"""
_GONE_COLLECTIONS = (
    "UPDATE collections SET gone_at = ? WHERE gone_at IS NULL AND seen_at < ? AND id NOT IN ({seen})"
)
SEEN_TEMP = "SELECT id FROM temp.seen_ids"
SEEN_IN_WALK = "SELECT object_id FROM walk_seen WHERE list = ?"


# The placeholders and the negative-prompt separator (§5) are in nearly every prompt: indexing them would make
# typing "n" or "np" match everything.
_PROMPT_SYNTAX = re.compile(r"\{n?p\}|###")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def style_json(style: AnyStyle) -> str:
    """The style as the API shapes it (nulls left out, as on the wire)."""
    return _json(style.model_dump(mode="json", exclude_none=True))


def _style_values(style: AnyStyle, seen_at: float, mine: bool, age_key: int | None) -> dict[str, Any]:
    # Here only with a style in hand: the models are loaded by then, and stay off the first paint's path.
    from horde_style_studio.domain.styles import primary_example

    example = primary_example(style)
    return {
        "id": style.id,
        "kind": style.kind.value,
        "name": style.name,
        "info": style.info,
        "prompt": _PROMPT_SYNTAX.sub(" ", style.prompt),
        # Sets on the server (§11.1): sorted, so a re-ordered answer is not a change.
        "tags": _json(sorted(set(style.tags))),
        "models": _json(sorted(set(style.models))),
        "creator": style.creator or "",
        "public": int(style.public),
        "nsfw": int(style.nsfw),
        "use_count": style.use_count,
        "thumbnail": example.url if example is not None else None,
        "mine": int(mine),
        "age_key": age_key,
        "seen_at": seen_at,
        "data": style_json(style),
    }


def upsert_styles(
    conn: sqlite3.Connection,
    kind: StyleKind,
    styles: Sequence[AnyStyle],
    seen_at: float,
    *,
    mine: bool = False,
    age_keys: Sequence[int | None] | None = None,
) -> int:
    """Insert or refresh ``styles`` (all of ``kind``); a style seen again is no longer gone."""
    keys = list(age_keys) if age_keys is not None else [None] * len(styles)
    if len(keys) != len(styles):
        raise ValueError("one age key per style")
    for style in styles:
        if style.kind is not StyleKind(kind):
            raise ValueError(f"style {style.id} is a {style.kind.value} style, not {StyleKind(kind).value}")
    conn.executemany(
        _UPSERT_STYLE, [_style_values(s, seen_at, mine, k) for s, k in zip(styles, keys, strict=True)]
    )
    return len(styles)


def upsert_collections(
    conn: sqlite3.Connection,
    collections: Sequence[Collection],
    seen_at: float,
    age_keys: Sequence[int | None] | None = None,
) -> int:
    keys = list(age_keys) if age_keys is not None else [None] * len(collections)
    for collection, age_key in zip(collections, keys, strict=True):
        values = {
            "id": collection.id,
            "kind": collection.type.value if collection.type is not None else None,
            "name": collection.name,
            "public": int(collection.public),
            "use_count": collection.use_count,
            "age_key": age_key,
            "seen_at": seen_at,
            "data": _json(collection.model_dump(mode="json", exclude_none=True)),
        }
        conn.execute(_UPSERT_COLLECTION, values)
        conn.execute("DELETE FROM collection_members WHERE collection_id = ?", (collection.id,))
        conn.executemany(
            "INSERT INTO collection_members (collection_id, position, style_id, name) VALUES (?, ?, ?, ?)",
            [(collection.id, n, m.id, m.name) for n, m in enumerate(collection.styles)],
        )
    return len(collections)


def load_seen(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Put ``ids`` in a temporary table (a long IN list would hit SQLite's variable limit)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS seen_ids (id TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.execute("DELETE FROM temp.seen_ids")
    conn.executemany("INSERT OR IGNORE INTO temp.seen_ids (id) VALUES (?)", ((i,) for i in ids))


def mark_styles_gone(
    conn: sqlite3.Connection,
    kind: StyleKind,
    before: float,
    now: float,
    seen: tuple[str, Sequence[Any]] = (SEEN_TEMP, ()),
) -> int:
    """Mark gone every style of ``kind`` last seen before ``before`` and not in the ``seen`` subquery."""
    sql, params = seen
    cursor = conn.execute(_GONE_STYLES.format(seen=sql), (now, StyleKind(kind).value, before, *params))
    return cursor.rowcount


def mark_collections_gone(
    conn: sqlite3.Connection, before: float, now: float, seen: tuple[str, Sequence[Any]] = (SEEN_TEMP, ())
) -> int:
    sql, params = seen
    return conn.execute(_GONE_COLLECTIONS.format(seen=sql), (now, before, *params)).rowcount


def set_own_styles(conn: sqlite3.Connection, username: str, now: float) -> None:
    """Flag exactly the styles in ``temp.seen_ids`` as the signed-in user's (see :func:`load_seen`).

    A private style that is no longer the user's cannot be seen any more, so it is marked gone.
    """
    conn.execute(
        "UPDATE styles SET gone_at = ? WHERE mine = 1 AND public = 0 AND gone_at IS NULL "
        f"AND id NOT IN ({SEEN_TEMP})",
        (now,),
    )
    conn.execute(f"UPDATE styles SET mine = 0 WHERE mine = 1 AND id NOT IN ({SEEN_TEMP})")
    conn.execute(f"UPDATE styles SET mine = 1 WHERE mine = 0 AND id IN ({SEEN_TEMP})")
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('account', ?)", (username,))
