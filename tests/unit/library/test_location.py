"""One library per server: readable, stable file names, and the older single library moved into place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary, StyleQuery
from horde_style_studio.library.location import (
    adopt_legacy_library,
    legacy_library_path,
    library_path,
    server_identity,
    server_library_name,
)
from tests.unit.library.conftest import T0, image_style


@pytest.mark.parametrize(
    "spelling",
    ["https://aihorde.net/api", "https://AIHorde.net/api/", " HTTPS://aihorde.net:443/api ",
     "https://user:secret@aihorde.net/api", "https://aihorde.net/api?apikey=0000000000#top"],
)  # fmt: skip
def test_spellings_of_one_server_share_one_library(spelling: str) -> None:
    assert server_identity(spelling) == "https://aihorde.net/api"
    assert server_library_name(spelling) == server_library_name("https://aihorde.net/api")


def test_the_name_shows_the_host_and_never_a_secret_or_query() -> None:
    name = server_library_name("https://me:hunter2@stablehorde.net/api?apikey=0123456789")
    assert name.startswith("stablehorde.net-")
    assert "hunter2" not in name
    assert "0123456789" not in name
    assert "?" not in name
    assert len(name.rsplit("-", 1)[1]) == 10


@pytest.mark.parametrize(
    ("one", "other"),
    [("https://aihorde.net/api", "https://aihorde.net/api2"),
     ("http://127.0.0.1:7001/api", "http://127.0.0.1:7002/api"),
     ("http://aihorde.net/api", "https://aihorde.net/api")],
)  # fmt: skip
def test_different_servers_get_different_files(tmp_path: Path, one: str, other: str) -> None:
    assert library_path(tmp_path, server_url=one) != library_path(tmp_path, server_url=other)


def test_a_local_port_is_part_of_the_readable_name(tmp_path: Path) -> None:
    path = library_path(tmp_path, server_url="http://127.0.0.1:9/api")
    assert path.parent == tmp_path / "libraries"
    assert path.name.startswith("127.0.0.1-9-")
    assert path.suffix == ".sqlite"


def test_a_named_server_gets_its_name_as_file_name(tmp_path: Path) -> None:
    assert library_path(tmp_path, name="sandbox-v5_1_5") == tmp_path / "libraries" / "sandbox-v5-1-5.sqlite"
    with pytest.raises(TypeError):
        library_path(tmp_path)


def test_not_a_server_url_is_refused() -> None:
    with pytest.raises(ValueError, match="not a server URL"):
        server_identity("aihorde.net/api")


def _old_library(data: Path) -> None:
    old = StyleLibrary.open(legacy_library_path(data))
    old.upsert_styles(StyleKind.IMAGE, [image_style("Kept")], T0)
    old.set_favourite("img-kept")
    old.set_note("img-kept", "use with portraits")
    old.close()


def test_the_old_library_moves_to_the_configured_server_with_everything_in_it(tmp_path: Path) -> None:
    _old_library(tmp_path)
    library = StyleLibrary.open_in(tmp_path, server_url="https://aihorde.net/api")
    assert library.path == library_path(tmp_path, server_url="https://aihorde.net/api")
    assert [row.name for row in library.search(StyleQuery())] == ["Kept"]
    assert library.is_favourite("img-kept")
    assert library.note("img-kept") == "use with portraits"
    library.close()
    assert not legacy_library_path(tmp_path).exists()
    other = StyleLibrary.open_in(tmp_path, server_url="https://other.example/api")
    assert other.search(StyleQuery()) == []
    assert not other.is_favourite("img-kept")
    other.close()


def test_what_only_the_write_ahead_log_held_moves_too(tmp_path: Path) -> None:
    path = legacy_library_path(tmp_path)
    StyleLibrary.open(path).close()
    # A copy that crashed: its last commit is still in the WAL file, not in the database file.
    crashed = sqlite3.connect(path, isolation_level=None)
    crashed.execute("PRAGMA wal_autocheckpoint = 0")
    crashed.execute("INSERT INTO favourites (style_id, added_at) VALUES ('img-late', 0)")
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    target = library_path(tmp_path, name="sandbox")
    assert adopt_legacy_library(tmp_path, target) == path
    crashed.close()
    library = StyleLibrary.open(target)
    assert library.is_favourite("img-late")
    library.close()


def test_an_existing_library_is_never_overwritten(tmp_path: Path) -> None:
    target = library_path(tmp_path, server_url="https://aihorde.net/api")
    newer = StyleLibrary.open(target)
    newer.set_favourite("img-newer")
    newer.close()
    _old_library(tmp_path)
    assert adopt_legacy_library(tmp_path, target) is None
    assert legacy_library_path(tmp_path).is_file()
    library = StyleLibrary.open(target)
    assert library.is_favourite("img-newer")
    assert not library.is_favourite("img-kept")
    library.close()


def test_nothing_to_move_leaves_nothing_behind(tmp_path: Path) -> None:
    target = library_path(tmp_path, name="sandbox")
    assert adopt_legacy_library(tmp_path, target) is None
    assert not (tmp_path / "libraries").exists()
