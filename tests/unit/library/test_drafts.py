"""Drafts that survive anything, and the snapshots that let a patched or deleted style come back."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.drafts import MIGRATION_VERSION, Drafts
from horde_style_studio.library.history import History, SnapshotReason
from horde_style_studio.library.migrate import schema_version
from horde_style_studio.library.schema import MIGRATIONS
from tests.unit.library.conftest import FakeClock, image_style, text_style

PAYLOAD = {"name": "Noir Alley", "prompt": "{p}, film noir###{np}", "models": ["Deliberate"], "params": {}}


def test_a_draft_comes_back_whole_after_the_library_is_reopened(library_dir: Path) -> None:
    path = library_dir / "library.sqlite"
    library = StyleLibrary.open(path)
    draft_id = Drafts(library).save_draft(
        None,
        StyleKind.IMAGE,
        PAYLOAD,
        style_id="s-1",
        raw='{"name": "Noir',
        base={"name": "Old"},
        origin="Based on Noir by ink#5",
    )
    library.close()
    reopened = StyleLibrary.open(path)
    try:
        [draft] = Drafts(reopened).drafts()
    finally:
        reopened.close()
    assert (draft.id, draft.kind, draft.style_id, draft.payload) == (
        draft_id,
        StyleKind.IMAGE,
        "s-1",
        PAYLOAD,
    )
    assert (draft.raw, draft.base, draft.origin) == (
        '{"name": "Noir',
        {"name": "Old"},
        "Based on Noir by ink#5",
    )
    assert draft.name == "Noir Alley"


def test_saving_again_replaces_the_draft_and_keeps_when_it_was_started(library_dir: Path) -> None:
    clock = FakeClock()
    library = StyleLibrary.open(library_dir / "library.sqlite", clock=clock)
    drafts = Drafts(library)
    first = drafts.save_draft(None, StyleKind.TEXT, {"name": "Tale"})
    clock.now += 60
    other = drafts.save_draft(None, StyleKind.IMAGE, {"name": ""})
    clock.now += 60
    assert drafts.save_draft(first, StyleKind.TEXT, {"name": "Tale, longer"}) == first
    listed = drafts.drafts()
    library.close()
    assert [d.id for d in listed] == [first, other]  # the most recently edited first
    assert listed[0].payload == {"name": "Tale, longer"}
    assert (listed[0].updated_at - listed[0].created_at).total_seconds() == 120
    assert listed[1].name == "Untitled style"


def test_the_draft_for_a_style_is_found_and_removed(library: StyleLibrary) -> None:
    drafts = Drafts(library)
    draft_id = drafts.save_draft(None, StyleKind.IMAGE, PAYLOAD, style_id="s-9")
    found = drafts.draft_for_style("s-9")
    assert found is not None
    assert found.id == draft_id
    assert drafts.draft_for_style("s-10") is None
    drafts.delete_draft(draft_id)
    assert drafts.draft(draft_id) is None
    assert drafts.drafts() == []


def test_a_file_that_skipped_migration_2_gets_the_editor_tables(tmp_path: Path) -> None:
    # Migration 3 shipped before 2 existed: a file already at 3 never runs 2 (migrate() only goes up).
    path = tmp_path / "library.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS:
        if migration.version != MIGRATION_VERSION:
            conn.executescript(migration.sql)
    conn.execute(f"PRAGMA user_version = {MIGRATIONS[-1].version}")
    conn.close()
    library = StyleLibrary.open(path)
    try:
        assert library.recovered is None
        drafts = Drafts(library)
        drafts.save_draft(None, StyleKind.IMAGE, PAYLOAD)
        History(library).take_snapshot(image_style("Noir"), SnapshotReason.PATCH)
        assert len(drafts.drafts()) == 1
    finally:
        library.close()


def test_a_new_file_has_the_editor_tables_from_its_migration(library: StyleLibrary) -> None:
    assert library.path is not None
    conn = sqlite3.connect(library.path)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert schema_version(conn) == MIGRATIONS[-1].version
    finally:
        conn.close()
    assert {"style_drafts", "style_snapshots", "style_lineage"} <= tables


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from horde_style_studio.domain.base import StyleKind
    from horde_style_studio.library import StyleLibrary
    from horde_style_studio.library.drafts import Drafts

    drafts = Drafts(StyleLibrary.open(Path(sys.argv[1])))
    draft_id = None
    text = ""
    while True:
        text += "x" * 97
        draft_id = drafts.save_draft(draft_id, StyleKind.IMAGE, {"name": "Crash", "info": text})
        print(len(text), flush=True)
    """
)


