"""Compare 2 to 6 styles: one prompt, one seed, a column per style."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from horde_style_studio.domain.jobs import JobProgress
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.domain.trials import Trial
from horde_style_studio.ui.shared.screen import within_screen
from horde_style_studio.ui.trials.presenter import TrialPresenter
from horde_style_studio.ui.trials.views import Countdown, ResultsColumn, open_full_size

GENERATING = "Generating with every style on one seed…"


class CompareWindow(QDialog):
    def __init__(
        self, presenter: TrialPresenter, styles: Sequence[AnyStyle], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.styles = list(styles)
        self.setWindowTitle(f"Compare {len(self.styles)} styles")
        self.prompt = QLineEdit(placeholderText="One prompt for every style; ### starts the negative prompt")
        self.prompt.setAccessibleName("Prompt")
        self.seed = QLineEdit(placeholderText="seed: chosen at random")
        self.seed.setAccessibleName("Seed")
        self.go = QPushButton("Compare")
        self.go.setDefault(True)
        self.stop = QPushButton("Cancel")
        self.status = QLabel()
        self.columns = [ResultsColumn(style.name) for style in self.styles]
        # Each style's queue position and countdown in its own column, as the Try window shows its job's.
        self.countdowns = [Countdown(column.note, self) for column in self.columns]
        ask = QHBoxLayout()
        ask.addWidget(self.prompt, 1)
        ask.addWidget(self.seed)
        ask.addWidget(self.go)
        ask.addWidget(self.stop)
        row = QHBoxLayout()
        for column in self.columns:
            row.addWidget(column, 1)
            column.opened.connect(lambda result: open_full_size(self.presenter, result, self))
        layout = QVBoxLayout(self)
        layout.addLayout(ask)
        layout.addWidget(self.status)
        layout.addLayout(row, 1)
        self.go.clicked.connect(self._compare)
        self.prompt.returnPressed.connect(self._compare)
        self.stop.clicked.connect(presenter.cancel)
        presenter.seed_chosen.connect(self.seed.setText)
        presenter.progress.connect(self._progress)
        presenter.finished.connect(self._finished)
        presenter.side_failed.connect(self._side_failed)
        presenter.failed.connect(self.status.setText)
        presenter.busy.connect(self._busy)
        presenter.cancelled.connect(self._cancelled)
        self._busy(False)
        self.resize(within_screen(QSize(1240, 640), self))

    def _compare(self) -> None:
        if not self.prompt.text().strip():
            self.status.setText("Type a prompt first.")
            return
        for column in self.columns:
            column.clear("Waiting for the Horde…")
        try:
            self.presenter.compare(self.styles, self.prompt.text(), self.seed.text() or None)
        except ValueError as err:
            self.status.setText(str(err))

    def _progress(self, which: str, progress: JobProgress) -> None:
        index = _column(which)
        if index is not None:
            self.countdowns[index].show(progress)

    def _finished(self, which: str, trial: Trial) -> None:
        index = _column(which)
        if index is not None:
            self.countdowns[index].stop()
            self.columns[index].show_trial(trial, self.presenter.icons.get(which, ()))

    def _side_failed(self, which: str, message: str) -> None:
        index = _column(which)
        if index is not None:
            self.countdowns[index].stop()
            self.columns[index].clear(message)

    def _cancelled(self) -> None:
        self._stop_countdowns()
        self.status.setText("Cancelled; the jobs were withdrawn.")

    def _busy(self, busy: bool) -> None:
        self.go.setEnabled(not busy)
        self.stop.setEnabled(busy)
        if busy:
            self.status.setText(GENERATING)
        elif self.status.text() == GENERATING:  # not a failure or a cancellation said meanwhile
            done = sum(1 for c in self.columns if c.results() or c.text.toPlainText())
            self.status.setText(f"{done} of {len(self.columns)} styles on seed {self.seed.text()}")

    def _stop_countdowns(self) -> None:
        for countdown in self.countdowns:
            countdown.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.presenter.cancel()
        self._stop_countdowns()
        super().closeEvent(event)


def _column(which: str) -> int | None:
    """The column of a compared style's side name, ``compare:<i>``."""
    return int(which.split(":", 1)[1]) if which.startswith("compare:") else None
