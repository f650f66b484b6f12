"""A refresh against a hostile or broken Horde hides nothing and deletes nothing (issue 14, items 1 and 3)."""

from __future__ import annotations

import pytest

from horde_style_studio.api.retry import RetryPolicy
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary, StyleQuery
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.sandbox.users import CURATOR
from horde_style_studio.workflows.sync.library_sync import LibrarySync, SyncReport, report_problems
from tests.unit.library.conftest import FakeClock, SessionFactory

IMAGES = r"/styles/image$"


def live_images(library: StyleLibrary) -> set[str]:
    return {r.id for r in library.search(StyleQuery(kind=StyleKind.IMAGE, show_nsfw=True, limit=None))}


def public_images(sandbox: SandboxApp) -> list[str]:
    return [s.id for s in sandbox.state_store.styles.values() if s.kind == "image" and s.public]


async def refresh(library: StyleLibrary, session_for: SessionFactory, **kw: object) -> SyncReport:
    sync = LibrarySync(session_for(), library, min_interval=0)
    return await sync.run(kinds=[StyleKind.IMAGE], collections=False, own_styles=False, **kw)  # type: ignore[arg-type]


@pytest.mark.logs_warning("skipped a row")
async def test_one_unreadable_row_on_page_one_marks_nothing_gone_and_is_reported(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    await refresh(library, session_for)
    before = live_images(library)
    assert len(before) >= 150
    sandbox.faults.add("bad_rows", method="GET", path=IMAGES, times=1, rows=3)

    report = await refresh(library, session_for)

    image = report.lists["image"]
    assert image.gone == 0
    assert live_images(library) == before  # the spoiled row kept as it was, nothing else touched
    assert image.seen == len(public_images(sandbox))
    assert len(image.unreadable) == 1
    spoiled = library.get_row(image.unreadable[0].id or "")
    assert spoiled is not None
    assert not spoiled.gone
    message = report_problems(report)
    assert message is not None
    assert spoiled.name in message


@pytest.mark.logs_warning("skipped a row")
async def test_a_row_that_is_not_even_an_object_does_not_end_the_walk(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    await refresh(library, session_for)
    before = live_images(library)
    sandbox.faults.add("bad_rows", method="GET", path=IMAGES, times=1, rows=0, replace=None)
    report = await refresh(library, session_for)
    assert report.lists["image"].gone == 0
    assert live_images(library) == before
    assert len(report.lists["image"].unreadable) == 1


async def test_a_refresh_that_would_mark_most_styles_gone_is_refused_until_confirmed(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    await refresh(library, session_for)
    before = live_images(library)
    hidden = public_images(sandbox)[: len(before) * 3 // 4]
    for style_id in hidden:
        sandbox.state_store.styles[style_id].public = False

    report = await refresh(library, session_for)

    image = report.lists["image"]
    assert image.gone == 0
    assert image.withheld_gone == len(hidden)
    assert not image.complete
    assert report.needs_confirmation
    assert live_images(library) == before
    message = report_problems(report)
    assert message is not None
    assert f"{len(hidden)}" in message

    confirmed = await refresh(library, session_for, confirm_gone=True)
    assert confirmed.lists["image"].gone == len(hidden)
    assert live_images(library) == before - set(hidden)


@pytest.mark.logs_warning("skipped a row")
async def test_a_ten_megabyte_name_is_refused_by_name_and_the_rest_of_the_page_is_kept(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    victim = public_images(sandbox)[30]
    sandbox.faults.add("huge_field", method="GET", path=IMAGES, times=None, ids=[victim], field="name")
    report = await refresh(library, session_for)
    image = report.lists["image"]
    assert len(image.unreadable) == 1
    refused = image.unreadable[0]
    assert refused.id == victim
    assert library.get_row(victim) is None
    assert live_images(library) == set(public_images(sandbox)) - {refused.id}
    assert library.path is not None
    files = library.path.parent.glob(library.path.name + "*")  # the WAL holds fresh pages too
    assert sum(f.stat().st_size for f in files) < 5 * 1024 * 1024
    message = report_problems(report)
    assert message is not None
    assert "name" in message
    assert len(message) < 1000


@pytest.mark.parametrize("value", ["inf", "1e400", "1e12"])
async def test_a_hostile_retry_after_defers_the_list_by_at_most_a_day(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp, value: str
) -> None:
    clock = FakeClock()
    sandbox.faults.add("rate_limit", method="GET", path=IMAGES, times=None, retry_after=value)
    sync = LibrarySync(session_for(retry=RetryPolicy(attempts=3), sleep=clock.sleep), library,
                       min_interval=0, clock=clock, sleep=clock.sleep)  # fmt: skip
    report = await sync.run(kinds=[StyleKind.IMAGE], collections=False, own_styles=False)
    image = report.lists["image"]
    assert not image.complete
    assert image.deferred_until is not None
    assert clock.now < image.deferred_until.timestamp() <= clock.now + 24 * 3600
    assert all(wait <= 24 * 3600 for wait in clock.sleeps)


async def test_an_own_style_the_app_refuses_is_kept_as_stored_and_named(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    private = next(s for s in sandbox.state_store.styles_of(CURATOR.id) if not s.public and s.kind == "image")
    sandbox.faults.add("huge_field", method="GET", path=rf"/styles/image/{private.id}$", times=None,
                       field="info", size=1_000_000)  # fmt: skip
    report = await LibrarySync(session_for(), library, min_interval=0).run()
    assert report.lists["image"].complete
    assert len(report.unreadable_own) == 1
    message = report_problems(report)
    assert message is not None
    assert private.name in message
    assert "info" in message
