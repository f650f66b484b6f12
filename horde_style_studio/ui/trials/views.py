"""The pieces the Try and Compare windows share: a column of results and the full-size view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
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

from horde_style_studio.domain.trials import Trial, TrialResult
from horde_style_studio.services.images import FetchedImage, ImageCheckError
from horde_style_studio.ui.shared.decoding import ImageLimits, decode_checked
from horde_style_studio.ui.shared.screen import within_screen

ICON = QSize(200, 200)
ResultRole = Qt.ItemDataRole.UserRole + 1


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
    """One result at its full size, with its seed, model and worker."""

    def __init__(self, result: TrialResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Seed {result.seed}")
        picture = QLabel()
        picture.setPixmap(pixmap_of(result))
        scroll = QScrollArea()
        scroll.setWidget(picture)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel(caption(result).replace("\n", " · ")))
        self.resize(within_screen(QSize(640, 640), self))
