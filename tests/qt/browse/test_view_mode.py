"""The Browse view mode (grid, list or table), its filters, sort order and scope are remembered between
runs, in the settings file."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import SortOrder
from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.settings import SettingsStore
from horde_style_studio.ui.browse.filters import Scope
from horde_style_studio.ui.browse.results import ViewMode
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start, unreachable


def test_the_chosen_view_mode_comes_back_next_time(qtbot: QtBot, make_studio: StudioFactory) -> None:
    first = make_studio(unreachable())
    task = start(qtbot, first)
    assert first.browse_page.view_mode is ViewMode.GRID
    first.browse_page.filters.mode_action(ViewMode.TABLE).trigger()
    assert first.browse_page.styles_view.table.isVisible()
    assert close(qtbot, first, task) == 0
    assert SettingsStore.for_dirs(app_dirs()).load().settings.browse_view == "table"

    second = make_studio(unreachable())
    task = start(qtbot, second)
    assert second.browse_page.view_mode is ViewMode.TABLE
    assert second.browse_page.filters.mode_action(ViewMode.TABLE).isChecked()
    assert second.browse_page.styles_view.table.isVisible()
    assert second.browse_page.collections_view.mode is ViewMode.TABLE
    assert close(qtbot, second, task) == 0


def test_filters_sort_and_scope_come_back_next_time(qtbot: QtBot, make_studio: StudioFactory) -> None:
    first = make_studio(unreachable())
    task = start(qtbot, first)
    filters = first.browse_page.filters
    filters.sort.setCurrentIndex(filters.sort.findData(SortOrder.NEWEST))
    filters.kind.setCurrentIndex(filters.kind.findData(StyleKind.TEXT))
    filters.mine.click()
    filters.favourites.click()
    filters.scope_button(Scope.COLLECTIONS).click()
    assert close(qtbot, first, task) == 0

    second = make_studio(unreachable())
    task = start(qtbot, second)
    page = second.browse_page
    assert page.scope is Scope.COLLECTIONS
    assert page.filters.scope_button(Scope.COLLECTIONS).isChecked()
    assert page.filters.sort.currentData() == SortOrder.NEWEST
    assert page.filters.kind.currentData() == StyleKind.TEXT
    assert page.filters.mine.isChecked()
    query = page.presenter.query
    assert (query.sort, query.kind, query.mine_only, query.favourites_only) == (
        SortOrder.NEWEST, StyleKind.TEXT, True, True,
    )
    assert page.collections.query.sort is SortOrder.NEWEST
    assert close(qtbot, second, task) == 0

