"""A small chart of one style's uses over time (Qt Charts, with a date axis), and what they earned."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from horde_style_studio.domain.usage import kudos_earned
from horde_style_studio.library.usage import RISING_DAYS, UsePoint

if TYPE_CHECKING:
    from PySide6.QtCharts import QChartView, QDateTimeAxis, QLineSeries, QScatterSeries, QValueAxis

CHART_HEIGHT = 220
LINE_COLOUR = QColor(64, 128, 220)
_TOO_FEW = "Not enough history yet: every library refresh that sees the count change adds a point."


def date_format(span: timedelta) -> str:
    """Qt's date format for the labels of an axis ``span`` long: times within a day, days within a year."""
    if span <= timedelta(days=1):
        return "HH:mm"
    if span <= timedelta(days=365):
        return "d MMM"
    return "MMM yyyy"


def count_step(span: int) -> int:
    """The round step (1, 2 or 5 times a power of ten) that cuts ``span`` uses into at most four parts:
    counts are whole, so no step is below 1."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if span <= 4 * step:
                return step
        power *= 10


@dataclass(frozen=True)
class UsePlot:
    """The parts of a built chart that each new history changes."""

    view: QChartView
    line: QLineSeries
    dots: QScatterSeries
    dates: QDateTimeAxis
    counts: QValueAxis

    def draw(self, points: Sequence[UsePoint]) -> None:
        # One point makes no line, and its axis would be a second wide: the words say it instead.
        self.view.setVisible(len(points) >= 2)
        # The axis counts milliseconds since the epoch; timestamp() honours the point's time zone.
        at = [p.at.timestamp() * 1000 for p in points]
        corners: list[QPointF] = []
        for index, point in enumerate(points):
            if index:  # a count holds until the next refresh saw it change: a step, not a slope
                corners.append(QPointF(at[index], points[index - 1].use_count))
            corners.append(QPointF(at[index], point.use_count))
        self.line.replace(corners)
        self.dots.replace([QPointF(x, p.use_count) for x, p in zip(at, points, strict=True)])
        if len(points) < 2:
            return
        self.dates.setFormat(date_format(points[-1].at - points[0].at))
        self.dates.setTickCount(min(len(points), 5))
        first_at, last_at = (QDateTime.fromMSecsSinceEpoch(int(ms)) for ms in (at[0], at[-1]))
        self.dates.setRange(first_at, last_at)
        low, high = min(p.use_count for p in points), max(p.use_count for p in points)
        step = count_step(high - low)
        bottom, top = low // step * step, max(-(-high // step), low // step + 1) * step
        # Ticks on round counts; a quarter step of room keeps the line off the axes.
        self.counts.setTickAnchor(bottom)
        self.counts.setTickInterval(step)
        self.counts.setRange(bottom - step / 4, top + step / 4)
        first, last = points[0].use_count, points[-1].use_count
        self.view.setAccessibleDescription(f"{len(points)} counts, from {first:,} to {last:,}")


class UsageChart(QWidget):
    """Uses over time as a step line (a count holds until the next sync saw it change), the gain of the
    last 7 days, and for the user's own styles the kudos earned (2 per use, §5).

    Qt Charts costs a moment to load, so the plot is built the first time the chart is shown, not when the
    app starts.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot: UsePlot | None = None
        self._points: list[UsePoint] = []
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.summary)
        self._layout.addStretch(1)

    def show_usage(self, points: Sequence[UsePoint], *, gained: int = 0, own: bool = False) -> None:
        self._points = list(points)
        if self.plot is not None:
            self.plot.draw(self._points)
        parts = [_TOO_FEW] if len(points) < 2 else []
        if points:
            parts.append(f"{gained:+,} uses in the last {RISING_DAYS} days.")
            if own:
                parts.append(f"Earned you {kudos_earned(points[-1].use_count):,} kudos (2 per use).")
        self.summary.setText(" ".join(parts))

    def ensure_plot(self) -> UsePlot:
        """The plot, built on first use."""
        if self.plot is None:
            self.plot = self._build_plot()
            self.plot.draw(self._points)
        return self.plot

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_plot()

    def _build_plot(self) -> UsePlot:
        # Imported here so that only a chart that is seen loads Qt Charts.
        from PySide6.QtCharts import (
            QChart,
            QChartView,
            QDateTimeAxis,
            QLineSeries,
            QScatterSeries,
            QValueAxis,
        )

        chart = QChart()
        chart.legend().hide()
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(0, 4, 8, 0))
        line, dots = QLineSeries(), QScatterSeries()
        line.setPen(QPen(LINE_COLOUR, 2))
        dots.setColor(LINE_COLOUR)
        dots.setBorderColor(LINE_COLOUR)
        dots.setMarkerSize(6)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlphaF(0.25)
        dates, counts = QDateTimeAxis(), QValueAxis()
        counts.setLabelFormat("%d")
        counts.setTickType(QValueAxis.TickType.TicksDynamic)
        counts.setGridLineColor(grid)
        dates.setGridLineVisible(False)
        for axis, side in ((dates, Qt.AlignmentFlag.AlignBottom), (counts, Qt.AlignmentFlag.AlignLeft)):
            axis.setLabelsColor(text)
            axis.setLinePenColor(text)
            chart.addAxis(axis, side)
        for series in (line, dots):
            chart.addSeries(series)
            series.attachAxis(dates)
            series.attachAxis(counts)
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setFixedHeight(CHART_HEIGHT)
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        view.setAccessibleName("Uses over time")
        view.setStyleSheet("background: transparent")
        self._layout.insertWidget(0, view)
        return UsePlot(view, line, dots, dates, counts)
