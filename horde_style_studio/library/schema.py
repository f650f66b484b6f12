"""The library's schema, as numbered migrations applied in order (``PRAGMA user_version`` counts them).

A new table or column is a new entry at the end of :data:`MIGRATIONS` (and a new
``library.migrate.LATEST_VERSION``); an entry is never edited once it has shipped, because users' files
already went through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str


_FTS_COLUMNS = "name, info, prompt, tags, models, creator"

# Styles are mirrored with a few indexed columns next to the JSON as the API shapes it. ``tags`` and
# ``models`` hold JSON arrays: FTS5 tokenises the punctuation away, and the triggers expand them into the
# facet tables, so no writer can forget to keep FTS and facets in step.
_STYLES = f"""
CREATE TABLE styles (
    sid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'text')),
    name TEXT NOT NULL,
    info TEXT NOT NULL DEFAULT '',
    prompt TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    models TEXT NOT NULL DEFAULT '[]',
    creator TEXT NOT NULL DEFAULT '',
    public INTEGER NOT NULL DEFAULT 1,
    nsfw INTEGER NOT NULL DEFAULT 0,
    use_count INTEGER NOT NULL DEFAULT 0,
    thumbnail TEXT,
    mine INTEGER NOT NULL DEFAULT 0,
    age_key INTEGER,
    first_seen_at REAL NOT NULL,
    seen_at REAL NOT NULL,
    gone_at REAL,
    data TEXT NOT NULL
);
CREATE INDEX styles_popular ON styles (use_count DESC);
CREATE INDEX styles_name ON styles (name COLLATE NOCASE);
CREATE INDEX styles_age ON styles (age_key);
CREATE TABLE style_tags (tag TEXT NOT NULL, sid INTEGER NOT NULL, PRIMARY KEY (tag, sid)) WITHOUT ROWID;
CREATE INDEX style_tags_sid ON style_tags (sid);
CREATE TABLE style_models (model TEXT NOT NULL, sid INTEGER NOT NULL, PRIMARY KEY (model, sid)) WITHOUT ROWID;
CREATE INDEX style_models_sid ON style_models (sid);
CREATE VIRTUAL TABLE style_fts USING fts5(
    {_FTS_COLUMNS},
    content = 'styles', content_rowid = 'sid',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
CREATE TRIGGER styles_ai AFTER INSERT ON styles BEGIN
    INSERT INTO style_fts (rowid, {_FTS_COLUMNS})
        VALUES (new.sid, new.name, new.info, new.prompt, new.tags, new.models, new.creator);
    INSERT OR IGNORE INTO style_tags (tag, sid) SELECT value, new.sid FROM json_each(new.tags);
    INSERT OR IGNORE INTO style_models (model, sid) SELECT value, new.sid FROM json_each(new.models);
END;
CREATE TRIGGER styles_ad AFTER DELETE ON styles BEGIN
    INSERT INTO style_fts (style_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.sid, old.name, old.info, old.prompt, old.tags, old.models, old.creator);
    DELETE FROM style_tags WHERE sid = old.sid;
    DELETE FROM style_models WHERE sid = old.sid;
END;
CREATE TRIGGER styles_au_text AFTER UPDATE OF {_FTS_COLUMNS} ON styles
WHEN old.name IS NOT new.name OR old.info IS NOT new.info OR old.prompt IS NOT new.prompt
  OR old.tags IS NOT new.tags OR old.models IS NOT new.models OR old.creator IS NOT new.creator
BEGIN
    INSERT INTO style_fts (style_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.sid, old.name, old.info, old.prompt, old.tags, old.models, old.creator);
    INSERT INTO style_fts (rowid, {_FTS_COLUMNS})
        VALUES (new.sid, new.name, new.info, new.prompt, new.tags, new.models, new.creator);
END;
CREATE TRIGGER styles_au_tags AFTER UPDATE OF tags ON styles WHEN old.tags IS NOT new.tags BEGIN
    DELETE FROM style_tags WHERE sid = old.sid;
    INSERT OR IGNORE INTO style_tags (tag, sid) SELECT value, new.sid FROM json_each(new.tags);
END;
CREATE TRIGGER styles_au_models AFTER UPDATE OF models ON styles WHEN old.models IS NOT new.models BEGIN
    DELETE FROM style_models WHERE sid = old.sid;
    INSERT OR IGNORE INTO style_models (model, sid) SELECT value, new.sid FROM json_each(new.models);
END;
"""

# §3: the server never tells who owns a collection and returns ``info`` as null, so only what it serves is
# kept; member order is the server's.
_COLLECTIONS = """
CREATE TABLE collections (
    id TEXT PRIMARY KEY,
    kind TEXT,
    name TEXT NOT NULL,
    public INTEGER NOT NULL DEFAULT 1,
    use_count INTEGER NOT NULL DEFAULT 0,
    age_key INTEGER,
    first_seen_at REAL NOT NULL,
    seen_at REAL NOT NULL,
    gone_at REAL,
    data TEXT NOT NULL
);
CREATE TABLE collection_members (
    collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    style_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (collection_id, position)
) WITHOUT ROWID;
CREATE INDEX collection_members_style ON collection_members (style_id);
"""

# Keyed by style id with no foreign key, so they outlive any sync (a style marked gone keeps its note).
_PERSONAL = """
CREATE TABLE favourites (style_id TEXT PRIMARY KEY, added_at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE notes (style_id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""

# A walk that was cancelled or cut short is resumed from ``walks``; ``walk_seen`` is what it has seen so far.
# ``request_log`` remembers list requests across restarts, for the 20-per-hour text list (§1).
_SYNC = """
CREATE TABLE walks (
    list TEXT PRIMARY KEY,
    started_at REAL NOT NULL,
    next_page INTEGER NOT NULL,
    paging TEXT NOT NULL,
    probe_id TEXT,
    pages INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE walk_seen (
    list TEXT NOT NULL, object_id TEXT NOT NULL, PRIMARY KEY (list, object_id)
) WITHOUT ROWID;
CREATE TABLE list_syncs (list TEXT PRIMARY KEY, refreshed_at REAL, completed_at REAL);
CREATE TABLE request_log (route TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX request_log_route ON request_log (route, at);
"""

# Indexes in the full order of each sort (query.py's terms), so that a page after a known style starts with
# one seek, however deep in the list (keyset paging), and a tie on the first term is no scan. They replace
# the one-column indexes they begin with. ``styles_filters`` covers the columns every browse filters on, so
# counting the matches (the count line, the facets) reads a few MB of index rather than every style's row.
_KEYSET_VERSION = 6  # 4 and 5 are taken on main by other branches (trials, usage trends)
# Written to run again over its own result: a library stepped back to an older version (or one that got the
# numbers out of order across merged branches) replays it, and a second CREATE of the same index must not
# fail the whole migration and leave the user on a temporary library.
_KEYSET = """
DROP INDEX IF EXISTS styles_popular;
DROP INDEX IF EXISTS styles_name;
DROP INDEX IF EXISTS styles_age;
CREATE INDEX IF NOT EXISTS styles_popular ON styles (use_count DESC, name COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS styles_least_used ON styles (use_count, name COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS styles_name ON styles (name COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS styles_age ON styles (IFNULL(age_key, 9223372036854775807), first_seen_at, id);
CREATE INDEX IF NOT EXISTS styles_filters ON styles (nsfw, kind, public, mine, gone_at, id);
"""

if TYPE_CHECKING:
    MIGRATIONS: tuple[Migration, ...]


def __getattr__(name: str) -> Any:
    """``MIGRATIONS``, built when first asked for (see LATEST_VERSION)."""
    if name == "MIGRATIONS":
        return migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration, oldest first: :data:`MIGRATIONS`."""
    from horde_style_studio.library import drafts, own_collections, trials, usage

    return (
        Migration(1, "mirror of styles and collections, favourites, notes, sync state", _STYLES
                  + _COLLECTIONS + _PERSONAL + _SYNC),
        Migration(drafts.MIGRATION_VERSION, drafts.MIGRATION_DESCRIPTION, drafts.MIGRATION_SQL),
        Migration(own_collections.MIGRATION_VERSION, own_collections.MIGRATION_DESCRIPTION,
                  own_collections.MIGRATION_SQL),
        Migration(trials.MIGRATION_VERSION, trials.MIGRATION_DESCRIPTION, trials.MIGRATION_SQL),
        Migration(_KEYSET_VERSION, "indexes in each sort's full order, for keyset paging", _KEYSET),
        Migration(usage.MIGRATION_VERSION, usage.MIGRATION_DESCRIPTION, usage.MIGRATION_SQL),
    )  # fmt: skip
