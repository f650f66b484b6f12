"""The user's own collections: remembered per account across restarts, with the state last saved (§3, B6)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.migrate import migrate
from horde_style_studio.library.own_collections import (
    MIGRATION_VERSION,
    MemberRef,
    Origin,
    OwnCollections,
    OwnCollectionState,
)
from horde_style_studio.library.schema import MIGRATIONS, Migration
from tests.unit.library.conftest import T0, FakeClock

ME = "sandbox_user#2"
OTHER = "sandbox_curator#1"
NOIR = MemberRef("s-1", "inkwell_atelier#5::style::Noir Alley")
NEON = MemberRef("s-2", "lumen_forge#6::style::Neon Rain")


def _state(
    name: str = "Rainy Cities",
    *members: MemberRef,
    kind: StyleKind | None = None,
    info: str = "",
    public: bool = True,
) -> OwnCollectionState:
    return OwnCollectionState(name, kind, info, public, members or (NOIR, NEON))


def test_a_created_collection_keeps_what_the_server_would_forget(library: StyleLibrary) -> None:
    own = OwnCollections(library)
    state = _state(kind=StyleKind.IMAGE, info="Wet streets at night.", public=False)
    own.remember_collection(ME, "c-1", state)
    [found] = own.own_collections(ME)
    assert (found.id, found.origin, found.state, found.gone) == ("c-1", Origin.CREATED, state, False)
    assert found.state.info == "Wet streets at night."  # §3: never returned by the server
    assert found.state.members == (NOIR, NEON)  # in the order the user built it


def test_each_account_sees_only_its_own(library: StyleLibrary) -> None:
    own = OwnCollections(library)
    own.remember_collection(ME, "c-1", _state("Mine"))
    own.remember_collection(OTHER, "c-2", _state("Theirs"), Origin.FOUND)
    assert [c.name for c in own.own_collections(ME)] == ["Mine"]
    assert [c.name for c in own.own_collections(OTHER)] == ["Theirs"]
    assert own.own_collection(ME, "c-2") is None
    assert own.own_collection_ids(OTHER) == {"c-2"}


def test_saving_again_replaces_the_state_but_keeps_origin_and_first_date(library_dir: Path) -> None:
    clock = FakeClock()
    library = StyleLibrary.open(library_dir / "library.sqlite", clock=clock)
    own = OwnCollections(library)
    own.remember_collection(ME, "c-1", _state("Found One"), Origin.FOUND)
    clock.now += 120
    renamed = own.remember_collection(ME, "c-1", _state("Renamed", NEON))
    assert renamed.origin is Origin.FOUND
    assert renamed.added_at == T0
    assert renamed.saved_at.timestamp() == T0.timestamp() + 120
    assert renamed.state.members == (NEON,)
    assert own.own_collection_named(ME, "Renamed") == renamed
    assert own.own_collection_named(ME, "Found One") is None
    library.close()


def test_a_collection_the_server_lost_is_kept_flagged_until_forgotten(library: StyleLibrary) -> None:
    own = OwnCollections(library)
    own.remember_collection(ME, "c-1", _state("Lost"))
    own.remember_collection(ME, "c-2", _state("Kept"))
    own.mark_own_collection_gone(ME, "c-1")
    assert [c.name for c in own.own_collections(ME, include_gone=False)] == ["Kept"]
    lost = own.own_collection(ME, "c-1")
    assert lost is not None
    assert lost.gone
    assert own.own_collection_named(ME, "Lost") is None
    own.forget_collection(ME, "c-1")
    assert own.own_collection(ME, "c-1") is None
    assert [c.name for c in own.own_collections(ME)] == ["Kept"]


def test_saving_a_gone_collection_again_brings_it_back(library: StyleLibrary) -> None:
    own = OwnCollections(library)
    own.remember_collection(ME, "c-1", _state())
    own.mark_own_collection_gone(ME, "c-1")
    assert not own.remember_collection(ME, "c-1", _state()).gone


def test_a_new_library_on_the_same_file_still_lists_the_collection(library_dir: Path) -> None:
    path = library_dir / "library.sqlite"
    first = StyleLibrary.open(path)
    OwnCollections(first).remember_collection(ME, "c-1", _state(kind=StyleKind.IMAGE, info="kept"))
    first.close()
    again = StyleLibrary.open(path)
    assert again.recovered is None
    [found] = OwnCollections(again).own_collections(ME)
    assert (found.id, found.state.info, found.state.kind) == ("c-1", "kept", StyleKind.IMAGE)
    again.close()


def test_a_file_from_before_the_migration_gains_the_table_and_keeps_its_data(library_dir: Path) -> None:
    path = library_dir / "library.sqlite"
    older = [m for m in MIGRATIONS if m.version < MIGRATION_VERSION]
    _create_with(path, older)
    library = StyleLibrary.open(path)
    assert library.recovered is None
    assert library.note("s-1") == "an old note"
    OwnCollections(library).remember_collection(ME, "c-1", _state())
    assert len(OwnCollections(library).own_collections(ME)) == 1
    library.close()


def test_damaged_member_lists_read_as_empty(library: StyleLibrary) -> None:
    own = OwnCollections(library)
    own.remember_collection(ME, "c-1", _state())
    with library._db.write("test") as conn:
        conn.execute("UPDATE own_collections SET members = 'not json'")
    found = own.own_collection(ME, "c-1")
    assert found is not None
    assert found.state.members == ()


def test_the_migration_sits_in_order_in_the_library_list() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions == sorted(versions)
    assert MIGRATION_VERSION in versions


def _create_with(path: Path, migrations: list[Migration]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, migrations)
    conn.execute("INSERT INTO notes (style_id, body, updated_at) VALUES ('s-1', 'an old note', 0)")
    conn.close()
