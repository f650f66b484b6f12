"""The bulk-edit queue panel under Browse's results: one job's items with their progress, and its controls."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.library.bulk_queue import BulkItem, BulkJob, BulkJobState, ItemState
from horde_style_studio.ui.browse.bulk_presenter import BulkPresenter
from horde_style_studio.ui.widgets.list_table import ListTableModel

_STATES = {
    ItemState.PENDING: "waiting",
    ItemState.DONE: "done",
    ItemState.UNCHANGED: "unchanged",
    ItemState.FAILED: "failed",
    ItemState.CANCELLED: "cancelled",
}


def items_model(parent: QWidget) -> ListTableModel[BulkItem]:
    """The items of one bulk job."""
    columns: list[tuple[str, Callable[[BulkItem], str]]] = [
        ("Style", lambda item: item.name),
        ("Status", lambda item: _STATES[item.state]),
        ("Note", lambda item: item.message),
    ]
    return ListTableModel(columns, parent=parent)


def job_label(job: BulkJob) -> str:
    return f"{job.label} · {job.settled}/{job.total} · {job.state.value}"


class BulkPanel(QWidget):
    """Shows the newest job (or the one picked), its items and progress; Pause, Resume, Cancel, Undo."""

    def __init__(self, presenter: BulkPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.jobs = QComboBox()
        self.jobs.setAccessibleName("Bulk edits")
        self.jobs.setToolTip("The bulk edit shown below: the newest first")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(120)
        self.pause, self.resume = QPushButton("Pause"), QPushButton("Resume")
        self.cancel, self.undo = QPushButton("Cancel"), QPushButton("Undo")
        self.pause.setToolTip("Stop after the style being changed now; Resume carries on")
        self.resume.setToolTip("Carry on with the styles this edit has not reached yet")
        self.cancel.setToolTip("Drop the styles this edit has not reached yet; the changed ones stay changed")
        self.undo.setToolTip("Put back every style this edit changed, from History (through the same queue)")
        self.close_button = QPushButton("Hide")
        self.close_button.setToolTip("Hide this panel; the queue goes on working")
        self.model = items_model(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(160)
        self.summary = QLabel()
        # Two short rows rather than one long one: the panel must not widen the results' column.
        self.jobs.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.jobs.setMinimumContentsLength(24)
        top, controls = QHBoxLayout(), QHBoxLayout()
        top.addWidget(QLabel("<b>Bulk edits</b>"))
        top.addWidget(self.jobs, 1)
        top.addWidget(self.progress)
        controls.addWidget(self.summary, 1)
        for button in (self.pause, self.resume, self.cancel, self.undo, self.close_button):
            controls.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(controls)
        self.jobs.currentIndexChanged.connect(lambda _index: self._show_current())
        self.pause.clicked.connect(lambda: self._on_job(presenter.pause))
        self.resume.clicked.connect(lambda: self._on_job(presenter.resume))
        self.cancel.clicked.connect(lambda: self._on_job(presenter.cancel))
        self.undo.clicked.connect(lambda: self._on_job(presenter.undo))
        self.close_button.clicked.connect(self.hide)
        presenter.changed.connect(self.job_changed)
        self.reload()

    def current_job(self) -> int | None:
        data = self.jobs.currentData()
        return int(data) if data is not None else None

    def reload(self, select: int | None = None) -> None:
        """Relist the jobs, newest first, keeping (or moving to) ``select``."""
        keep = select if select is not None else self.current_job()
        self.jobs.blockSignals(True)
        self.jobs.clear()
        for job in self.presenter.jobs():
            self.jobs.addItem(job_label(job), job.id)
        index = self.jobs.findData(keep) if keep is not None else 0
        self.jobs.setCurrentIndex(max(index, 0))
        self.jobs.blockSignals(False)
        self._show_current()

    def job_changed(self, job_id: int) -> None:
        if self.jobs.findData(job_id) < 0 or job_id > (self.current_job() or 0):
            self.reload(select=job_id)  # a new job: show it
            self.show()
        elif job_id == self.current_job():
            self.reload()
        else:
            index = self.jobs.findData(job_id)
            job = self.presenter.queue.job(job_id)
            if job is not None:
                self.jobs.setItemText(index, job_label(job))

    def _show_current(self) -> None:
        job_id = self.current_job()
        job = self.presenter.queue.job(job_id) if job_id is not None else None
        self.model.set_items(self.presenter.items(job_id) if job_id is not None else [])
        self.progress.setRange(0, max(job.total, 1) if job else 1)
        self.progress.setValue(job.settled if job else 0)
        state = job.state if job else None
        self.pause.setEnabled(state in (BulkJobState.QUEUED, BulkJobState.RUNNING))
        self.resume.setEnabled(state is BulkJobState.PAUSED)
        self.cancel.setEnabled(state is not None and not state.finished)
        self.undo.setEnabled(job is not None and job.counts.get(ItemState.DONE, 0) > 0)
        self.summary.setText(_summary(job) if job else "No bulk edits yet.")

    def _on_job(self, action: object) -> None:
        job_id = self.current_job()
        if job_id is not None and callable(action):
            action(job_id)


def _summary(job: BulkJob) -> str:
    counts = ", ".join(f"{count} {_STATES[state]}" for state, count in sorted(job.counts.items()))
    waiting = (
        " Items wait for the server's rate limits by themselves." if job.state is BulkJobState.RUNNING else ""
    )
    return f"{counts}.{waiting}"
