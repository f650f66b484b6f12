"""The Browse view mode (grid, list or table) is remembered between runs, in the settings file."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.settings import SettingsStore
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
