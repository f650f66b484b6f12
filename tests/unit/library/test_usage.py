"""Use counts over time: each sync records only the changes, and "Rising" ranks by the last 7 days."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.usage import kudos_earned
from horde_style_studio.library import SortOrder, StyleLibrary, StyleQuery
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.workflows.sync.library_sync import LibrarySync
from tests.unit.library.conftest import FakeClock, SessionFactory, image_style

DAY = 86400.0


async def _sync(library: StyleLibrary, session_for: SessionFactory, clock: FakeClock) -> None:
    await LibrarySync(session_for(), library, min_interval=0, clock=clock, hourly_limit=None).run()


def _public_image_ids(sandbox: SandboxApp) -> list[str]:
    return sorted(s.id for s in sandbox.state_store.styles.values() if s.kind == "image" and s.public)


async def test_syncs_record_only_changes_and_rising_ranks_the_last_week(
    tmp_path: Path, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    clock = FakeClock()
    library = StyleLibrary.open(tmp_path / "library.sqlite", clock=clock)
    try:
        await _sync(library, session_for, clock)
        quiet, steady, rising = _public_image_ids(sandbox)[:3]
        store = sandbox.state_store.styles
        start = {style_id: store[style_id].use_count for style_id in (quiet, steady, rising)}

        clock.now += 3 * DAY  # ten days ago, seen from the end: before the 7-day window
        store[steady].use_count += 500
        await _sync(library, session_for, clock)
        for _ in range(4):  # then every two days: only the rising one is used
            clock.now += 2 * DAY
            store[rising].use_count += 40
            await _sync(library, session_for, clock)

        assert [p.use_count for p in library.usage_history(quiet)] == [start[quiet]]
        assert [p.use_count for p in library.usage_history(steady)] == [start[steady], start[steady] + 500]
        assert [p.use_count for p in library.usage_history(rising)][-4:] == [
            start[rising] + 40 * n for n in range(1, 5)
        ]
        assert library.uses_gained(rising) == 160
        assert library.uses_gained(steady) == 0
        top = library.search(StyleQuery(sort=SortOrder.RISING, show_nsfw=True, limit=1))
        assert [row.id for row in top] == [rising]
    finally:
        library.close()


def test_kudos_earned_is_two_per_use() -> None:
    assert kudos_earned(37) == 74


def _library_without_usage(tmp_path: Path, version: int) -> Path:
    path = tmp_path / "library.sqlite"
    library = StyleLibrary.open(path)
    library.upsert_styles(StyleKind.IMAGE, [image_style("Kept", use_count=12)], datetime.now(UTC))
    library.close()
    conn = sqlite3.connect(path)
    for trigger in ("styles_ai_uses", "styles_au_uses", "styles_ad_uses"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE style_uses")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return path


def test_a_library_from_before_usage_trends_starts_its_history_from_what_it_holds(tmp_path: Path) -> None:
    path = _library_without_usage(tmp_path, 3)

    reopened = StyleLibrary.open(path)
    try:
        assert [point.use_count for point in reopened.usage_history("img-kept")] == [12]
    finally:
        reopened.close()


def test_a_library_made_on_main_with_keyset_paging_still_gets_usage_trends(tmp_path: Path) -> None:
    # Main numbered keyset paging 6 before usage trends was merged: such a library must not skip it.
    path = _library_without_usage(tmp_path, 6)

    reopened = StyleLibrary.open(path)
    try:
        assert reopened.recovered is None
        assert [point.use_count for point in reopened.usage_history("img-kept")] == [12]
    finally:
        reopened.close()
