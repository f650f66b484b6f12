"""Bulk edits from Browse's multi-selection: queued, shown with progress, undone from History."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.health import HealthKind
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.bulk_queue import BulkJobState, ItemState
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.browse.bulk_panel import BulkPanel
from horde_style_studio.ui.browse.bulk_presenter import BulkPresenter
from horde_style_studio.ui.browse.health import HealthPresenter
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.presenter import BrowsePresenter
from horde_style_studio.ui.shared.row_model import HEALTH_ROLE
from horde_style_studio.workflows.health import HealthChecker

BASE = "http://sandbox.test/api"


@pytest.fixture
def sandbox() -> SandboxApp:
    return create_app("modern")


@pytest.fixture
def library(sandbox: SandboxApp) -> Iterator[StyleLibrary]:
    library = StyleLibrary.in_memory()

    async def fill() -> None:
        transport = httpx.ASGITransport(app=sandbox)
        async with HordeClientSession(BASE, api_key=CUSTOMIZER_KEY, transport=transport) as session:
            library.upsert_styles(
                StyleKind.IMAGE, await session.list_styles(StyleKind.IMAGE), datetime.now(UTC)
            )
            user = await session.find_user()
            for ref in user.styles:
                style = await session.get_style(ref.type, ref.id)
                library.upsert_styles(ref.type, [style], datetime.now(UTC), mine=True)
            library.set_own_styles(user.username, [ref.id for ref in user.styles])

    asyncio.run(fill())
    yield library
    library.close()


@pytest.fixture
def page(
    qtbot: QtBot, library: StyleLibrary, sandbox: SandboxApp, tasks: TaskRegistry
) -> Iterator[BrowsePage]:
    session = HordeClientSession(
        BASE, api_key=CUSTOMIZER_KEY, transport=httpx.ASGITransport(app=sandbox), retry=NO_RETRY
    )
    bulk = BulkPresenter(lambda: session, library, tasks)
    page = BrowsePage(BrowsePresenter(library), None, bulk=bulk)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.filters.mine.setChecked(True)
    page.refresh()
    yield page
    tasks.start(session.aclose())


def _select_first(page: BrowsePage, count: int) -> list[str]:
    view = page.styles_view
    view.set_current_row(0)
    selection = view.list.selectionModel()
    for row in range(1, count):
        selection.select(view.adapter.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
    return [target.style_id for target in page.own_selection()]


def _tags(library: StyleLibrary, style_id: str) -> list[str]:
    style = library.get_style(style_id)
    assert style is not None
    return sorted(style.tags)


def test_a_bulk_retag_from_the_menu_runs_shows_progress_and_undoes(
    qtbot: QtBot, page: BrowsePage, library: StyleLibrary
) -> None:
    chosen = _select_first(page, 3)
    assert len(chosen) == 3
    before = {style_id: _tags(library, style_id) for style_id in chosen}
    button, panel = page.bulk_button, page.bulk_panel
    assert button is not None
    assert panel is not None
    button.ask = lambda _title, _label: "bulk-ui, second"

    button.menu().actions()[0].trigger()  # "Add tags…"

    assert not panel.isHidden()
    qtbot.waitUntil(lambda: "done" in panel.jobs.currentText(), timeout=10_000)
    assert panel.model.rowCount() == 3
    assert panel.progress.value() == 3
    for style_id in chosen:
        assert {"bulk-ui", "second"} <= set(_tags(library, style_id))  # the library's copy follows at once

    panel.undo.click()

    qtbot.waitUntil(
        lambda: "Restore" in panel.jobs.currentText() and "done" in panel.jobs.currentText(), timeout=10_000
    )
    assert page.bulk is not None
    (undo, retag) = page.bulk.jobs()[:2]
    assert (undo.state, undo.counts) == (BulkJobState.DONE, {ItemState.DONE: 3})
    assert retag.state is BulkJobState.DONE
    assert {style_id: _tags(library, style_id) for style_id in chosen} == before


def test_other_peoples_styles_are_never_targets(qtbot: QtBot, page: BrowsePage) -> None:
    page.filters.mine.setChecked(False)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    rows = [page.model.row_at(n) for n in range(page.model.rowCount())]
    theirs = next(n for n, row in enumerate(rows) if row is not None and not row.mine)
    page.styles_view.set_current_row(theirs)

    assert page.own_selection() == []


def test_own_cards_carry_health_badges_and_others_none(qtbot: QtBot, library: StyleLibrary) -> None:
    page = BrowsePage(BrowsePresenter(library), None, health=HealthPresenter(library))
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)

    badges = {}
    for n in range(page.model.rowCount()):
        row = page.model.row_at(n)
        assert row is not None
        badges[row.id] = (row.mine, page.model.index(n).data(HEALTH_ROLE))
    assert all(issues == [] for mine, issues in badges.values() if not mine)
    sick = [issues for mine, issues in badges.values() if mine and issues]
    assert sick, "the sandbox curator has styles without examples"
    kinds = {issue.kind for issues in sick for issue in issues}
    assert HealthKind.NO_EXAMPLES in kinds
    first_sick = next(n for n in range(page.model.rowCount()) if page.model.index(n).data(HEALTH_ROLE))
    assert "⚠" in page.model.index(first_sick).data(Qt.ItemDataRole.ToolTipRole)


def test_in_the_app_own_cards_get_their_badges_once_the_server_side_is_up(
    qtbot: QtBot, library: StyleLibrary
) -> None:
    """The app's first page paints before the style models load (issue 18); its badges follow then."""
    health = HealthPresenter(library, until_attached=True)
    page = BrowsePage(BrowsePresenter(library), None, health=health)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)

    def badges() -> list[object]:
        return [page.model.index(n).data(HEALTH_ROLE) for n in range(page.model.rowCount())]

    assert not any(badges())
    health.attach(HealthChecker(HordeClientSession(BASE)))
    assert any(badges()), "the sandbox curator has styles without examples"


