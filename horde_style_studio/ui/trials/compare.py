"""Compare 2 to 6 styles: one prompt, one seed, a column per style."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.domain.trials import Trial
from horde_style_studio.ui.shared.screen import within_screen
from horde_style_studio.ui.trials.presenter import TrialPresenter
from horde_style_studio.ui.trials.views import FullSizeView, ResultsColumn

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
        ask = QHBoxLayout()
        ask.addWidget(self.prompt, 1)
        ask.addWidget(self.seed)
        ask.addWidget(self.go)
        ask.addWidget(self.stop)
        row = QHBoxLayout()
        for column in self.columns:
            row.addWidget(column, 1)
            column.opened.connect(lambda result: FullSizeView(result, self).open())
        layout = QVBoxLayout(self)
        layout.addLayout(ask)
        layout.addWidget(self.status)
        layout.addLayout(row, 1)
        self.go.clicked.connect(self._compare)
        self.prompt.returnPressed.connect(self._compare)
        self.stop.clicked.connect(presenter.cancel)
        presenter.seed_chosen.connect(self.seed.setText)
        presenter.finished.connect(self._finished)
        presenter.side_failed.connect(self._side_failed)
        presenter.failed.connect(self.status.setText)
        presenter.busy.connect(self._busy)
        presenter.cancelled.connect(lambda: self.status.setText("Cancelled; the jobs were withdrawn."))
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

    def _finished(self, which: str, trial: Trial) -> None:
        if which.startswith("compare:"):
            self.columns[int(which.split(":", 1)[1])].show_trial(trial, self.presenter.icons.get(which, ()))

    def _side_failed(self, which: str, message: str) -> None:
        if which.startswith("compare:"):
            self.columns[int(which.split(":", 1)[1])].clear(message)

    def _busy(self, busy: bool) -> None:
        self.go.setEnabled(not busy)
        self.stop.setEnabled(busy)
        if busy:
            self.status.setText(GENERATING)
        elif self.status.text() == GENERATING:  # not a failure or a cancellation said meanwhile
            done = sum(1 for c in self.columns if c.results() or c.text.toPlainText())
            self.status.setText(f"{done} of {len(self.columns)} styles on seed {self.seed.text()}")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.presenter.cancel()
        super().closeEvent(event)
