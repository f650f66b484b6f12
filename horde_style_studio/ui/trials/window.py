"""The Try window: prompt, n, seed, Try and Cancel, progress with a countdown, results side by side."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QCloseEvent, QImage, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.jobs import MAX_IMAGE_BATCH, JobProgress
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.domain.trials import Estimate, Trial, TrialResult
from horde_style_studio.ui.shared.places import in_documents
from horde_style_studio.ui.shared.screen import within_screen
from horde_style_studio.ui.trials.presenter import KEPT, STYLED, UNSTYLED, Subject, TrialPresenter
from horde_style_studio.ui.trials.views import Countdown, ResultsColumn, open_full_size

# Only image styles have a negative prompt (REFERENCE §5).
PROMPT_HINTS = {StyleKind.IMAGE: "A prompt; ### starts the negative prompt", StyleKind.TEXT: "A prompt"}


class HeldKeys(QObject):
    """Swallows a held key's auto-repeats (of ``keys`` only, when given): one press is one decision.

    Without it a held Return answered each "Spend kudos?" question as it came up, pressed Try again once
    the job was done, and each round queued and paid for another job. Not every X server lets Qt see
    repeats as such (Xvfb sends them as fresh presses): the question's default No is what keeps a held
    key from spending; this only keeps it from asking again and again where repeats are marked.
    """

    def __init__(self, parent: QObject, keys: frozenset[int] | None = None) -> None:
        super().__init__(parent)
        self._keys = keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is not QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        return event.isAutoRepeat() and (self._keys is None or event.key() in self._keys)


# Held Backspace or letters still repeat in the prompt; only the keys that press Try do not.
_TRY_KEYS = frozenset({Qt.Key.Key_Return.value, Qt.Key.Key_Enter.value})


class TrialWindow(QDialog):
    """Widgets call the presenter only. Closing the window cancels what is running."""

    def __init__(self, presenter: TrialPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle("Try a style")
        self.heading = QLabel()
        self.unsaved = QLabel("unsaved draft")
        self.unsaved.setObjectName("UnsavedDraftBadge")
        self.prompt = QLineEdit(placeholderText=PROMPT_HINTS[StyleKind.IMAGE])
        self.prompt.setAccessibleName("Prompt")
        self.count = QSpinBox(minimum=1, maximum=MAX_IMAGE_BATCH, value=2)
        self.count.setAccessibleName("How many")
        self.seed = QLineEdit()
        self.seed.setAccessibleName("Seed")
        self.seed.setPlaceholderText("chosen at random")
        self.random_seed = QCheckBox("Random seed")
        self.random_seed.setChecked(True)
        self.without = QCheckBox("Without the style, side by side")
        self.without.setChecked(True)
        self.try_button = QPushButton("Try")
        self.try_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.estimate = QLabel()
        self.bar = QProgressBar(minimum=0, maximum=0)
        self.bar.setTextVisible(False)
        self.status = QLabel()
        self.styled = ResultsColumn("With the style", checkable=True)
        self.plain = ResultsColumn("Without the style")
        self.save_button = QPushButton("Save to folder…")
        self.reference_button = QPushButton("Reference set")
        self.reference_button.setToolTip(
            "Person, place and thing on one fixed seed, so sets compare across styles"
        )
        self.examples_button = QPushButton("Make examples from checked")
        self.examples_button.setToolTip(
            "Upload the checked pictures to your image host and attach them; the selected one is primary"
        )
        self._reference: dict[int, tuple[Trial, Sequence[QImage | None]]] = {}
        self.question: QMessageBox | None = None
        self._countdown = Countdown(self.status, self)
        self._held_try = HeldKeys(self, _TRY_KEYS)
        self._held = HeldKeys(self)
        self._lay_out()
        self._connect()
        self._set_busy(False)
        for widget in (self, *self.findChildren(QWidget)):
            widget.installEventFilter(self._held_try)

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        # A badge beside the title, not a block as tall as the two-line heading.
        head.addWidget(self.unsaved, 0, Qt.AlignmentFlag.AlignTop)
        ask = QHBoxLayout()
        ask.addWidget(self.prompt, 1)
        ask.addWidget(QLabel("n"))
        ask.addWidget(self.count)
        ask.addWidget(QLabel("seed"))
        ask.addWidget(self.seed)
        ask.addWidget(self.random_seed)
        options = QHBoxLayout()
        options.addWidget(self.without)
        options.addStretch(1)
        options.addWidget(self.try_button)
        options.addWidget(self.cancel_button)
        state = QHBoxLayout()
        state.addWidget(self.estimate)
        state.addSpacing(12)
        state.addWidget(self.bar, 1)
        state.addWidget(self.status, 2)
        columns = QHBoxLayout()
        columns.addWidget(self.styled, 1)
        columns.addWidget(self.plain, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.reference_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.examples_button)
        layout = QVBoxLayout(self)
        for row in (head, ask, options, state):
            layout.addLayout(row)
        layout.addLayout(columns, 1)
        layout.addLayout(actions)
        self.resize(within_screen(QSize(1180, 720), self))

    def _connect(self) -> None:
        p = self.presenter
        self.try_button.clicked.connect(lambda: self._start(confirmed=False))
        self.prompt.returnPressed.connect(lambda: self._start(confirmed=False))
        self.cancel_button.clicked.connect(p.cancel)
        self.random_seed.toggled.connect(lambda on: self.seed.setReadOnly(on))
        self.seed.setReadOnly(True)
        self.save_button.clicked.connect(self._save)
        self.examples_button.clicked.connect(self._make_examples)
        self.reference_button.clicked.connect(self._reference_set)
        self.styled.opened.connect(self._open_full)
        self.plain.opened.connect(self._open_full)
        p.estimated.connect(self._show_estimate)
        p.confirm_needed.connect(self._confirm)
        p.seed_chosen.connect(self.seed.setText)
        p.submitted.connect(self._submitted)
        p.progress.connect(self._progress)
        p.finished.connect(self._finished)
        p.failed.connect(self._failed)
        p.side_failed.connect(self._side_failed)
        p.busy.connect(self._set_busy)
        p.cancelled.connect(self._cancelled)
        p.examples_step.connect(self.status.setText)
        p.examples_made.connect(self._examples_made)
        p.kept_ready.connect(self._show_kept)

    # -- what is shown -------------------------------------------------------------------------------------
    def show_subject(self, subject: Subject) -> None:
        self.presenter.set_subject(subject)
        kind = "text" if subject.kind is StyleKind.TEXT else "image"
        self.heading.setText(f"<h3>Try “{escape(subject.label)}”</h3>{kind} style")
        self.setWindowTitle(f"Try {subject.label}")
        self.unsaved.setVisible(subject.unsaved)
        self.prompt.setPlaceholderText(PROMPT_HINTS[subject.kind])
        self.count.setMaximum(MAX_IMAGE_BATCH)
        own_image = subject.mine and isinstance(subject.style, ImageStyle)
        self.examples_button.setVisible(own_image)
        self.styled.set_checkable(own_image)  # checkboxes pick examples: only where examples can be made
        self.reference_button.setVisible(subject.style is not None and subject.kind is StyleKind.IMAGE)
        self.styled.clear()
        self.plain.clear()
        self.presenter.show_kept()

    def _show_kept(self, trial: Trial) -> None:
        self.styled.show_trial(trial, self.presenter.icons.get(KEPT, ()))
        self.styled.show_note(f"Last kept trial: “{trial.request.prompt}”, seed {trial.request.seed}")

    def _start(self, *, confirmed: bool) -> None:
        if not self.prompt.text().strip():
            self.status.setText("Type a prompt first.")
            return
        seed = None if self.random_seed.isChecked() else self.seed.text()
        self.styled.clear("Waiting for the Horde…")
        self.plain.clear("Waiting for the Horde…" if self.without.isChecked() else "")
        self.plain.setVisible(self.without.isChecked())
        self.presenter.start(
            self.prompt.text(),
            self.count.value(),
            seed,
            unstyled=self.without.isChecked(),
            confirmed=confirmed,
        )

    def _show_estimate(self, estimate: Estimate) -> None:
        self.estimate.setText(f"About <b>{estimate.kudos:g}</b> kudos")
        self.estimate.setToolTip(f"Estimated from {estimate.how}")

    def _confirm(self, estimate: Estimate) -> None:
        # Window-modal and opened, not exec()'d: a nested event loop would stall the app's async tasks.
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Spend kudos?",
            f"This trial is estimated at {estimate.kudos:g} kudos, more than the limit set in Settings. "
            "Send it anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Spending takes a deliberate Yes: a stray Return or Space (or the one that just pressed Try) says No.
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        for widget in (box, *box.findChildren(QWidget)):
            widget.installEventFilter(self._held)
        box.finished.connect(lambda result: self._confirmed(result == QMessageBox.StandardButton.Yes))
        self.question = box
        box.open()

    def _confirmed(self, yes: bool) -> None:
        self.question = None
        if yes:
            # The same seed again: the user agreed to this trial, not to another one.
            self.random_seed.setChecked(False)
            self._start(confirmed=True)
        else:
            self.styled.clear()  # nothing is waiting for the Horde any more
            self.plain.clear()
            self.status.setText("Not sent.")

    def _submitted(self, which: str, job_id: str, kudos: float) -> None:
        if which == STYLED:
            self.status.setText(f"Queued as job {job_id} ({kudos:g} kudos)")

    def _progress(self, which: str, progress: JobProgress) -> None:
        if which != STYLED:
            return
        self._countdown.show(progress)
        if progress.total:
            self.bar.setMaximum(progress.total)
            self.bar.setValue(progress.finished)

    def _reference_set(self) -> None:
        self._reference.clear()
        self.styled.clear("Generating the reference set (person, place, thing, and your prompt)…")
        self.plain.clear()
        self.plain.setVisible(False)
        self.presenter.reference_set([self.prompt.text()])

    def _finished(self, which: str, trial: Trial) -> None:
        icons = self.presenter.icons.get(which, ())
        if which.startswith("compare:"):
            # The reference set: one trial per prompt, every picture in one grid to pick examples from, in
            # the set's order (person, place, thing, own) however the jobs finish.
            self._reference[int(which.split(":", 1)[1])] = (trial, icons)
            self.styled.clear()
            for index in sorted(self._reference):
                self.styled.add_trial(*self._reference[index], labelled=True)
            self.styled.show_note(
                f"Reference set on seed {trial.request.seed}: check up to four, select the primary"
            )
            return
        column = self.plain if which == UNSTYLED else self.styled
        column.show_trial(trial, icons)
        if which == STYLED:
            self._countdown.stop()
            draft = " (unsaved draft, sent merged as the server would)" if trial.draft else ""
            self.status.setText(f"{len(trial.results)} result(s) with seed {trial.request.seed}{draft}")

    def _side_failed(self, which: str, message: str) -> None:
        (self.plain if which == UNSTYLED else self.styled).clear(message)
        if which == STYLED:
            self._failed(message)

    def _cancelled(self) -> None:
        self._countdown.stop()  # its next tick would write over what is said here
        self.status.setText("Cancelled; the job was withdrawn from the Horde.")

    def _failed(self, message: str) -> None:
        self._countdown.stop()
        self.status.setText(message)

    def _set_busy(self, busy: bool) -> None:
        self.try_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.bar.setVisible(busy)
        if busy:
            self.bar.setMaximum(0)

    def _open_full(self, result: TrialResult) -> None:
        open_full_size(self.presenter, result, self)

    def _save(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save the results in", in_documents())
        if folder:
            written = self.presenter.save(Path(folder))
            self.status.setText(f"Saved {len(written)} file(s) in {folder}")

    def _make_examples(self) -> None:
        picks = self.styled.checked()
        current = self.styled.current()
        primary = picks.index(current) if current in picks else 0
        if not picks:
            self.status.setText("Check the pictures to use; the selected one becomes the primary example.")
            return
        self.presenter.make_examples(picks, primary)

    def _examples_made(self, style: ImageStyle) -> None:
        primaries = sum(1 for e in style.examples if e.primary)
        self.status.setText(
            f"Attached: the style now has {len(style.examples)} example(s), {primaries} primary."
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.presenter.cancel()
        self._countdown.stop()
        super().closeEvent(event)
