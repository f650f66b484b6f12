"""The detail pane's usage chart and the Rising sort, over a library that saw a week of syncs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import SortOrder, StyleLibrary
from horde_style_studio.library.usage import UsePoint
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.usage_chart import LINE_COLOUR, UsageChart, count_step, date_format

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
    assert chart.plot is None  # Qt Charts is loaded only once a chart is seen
    plot = chart.ensure_plot()
    assert [point.y() for point in plot.dots.points()] == [10 + 30 * day for day in range(10)]
    assert not plot.view.isHidden()
    assert "+210 uses in the last 7 days" in chart.summary.text()
    assert "Earned you 560 kudos" in chart.summary.text()



def test_the_chart_draws_a_step_line_and_one_point_draws_none(qtbot: QtBot) -> None:
    chart = UsageChart()
    qtbot.addWidget(chart)
    chart.resize(480, 300)
    chart.show_usage([UsePoint(T0 + timedelta(days=day), 100 + 40 * day) for day in range(5)])
    chart.show()
    plot = chart.ensure_plot()
    # Each count holds until the next: a corner at the new time and the old count before each rise.
    assert [(p.x(), p.y()) for p in plot.line.points()][1:3] == [
        ((T0 + timedelta(days=1)).timestamp() * 1000, 100),
        ((T0 + timedelta(days=1)).timestamp() * 1000, 140),
    ]
    qtbot.waitExposed(plot.view)
    image = plot.view.grab().toImage()
    line = LINE_COLOUR.rgb()
    assert any(image.pixel(x, y) == line for x in range(image.width()) for y in range(image.height()))

    chart.show_usage([UsePoint(T0, 100)])
    assert plot.view.isHidden()
    assert "Not enough history yet" in chart.summary.text()


def test_date_labels_show_times_days_or_months_by_span() -> None:
    assert date_format(timedelta(hours=5)) == "HH:mm"
    assert date_format(timedelta(days=9)) == "d MMM"
    assert date_format(timedelta(days=700)) == "MMM yyyy"


def test_count_steps_are_round_whole_numbers_giving_at_most_four_parts() -> None:
    assert [count_step(span) for span in (0, 1, 4, 5, 9, 270, 987_654)] == [1, 1, 1, 2, 5, 100, 500_000]
