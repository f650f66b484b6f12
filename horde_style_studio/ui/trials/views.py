"""The pieces the Try and Compare windows share: a column of results, a job's progress with its countdown,
and the full-size view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.jobs import JobProgress, JobState
from horde_style_studio.domain.trials import Trial, TrialResult
from horde_style_studio.services.images import FetchedImage, ImageCheckError
from horde_style_studio.ui.shared.decoding import ImageLimits, decode_checked
from horde_style_studio.ui.shared.screen import within_screen

if TYPE_CHECKING:
    from horde_style_studio.ui.trials.presenter import TrialPresenter

ICON = QSize(200, 200)
ResultRole = Qt.ItemDataRole.UserRole + 1


FULL_SIZE_LOADING = "Loading the full-size picture…"


def progress_text(progress: JobProgress, remaining: int) -> str:
    if progress.state is JobState.WAITING:
        return f"In the queue at position {progress.queue_position} · about {remaining} s left"
    if progress.state is JobState.PROCESSING:
        return f"A worker is on it · about {remaining} s left"
    if progress.state is JobState.DONE:
        return "Done; fetching the results…"
    return str(progress.state.value).capitalize()


class Countdown(QObject):
    """A job's queue position and estimated wait, written to ``label`` and counted down by itself each second
    between polls (the next poll corrects it). The Try window has one for its styled job, Compare one per
    style."""

    def __init__(self, label: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self._last: JobProgress | None = None
        self._remaining = 0
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self._tick)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def show(self, progress: JobProgress) -> None:
        self._last = progress
        self._remaining = progress.wait_time
        self._label.setText(progress_text(progress, self._remaining))
        if not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._last = None

    def _tick(self) -> None:
        if self._last is None or self._last.state.final:
            self._timer.stop()
            return
        self._remaining = max(0, self._remaining - 1)
        self._label.setText(progress_text(self._last, self._remaining))


def caption(result: TrialResult) -> str:
    censored = " · censored" if result.censored else ""
    return f"seed {result.seed} · {result.model or '?'}\n{result.worker or 'unknown worker'}{censored}"


def pixmap_of(result: TrialResult) -> QPixmap:
    pixmap = QPixmap()
    if result.data:
        pixmap.loadFromData(result.data)
    return pixmap


def thumbnails(results: Sequence[TrialResult]) -> list[QImage | None]:
    """Each picture decoded at the grid's icon size, in step with ``results`` (None for text or a picture
    Qt cannot read). Call it off the UI thread: four full-size pictures and their unstyled twins decoded
    there stalled the window for longer than a frame (tests/benchmarks/bench_trials.py)."""
    limits = ImageLimits(thumbnail_edge=ICON.width())
    shown: list[QImage | None] = []
    for result in results:
        try:
            data = result.data
            shown.append(decode_checked(FetchedImage("", data, ""), limits).thumbnail if data else None)
        except ImageCheckError:
            shown.append(None)
    return shown


class ResultsColumn(QWidget):
    """One trial's results: pictures in a grid (checkable, for making examples) or the generated text.

    ``opened(TrialResult)`` when a picture is double-clicked.
    """

    opened = Signal(object)

    def __init__(self, title: str, *, checkable: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<b>{title}</b>")
        self.note = QLabel(wordWrap=True)
        self.grid = QListWidget()
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(ICON)
        self.grid.setGridSize(QSize(ICON.width() + 24, ICON.height() + 52))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setWordWrap(True)
        self.grid.setAccessibleName(f"{title}: results")
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setAccessibleName(f"{title}: generated text")
        self.text.hide()
        self._checkable = checkable
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.note, self.grid, self.text):
            layout.addWidget(widget)
        self.grid.itemDoubleClicked.connect(self._open)

    def clear(self, note: str = "") -> None:
        self.grid.clear()
        self.text.clear()
        self.note.setText(note)

    def show_note(self, note: str) -> None:
        self.note.setText(note)

    def show_trial(self, trial: Trial, icons: Sequence[QImage | None] = ()) -> None:
        """``icons``: :func:`thumbnails` of the results, decoded off the UI thread; without them (a kept
        trial shown on opening) each picture is decoded here."""
        self.grid.clear()
        self.add_trial(trial, icons)
        self.note.setText(f"{trial.kudos:g} kudos · job {trial.job_id or '—'}")

    def set_checkable(self, checkable: bool) -> None:
        self._checkable = checkable

    def add_trial(self, trial: Trial, icons: Sequence[QImage | None] = (), *, labelled: bool = False) -> None:
        """Add ``trial``'s results after those shown (a reference set: one trial per prompt, each picture
        captioned with its trial's label when ``labelled``)."""
        texts = [r for r in trial.results if r.text is not None]
        self.text.setVisible(bool(texts))
        self.grid.setVisible(not texts)
        if texts:
            self.text.setPlainText("\n\n".join(f"[{caption(r)}]\n{r.text}" for r in texts))
        for index, result in enumerate(trial.results):
            if result.text is not None:
                continue
            icon = icons[index] if index < len(icons) else None
            pixmap = QPixmap.fromImage(icon) if icon is not None else pixmap_of(result)
            text = f"{trial.label} · {caption(result)}" if labelled else caption(result)
            item = QListWidgetItem(QIcon(pixmap), text)
            item.setData(ResultRole, result)
            item.setToolTip("Double-click for the full size")
            if self._checkable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self.grid.addItem(item)

    def results(self) -> list[TrialResult]:
        return [self.grid.item(i).data(ResultRole) for i in range(self.grid.count())]

    def checked(self) -> list[TrialResult]:
        return [
            self.grid.item(i).data(ResultRole)
            for i in range(self.grid.count())
            if self.grid.item(i).checkState() == Qt.CheckState.Checked
        ]

    def current(self) -> TrialResult | None:
        item = self.grid.currentItem()
        if item is None:
            return None
        result: TrialResult = item.data(ResultRole)
        return result

    def _open(self, item: QListWidgetItem) -> None:
        self.opened.emit(item.data(ResultRole))


class FullSizeView(QDialog):
    """One result at its full size, with its seed, model and worker. It opens with a placeholder: the
    picture is decoded in the shared decode pool (the presenter's ``full_size``) and handed to
    :meth:`show_picture`, so a large picture never stalls the window."""

    def __init__(self, result: TrialResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown = result
        self.setWindowTitle(f"Seed {result.seed}")
        self.picture = QLabel(FULL_SIZE_LOADING, alignment=Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName("Full-size picture")
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel(caption(result).replace("\n", " · ")))
        self.resize(within_screen(QSize(640, 640), self))

    def show_picture(self, result: TrialResult, image: QImage | None, problem: str) -> None:
        """The decoded picture of ``result`` (others' are ignored), or why there is none."""
        if result is not self.shown:
            return
        if image is None:
            self.picture.setText(problem)
            return
        self.picture.setPixmap(QPixmap.fromImage(image))


def open_full_size(presenter: TrialPresenter, result: TrialResult, parent: QWidget) -> FullSizeView:
    """The full-size view of ``result``, its picture on the way from the presenter's decode."""
    view = FullSizeView(result, parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    presenter.full_size_ready.connect(view.show_picture)
    view.open()
    presenter.full_size(result)
    return view
