"""A small chart of one style's uses over time (pyqtgraph, with a date axis), and what they earned."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from horde_style_studio.domain.usage import kudos_earned
from horde_style_studio.library.usage import RISING_DAYS, UsePoint

CHART_HEIGHT = 220
_TOO_FEW = "Not enough history yet: every library refresh that sees the count change adds a point."


class UsageChart(QWidget):
    """Uses over time as a step line (a count holds until the next sync saw it change), the gain of the
    last 7 days, and for the user's own styles the kudos earned (2 per use, §5).

    pyqtgraph (and numpy with it) costs about 50 MB and a moment to load, so the plot is built the first
    time the chart is shown, not when the app starts.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot: Any = None
        self._curve: Any = None
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
            self._draw()
        parts = [_TOO_FEW] if len(points) < 2 else []
        if points:
            parts.append(f"{gained:+,} uses in the last {RISING_DAYS} days.")
            if own:
                parts.append(f"Earned you {kudos_earned(points[-1].use_count):,} kudos (2 per use).")
        self.summary.setText(" ".join(parts))

    def ensure_plot(self) -> Any:
        """The plot widget, built on first use."""
        if self.plot is None:
            self._build_plot()
            self._draw()
        return self.plot

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_plot()

    def _build_plot(self) -> None:
        # Imported here, after PySide6, so pyqtgraph binds the same Qt (and only when a chart is seen).
        import pyqtgraph as pg

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
        pen = pg.mkPen(color=(64, 128, 220), width=2)
        self._curve = self.plot.plot(stepMode="right", pen=pen, symbol="o", symbolSize=5)
        self._layout.insertWidget(0, self.plot)

    def _draw(self) -> None:
        self._curve.setData([p.at.timestamp() for p in self._points], [p.use_count for p in self._points])
        # One point makes no line, and its axis would be a second wide: the words say it instead.
        self.plot.setVisible(len(self._points) >= 2)
        if len(self._points) >= 2:
            self.plot.getPlotItem().enableAutoRange()