def test_a_job_left_unfinished_shows_its_panel_when_browse_opens(
    qtbot: QtBot, library: StyleLibrary, tasks: TaskRegistry
) -> None:
    bulk = BulkPresenter(lambda: HordeClientSession(BASE), library, tasks)
    job_id = bulk.queue.enqueue({"kind": "noop"}, "Left over", [])
    bulk.queue.set_job_state(job_id, BulkJobState.PAUSED)  # a quit half-way, the user paused it
    page = BrowsePage(BrowsePresenter(library), None, bulk=bulk)
    qtbot.addWidget(page)
    page.show()

    panel = page.bulk_panel
    assert panel is not None
    assert panel.isVisible()
    assert panel.current_job() == job_id


def test_a_job_started_elsewhere_brings_up_the_panel(qtbot: QtBot, page: BrowsePage) -> None:
    page.show()
    assert page.bulk is not None
    job_id = page.bulk.queue.enqueue({"kind": "noop"}, "From elsewhere", [])
    page.bulk.changed.emit(job_id)  # what the presenter says of a job it queued

    panel = page.bulk_panel
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    assert panel.current_job() == job_id


def test_browse_opens_without_the_panel_when_every_job_has_ended(
    qtbot: QtBot, library: StyleLibrary, tasks: TaskRegistry
) -> None:
    bulk = BulkPresenter(lambda: HordeClientSession(BASE), library, tasks)
    ended = [bulk.queue.enqueue({"kind": "noop"}, "Ended", []) for _ in range(2)]
    bulk.queue.set_job_state(ended[0], BulkJobState.DONE)
    bulk.queue.set_job_state(ended[1], BulkJobState.CANCELLED)
    page = BrowsePage(BrowsePresenter(library), None, bulk=bulk)
    qtbot.addWidget(page)
    page.show()

    assert page.findChildren(BulkPanel) == []
    bulk.changed.emit(ended[1])  # news of a job Browse opened with does not bring the panel up...
    assert page.findChildren(BulkPanel) == []
    newer = bulk.queue.enqueue({"kind": "noop"}, "Newer", [])
    bulk.changed.emit(newer)  # ...news of a newer one does
    qtbot.waitUntil(lambda: [panel.isVisible() for panel in page.findChildren(BulkPanel)] == [True])
