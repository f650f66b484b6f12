"""The detail pane's usage chart and the Rising sort, over a library that saw a week of syncs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import SortOrder, StyleLibrary
from horde_style_studio.library.usage import UsePoint
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.usage_chart import (
    LINE_COLOUR,
    UsageChart,
    count_label,
    count_ticks,
    date_ticks,
)

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
    assert chart.plot.isVisibleTo(chart)
    assert [count for _, count in chart.plot.points] == [10 + 30 * day for day in range(10)]
    assert "+210 uses in the last 7 days" in chart.summary.text()
    assert "Earned you 560 kudos" in chart.summary.text()


def test_the_chart_draws_its_line_and_one_point_draws_none(qtbot: QtBot) -> None:
    chart = UsageChart()
    qtbot.addWidget(chart)
    chart.resize(480, 300)
    chart.show_usage([UsePoint(T0 + timedelta(days=day), 100 + 40 * day) for day in range(5)])
    image = chart.plot.grab().toImage()
    line = LINE_COLOUR.rgb()
    assert any(image.pixel(x, y) == line for x in range(image.width()) for y in range(image.height()))

    chart.show_usage([UsePoint(T0, 100)])
    assert not chart.plot.isVisibleTo(chart)
    assert "Not enough history yet" in chart.summary.text()


@pytest.mark.parametrize(("low", "high"), [(10, 280), (5000, 5000), (0, 1), (1234, 987_654), (-3, 7)])
def test_count_ticks_are_round_and_cover_every_count(low: int, high: int) -> None:
    ticks = count_ticks(low, high)
    assert ticks[0] <= low < high <= ticks[-1] or ticks[0] <= low == high < ticks[-1]
    assert 2 <= len(ticks) <= 6
    step = ticks[1] - ticks[0]
    assert str(step).rstrip("0") in {"1", "2", "5"}
    assert all(b - a == step for a, b in itertools.pairwise(ticks))


def test_count_labels_shorten_large_counts() -> None:
    assert [count_label(v) for v in (950, 4_000, 12_500, 3_000_000)] == ["950", "4,000", "12.5k", "3M"]


def test_date_ticks_fall_on_round_times_by_span() -> None:
    days, form = date_ticks(T0 + timedelta(hours=5), T0 + timedelta(days=9, hours=5), most=5)
    assert len(days) <= 5
    assert form == "%d %b"
    assert all(tick.hour == 0 and tick.minute == 0 for tick in days)
    assert days == sorted(days)

    hours, form = date_ticks(T0 + timedelta(minutes=10), T0 + timedelta(hours=5), most=6)
    assert form == "%H:%M"
    assert [tick.hour for tick in hours] == [1, 2, 3, 4, 5]

    minutes, form = date_ticks(T0 + timedelta(minutes=1), T0 + timedelta(minutes=19), most=5)
    assert [tick.minute for tick in minutes] == [5, 10, 15]

    ends, form = date_ticks(T0 + timedelta(minutes=1), T0 + timedelta(minutes=3), most=5)
    assert ends == [T0 + timedelta(minutes=1), T0 + timedelta(minutes=3)]  # no round time between

    months, form = date_ticks(T0, T0 + timedelta(days=700), most=5)
    assert form == "%b %Y"
    assert all(tick.day == 1 and (tick.month - 1) % 6 == 0 for tick in months)
