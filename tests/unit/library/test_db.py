"""The library file: migrations, reopening, and a damaged, newer or locked file (reported, never a crash)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import LibraryError, StyleLibrary, StyleQuery, Trouble
from horde_style_studio.library.migrate import LATEST_VERSION, migrate, schema_version
from horde_style_studio.library.opening import open_database
from horde_style_studio.library.schema import MIGRATIONS, Migration
from tests.unit.library.conftest import T0, image_style

TABLES = {"styles", "style_fts", "style_tags", "style_models", "collections", "collection_members",
          "favourites", "notes", "walks", "walk_seen", "list_syncs", "request_log", "meta"}  # fmt: skip


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {row[0] for row in rows}


def _version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def test_an_empty_v0_file_is_migrated_to_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    path.touch()
    library = StyleLibrary.open(path)
    library.close()
    assert library.recovered is None
    assert _version(path) == LATEST_VERSION
    assert _tables(path) >= TABLES


def test_the_spelled_out_latest_version_is_the_newest_migration() -> None:
    # Opening an up-to-date library trusts LATEST_VERSION without building MIGRATIONS (issue 18).
    assert LATEST_VERSION == MIGRATIONS[-1].version == max(m.version for m in MIGRATIONS)


def test_the_data_dir_gets_the_library_file_and_is_created(tmp_path: Path) -> None:
    library = StyleLibrary.open_in(tmp_path / "not-yet-made", name="sandbox")
    assert library.path == tmp_path / "not-yet-made" / "libraries" / "sandbox.sqlite"
    library.close()
    assert (tmp_path / "not-yet-made" / "libraries" / "sandbox.sqlite").is_file()


def test_reopening_keeps_styles_favourites_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "library.sqlite"
    first = StyleLibrary.open(path)
    first.upsert_styles(StyleKind.IMAGE, [image_style("Kept")], T0)
    first.set_favourite("img-kept")
    first.set_note("img-kept", "use with portraits")
    first.close()
    again = StyleLibrary.open(path)
    assert [row.name for row in again.search(StyleQuery())] == ["Kept"]
    assert again.is_favourite("img-kept")
    assert again.note("img-kept") == "use with portraits"
    again.close()


def test_the_file_is_in_wal_mode(library: StyleLibrary) -> None:
    assert library.path is not None
    with sqlite3.connect(library.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_later_migration_runs_once_and_a_failing_one_changes_nothing(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.sqlite", isolation_level=None)
    extra = Migration(LATEST_VERSION + 1, "drafts", "CREATE TABLE drafts (id TEXT PRIMARY KEY);")
    assert migrate(conn, [*MIGRATIONS, extra]) == len(MIGRATIONS) + 1
    assert migrate(conn, [*MIGRATIONS, extra]) == 0
    broken = Migration(extra.version + 1, "broken", "CREATE TABLE half (x);\nCREATE TABLE drafts (id);")
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, [*MIGRATIONS, extra, broken])
    assert schema_version(conn) == extra.version
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    conn.close()


def test_a_damaged_file_is_moved_aside_and_a_new_library_started(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    path.write_bytes(b"this is not a database, just garbage " * 200)
    library = StyleLibrary.open(path)
    recovered = library.recovered
    assert recovered is not None
    assert recovered.trouble is Trouble.CORRUPT
    assert recovered.moved_to is not None
    assert recovered.moved_to.name.startswith("library.sqlite.corrupt-")
    assert recovered.moved_to.read_bytes().startswith(b"this is not a database")
    assert recovered.moved_to.name in recovered.message
    assert "damaged" in recovered.message
    library.upsert_styles(StyleKind.IMAGE, [image_style("Fresh")], T0)
    assert library.count(StyleQuery()) == 1
    assert library.path == path
    library.close()


def test_damage_inside_a_real_database_is_found_and_recovered(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    library = StyleLibrary.open(path)
    library.upsert_styles(
        StyleKind.IMAGE, [image_style(f"Style {n}", info="x" * 3000) for n in range(40)], T0
    )
    library.close()
    raw = bytearray(path.read_bytes())
    raw[4096 * 3 : 4096 * 6] = b"\xff" * (4096 * 3)  # overwrite pages in the middle, keep the header
    path.write_bytes(bytes(raw))
    again = StyleLibrary.open(path)
    assert again.recovered is not None
    assert again.recovered.trouble is Trouble.CORRUPT
    assert again.count(StyleQuery()) == 0
    again.close()


def test_a_file_from_a_newer_app_is_kept_aside_untouched(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    library = StyleLibrary.open(path)
    assert library.recovered is not None
    assert library.recovered.trouble is Trouble.NEWER
    assert library.recovered.moved_to is not None
    assert _version(library.recovered.moved_to) == LATEST_VERSION + 5
    assert _version(path) == LATEST_VERSION
    library.close()


@pytest.fixture
def held_file(tmp_path: Path) -> tuple[Path, sqlite3.Connection]:
    """A library file another process holds an exclusive lock on."""
    path = tmp_path / "library.sqlite"
    StyleLibrary.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('holder', 'yes')")
    return path, holder


def test_a_locked_file_is_left_alone_and_a_temporary_library_used(
    held_file: tuple[Path, sqlite3.Connection],
) -> None:
    path, holder = held_file
    library = StyleLibrary.open(path, busy_timeout=0.05)
    recovered = library.recovered
    assert recovered is not None
    assert recovered.trouble is Trouble.LOCKED
    assert recovered.temporary
    assert recovered.moved_to is None
    assert "another copy" in recovered.message
    assert library.path is None
    library.upsert_styles(StyleKind.IMAGE, [image_style("In memory")], T0)
    assert library.count(StyleQuery()) == 1
    library.close()
    holder.execute("COMMIT")
    holder.close()
    assert sorted(p.name for p in path.parent.iterdir() if "corrupt" in p.name) == []


def test_a_write_that_meets_a_lock_raises_a_library_error(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    library = StyleLibrary.open(path, busy_timeout=0.05)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    with pytest.raises(LibraryError) as caught:
        library.set_favourite("anything")
    assert caught.value.trouble is Trouble.LOCKED
    assert "another copy" in str(caught.value)
    holder.execute("ROLLBACK")
    holder.close()
    library.set_favourite("anything")
    assert library.is_favourite("anything")
    library.close()


def test_an_unwritable_location_falls_back_to_a_temporary_library(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")
    db, recovered = open_database(blocker / "library.sqlite")
    assert recovered is not None
    assert recovered.trouble is Trouble.UNREADABLE
    assert recovered.temporary
    assert db.path is None
    db.close()


async def test_a_read_after_closing_fails_and_leaves_no_thread_behind(tmp_path: Path) -> None:
    library = StyleLibrary.open(tmp_path / "library.sqlite")
    await library.count_in_background(StyleQuery())
    library.close()
    before = set(threading.enumerate())
    with pytest.raises(LibraryError):
        await library.count_in_background(StyleQuery())
    assert set(threading.enumerate()) <= before


async def test_damage_found_after_opening_moves_the_file_aside_and_carries_on_with_a_fresh_one(
    tmp_path: Path,
) -> None:
    # The app opens its library without reading every page (over 200 ms at 100,000 styles) and looks for
    # damage on the reader thread once the window is up.
    path = tmp_path / "library.sqlite"
    library = StyleLibrary.open(path)
    library.upsert_styles(
        StyleKind.IMAGE, [image_style(f"Style {n}", info="x" * 3000) for n in range(40)], T0
    )
    library.close()
    sound = StyleLibrary.open(path, check=False)
    assert await sound.check_in_background() is None
    assert sound.recovered is None
    sound.close()
    raw = bytearray(path.read_bytes())
    raw[4096 * 3 : 4096 * 6] = b"\xff" * (4096 * 3)
    path.write_bytes(bytes(raw))
    damaged = StyleLibrary.open(path, check=False)
    assert damaged.recovered is None
    recovered = await damaged.check_in_background()
    assert recovered is not None
    assert damaged.recovered is recovered
    assert recovered.trouble is Trouble.CORRUPT
    assert recovered.moved_to is not None
    assert recovered.moved_to.name.startswith("library.sqlite.corrupt-")
    assert damaged.count(StyleQuery()) == 0
    damaged.upsert_styles(StyleKind.IMAGE, [image_style("Fresh")], T0)
    assert damaged.count(StyleQuery()) == 1
    damaged.close()
