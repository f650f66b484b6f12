"""A small chart of one style's uses over time (a step line over a date axis), and what they earned."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from horde_style_studio.domain.usage import kudos_earned
from horde_style_studio.library.usage import RISING_DAYS, UsePoint

CHART_HEIGHT = 220
LINE_COLOUR = QColor(64, 128, 220)
_TOO_FEW = "Not enough history yet: every library refresh that sees the count change adds a point."
_AXIS_WIDTH = 46  # room for "12.5k" left of the plot
_MARGIN = 8
_DOT_RADIUS = 2.5
_MIN_LABEL_GAP = 60  # pixels from one date label to the next, so "30 Nov" never touches "2 Dec"


@dataclass(frozen=True)
class _DateStep:
    """A spacing of the date axis: ticks ``minutes`` or ``months`` apart, labelled by ``form``."""

    minutes: int = 0
    months: int = 0
    form: str = "%d %b"

    @property
    def approx(self) -> timedelta:
        return timedelta(minutes=self.minutes, days=30.44 * self.months)


_DAY = 24 * 60
# From two refreshes minutes apart to a style followed for years; the first whose labels fit is used.
_DATE_STEPS = (
    *(_DateStep(minutes=m, form="%H:%M") for m in (5, 10, 15, 30, 60, 180, 360, 720)),
    *(_DateStep(minutes=_DAY * d) for d in (1, 2, 7, 14)),
    *(_DateStep(months=m, form="%b %Y") for m in (1, 3, 6)),
    *(_DateStep(months=12 * y, form="%Y") for y in (1, 2, 5, 10)),
)


def count_ticks(low: int, high: int, most: int = 5) -> list[int]:
    """Round values (1, 2 or 5 times a power of ten apart) from at or below ``low`` to at or above ``high``,
    at most ``most`` steps."""
    power = 10 ** max(0, math.floor(math.log10(max(high - low, 1) / most)))
    # The span is under 10 * power * most, so a step of 20 * power (or 50, for a tiny most) always fits.
    for step in (power * m for m in (1, 2, 5, 10, 20, 50)):
        first, last = (low // step) * step, -(-high // step) * step
        if (last - first) // step <= most:
            break
    return list(range(first, max(last, first + step) + 1, step))


def count_label(value: int) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if abs(value) >= 10_000:
        return f"{value / 1000:g}k"
    return f"{value:,}"


def date_ticks(start: datetime, end: datetime, most: int) -> tuple[list[datetime], str]:
    """Tick times on round minutes, hours, days or months between ``start`` and ``end``, about ``most`` of
    them at most (the widest step however many that gives), and the strftime form of their labels. Where no
    two round times fall between them, the two ends are the ticks."""
    step = next((s for s in _DATE_STEPS if (end - start) / s.approx <= most), _DATE_STEPS[-1])
    if step.months:
        index = start.year * 12 + start.month - 1
        index -= index % step.months
        tick = datetime(index // 12, index % 12 + 1, 1, tzinfo=start.tzinfo)
    else:
        tick = start.replace(hour=0, minute=0, second=0, microsecond=0)
        if step.minutes < _DAY:
            of_day = start.hour * 60 + start.minute
            tick += timedelta(minutes=of_day - of_day % step.minutes)
    ticks: list[datetime] = []
    while tick <= end:
        if tick >= start:
            ticks.append(tick)
        tick = _add_months(tick, step.months) if step.months else tick + timedelta(minutes=step.minutes)
    return (ticks, step.form) if len(ticks) >= 2 else ([start, end], step.form)


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + months
    return moment.replace(year=index // 12, month=index % 12 + 1)


class UsePlot(QWidget):
    """Uses over time as a step line with a dot at each recorded count, drawn with QPainter.

    A plotting library was used here before; pyqtgraph needs numpy, which with its OpenBLAS was a fifth
    of the desktop build (about 40 MB) for a few hundred points.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[datetime, int]] = []
        self.setFixedHeight(CHART_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Uses over time")

    def set_points(self, points: Sequence[UsePoint]) -> None:
        # Local time on the axis, as the rest of the app shows dates.
        self.points = [(p.at.astimezone(), p.use_count) for p in points]
        if points:
            first, last = points[0].use_count, points[-1].use_count
            self.setAccessibleDescription(f"{len(points)} counts, from {first:,} to {last:,}")
        else:
            self.setAccessibleDescription("")
        self.update()

    def plot_area(self) -> QRectF:
        text_height = self.fontMetrics().height()
        # The top count's label is centred on the top line: half a line of room above it.
        top = text_height / 2 + 2
        return QRectF(self.rect()).adjusted(_AXIS_WIDTH, top, -_MARGIN, -(text_height + _MARGIN))

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.points) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.plot_area()
        start, end = self.points[0][0], self.points[-1][0]
        if end <= start:
            end = start + timedelta(hours=1)
        counts = [count for _, count in self.points]
        y_ticks = count_ticks(min(counts), max(counts))
        low, high = y_ticks[0], y_ticks[-1]

        def x_of(moment: datetime) -> float:
            return area.left() + area.width() * ((moment - start) / (end - start))

        def y_of(count: int) -> float:
            return area.bottom() - area.height() * (count - low) / (high - low)

        text = self.palette().color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlphaF(0.25)
        metrics = self.fontMetrics()
        for value in y_ticks:
            y = y_of(value)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            label_box = QRectF(0, y - metrics.height() / 2, _AXIS_WIDTH - 6, metrics.height())
            right_middle = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(label_box, right_middle, count_label(value))

        painter.setPen(QPen(text, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        most_labels = max(2, int(area.width() // _MIN_LABEL_GAP))
        x_ticks, form = date_ticks(start, end, most_labels)
        for moment in x_ticks:
            x = x_of(moment)
            painter.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 3))
            label = moment.strftime(form).lstrip("0")  # "2 Dec", "9:00"
            width = metrics.horizontalAdvance(label)
            left = min(max(x - width / 2, area.left() - _AXIS_WIDTH / 2), self.width() - width)
            painter.drawText(QPointF(left, area.bottom() + 3 + metrics.ascent()), label)

        # A count holds until the next refresh saw it change: a step line, not a slope.
        line = QPolygonF()
        for index, (moment, count) in enumerate(self.points):
            if index:
                line.append(QPointF(x_of(moment), y_of(self.points[index - 1][1])))
            line.append(QPointF(x_of(moment), y_of(count)))
        painter.setPen(QPen(LINE_COLOUR, 2))
        painter.drawPolyline(line)
        painter.setBrush(LINE_COLOUR)
        painter.setPen(Qt.PenStyle.NoPen)
        for moment, count in self.points:
            painter.drawEllipse(QPointF(x_of(moment), y_of(count)), _DOT_RADIUS, _DOT_RADIUS)
        painter.end()


class UsageChart(QWidget):
    """Uses over time as a step line (a count holds until the next sync saw it change), the gain of the
    last 7 days, and for the user's own styles the kudos earned (2 per use, §5)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = UsePlot()
        self.plot.setVisible(False)
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def show_usage(self, points: Sequence[UsePoint], *, gained: int = 0, own: bool = False) -> None:
        self.plot.set_points(points)
        # One point makes no line, and its axis would be a second wide: the words say it instead.
        self.plot.setVisible(len(points) >= 2)
        parts = [_TOO_FEW] if len(points) < 2 else []
        if points:
            parts.append(f"{gained:+,} uses in the last {RISING_DAYS} days.")
            if own:
                parts.append(f"Earned you {kudos_earned(points[-1].use_count):,} kudos (2 per use).")
        self.summary.setText(" ".join(parts))
