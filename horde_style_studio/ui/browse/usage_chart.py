"""A small chart of one style's uses over time (pyqtgraph, with a date axis), and what they earned."""

from __future__ import annotations

from collections.abc import Sequence

# isort: split
import pyqtgraph as pg  # imported after PySide6 (the package's Qt), so pyqtgraph binds the same one
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from horde_style_studio.domain.usage import kudos_earned
from horde_style_studio.library.usage import RISING_DAYS, UsePoint

CHART_HEIGHT = 220
_TOO_FEW = "Not enough history yet: every library refresh that sees the count change adds a point."


class UsageChart(QWidget):
    """Uses over time as a step line (a count holds until the next sync saw it change), the gain of the
    last 7 days, and for the user's own styles the kudos earned (2 per use, §5)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.setBackground(None)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.getPlotItem().getAxis("left").setWidth(46)
        self.plot.setFixedHeight(CHART_HEIGHT)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.plot.setAccessibleName("Uses over time")
        self._curve = self.plot.plot(
            stepMode="right", pen=pg.mkPen(color=(64, 128, 220), width=2), symbol="o", symbolSize=5
        )
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def show_usage(self, points: Sequence[UsePoint], *, gained: int = 0, own: bool = False) -> None:
        xs = [point.at.timestamp() for point in points]
        ys = [point.use_count for point in points]
        self._curve.setData(xs, ys)
        # One point makes no line, and its axis would be a second wide: the words say it instead.
        self.plot.setVisible(len(points) >= 2)
        if len(points) >= 2:
            self.plot.getPlotItem().enableAutoRange()
        parts = [_TOO_FEW] if len(points) < 2 else []
        if points:
            parts.append(f"{gained:+,} uses in the last {RISING_DAYS} days.")
            if own:
                parts.append(f"Earned you {kudos_earned(ys[-1]):,} kudos (2 per use).")
        self.summary.setText(" ".join(parts))
