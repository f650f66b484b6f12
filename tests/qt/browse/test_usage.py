"""The detail pane's usage chart and the Rising sort, over a library that saw a week of syncs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import SortOrder, StyleLibrary
from horde_style_studio.ui.browse.page import BrowsePage

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def _style(name: str, uses: int, *, creator: str = "someone#9") -> ImageStyle:
    return ImageStyle.model_validate(
        {"id": f"id-{name}", "name": name, "prompt": "{p}###{np}", "use_count": uses, "creator": creator}
    )


@pytest.fixture
def library() -> Iterator[StyleLibrary]:
    library = StyleLibrary.in_memory()
    for day in range(10):
        styles = [_style("Old favourite", 5000), _style("Newcomer", 10 + 30 * day, creator="me#1")]
        library.upsert_styles(StyleKind.IMAGE, styles, T0 + timedelta(days=day))
    library.set_own_styles("me#1", ["id-Newcomer"])
    yield library
    library.close()


# The conftest's ``page`` is built over this module's ``library``.


def test_rising_puts_last_weeks_gains_first_and_the_chart_shows_them(qtbot: QtBot, page: BrowsePage) -> None:
    assert page.model.row_at(0).name == "Old favourite"  # type: ignore[union-attr]  # most used

    page.filters.sort.setCurrentIndex(page.filters.sort.findData(SortOrder.RISING))
    qtbot.waitUntil(lambda: page.model.row_at(0).name == "Newcomer")  # type: ignore[union-attr]
    page.styles_view.set_current_row(1)
    page.styles_view.set_current_row(0)
    qtbot.waitUntil(lambda: page.detail.current is not None and page.detail.current.name == "Newcomer")

    chart = page.detail.usage
    assert chart.plot is None  # pyqtgraph is loaded only once a chart is seen
    chart.ensure_plot()
    assert chart._curve.getData()[1].tolist() == [10 + 30 * day for day in range(10)]
    assert "+210 uses in the last 7 days" in chart.summary.text()
    assert "Earned you 560 kudos" in chart.summary.text()