def test_a_draft_written_before_a_sigkill_is_whole_and_not_older_than_the_last_commit(
    library_dir: Path,
) -> None:
    library_dir.mkdir(parents=True)
    path = library_dir / "library.sqlite"
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    assert child.stdout is not None
    committed = 0
    for line in child.stdout:
        committed = int(line)
        if committed > 97 * 200:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    library = StyleLibrary.open(path)
    try:
        [draft] = Drafts(library).drafts()
    finally:
        library.close()
    assert library.recovered is None  # the file was not damaged
    info = draft.payload["info"]
    assert set(info) == {"x"}
    assert len(info) % 97 == 0  # one whole version, never half of one
    assert len(info) >= committed  # nothing that was reported saved was lost


def test_snapshots_are_kept_newest_first_and_read_back_as_styles(library_dir: Path) -> None:
    clock = FakeClock()
    library = StyleLibrary.open(library_dir / "library.sqlite", clock=clock)
    history = History(library)
    before = image_style("Noir", params={"width": 512}, use_count=7)
    history.take_snapshot(before, SnapshotReason.PATCH)
    clock.now += 5
    history.take_snapshot(image_style("Noir", params={"width": 768}), SnapshotReason.DELETE)
    history.take_snapshot(text_style("Tale"), SnapshotReason.PATCH)
    first, second = history.history(before.id)
    library.close()
    assert (first.reason, second.reason) == (SnapshotReason.DELETE, SnapshotReason.PATCH)
    assert second.style() == before  # everything the server served, use count included
    assert (second.name, second.kind) == ("Noir", StyleKind.IMAGE)
    assert (first.taken_at - second.taken_at).total_seconds() == 5


def test_a_recreated_style_shares_the_history_of_the_one_it_replaced(library: StyleLibrary) -> None:
    history = History(library)
    old = text_style("Tale")
    history.take_snapshot(old, SnapshotReason.DELETE)
    history.link_recreated(old.id, "txt-new")
    newer = text_style("Tale").model_copy(update={"id": "txt-new"})
    history.take_snapshot(newer, SnapshotReason.PATCH)
    assert [s.style_id for s in history.history("txt-new")] == ["txt-new", old.id]
    assert [s.style_id for s in history.history(old.id)] == ["txt-new", old.id]
    assert history.was_deleted(old.id)
    assert not history.was_deleted("txt-new")
    assert [s.style_id for s in history.snapshots()] == ["txt-new", old.id]


def test_an_unreadable_snapshot_is_skipped_not_fatal(library: StyleLibrary) -> None:
    history = History(library)
    taken = history.take_snapshot(image_style("Noir"), SnapshotReason.PATCH)
    with library._db.write("test") as conn:
        conn.execute("UPDATE style_snapshots SET data = ? WHERE seq = ?", (json.dumps({"x": 1}), taken.seq))
    [snapshot] = history.history(taken.style_id)
    assert snapshot.style() is None


def test_the_live_successor_of_a_recreated_style_is_found(library: StyleLibrary) -> None:
    history = History(library)
    old = text_style("Tale")
    history.take_snapshot(old, SnapshotReason.DELETE)
    history.link_recreated(old.id, "txt-new")
    assert history.live_successor(old.id) == "txt-new"
    assert history.live_successor("txt-new") is None  # nothing replaced it
    history.take_snapshot(text_style("Tale").model_copy(update={"id": "txt-new"}), SnapshotReason.DELETE)
    assert history.live_successor(old.id) is None  # deleted in turn
