"""The history view: the server's versions kept before each PATCH and DELETE, any of which can be put back
into the editor (a deleted style is then created again)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.library.history import Snapshot, SnapshotReason
from horde_style_studio.workflows.editing.document import to_json

SEQ_ROLE = Qt.ItemDataRole.UserRole
AnyIndex = QModelIndex | QPersistentModelIndex
_REASONS = {SnapshotReason.PATCH: "before an edit", SnapshotReason.DELETE: "before deleting"}


def snapshot_line(snapshot: Snapshot) -> str:
    when = f"{snapshot.taken_at.astimezone():%d %b %Y %H:%M:%S}"
    # Two lines: the side panel is narrow, and a row cut off at its date is no help in choosing one.
    return f"{snapshot.name}\n{snapshot.kind.value}  ·  {_REASONS[snapshot.reason]}  ·  {when}"


class SnapshotListModel(QAbstractListModel):
    """Snapshots as rows, newest first; ``SEQ_ROLE`` gives the snapshot's number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snapshots: list[Snapshot] = []

    def set_snapshots(self, snapshots: Sequence[Snapshot]) -> None:
        self.beginResetModel()
        self._snapshots = list(snapshots)
        self.endResetModel()

    def snapshot_at(self, row: int) -> Snapshot | None:
        return self._snapshots[row] if 0 <= row < len(self._snapshots) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else len(self._snapshots)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        snapshot = self.snapshot_at(index.row()) if index.isValid() else None
        if snapshot is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return snapshot_line(snapshot)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Style id {snapshot.style_id}"
        if role == SEQ_ROLE:
            return snapshot.seq
        return None


class HistoryPanel(QWidget):
    """Signals: ``restore(int)`` a snapshot's number; ``scope(bool)`` True for the open style only."""

    restore = Signal(int)
    scope = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SnapshotListModel(self)
        self.only_open = QCheckBox("Open style only")
        self.only_open.setToolTip("List only the versions of the style open in the editor")
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Saved versions")
        self.view.setAlternatingRowColors(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.detail = QPlainTextEdit(readOnly=True)
        self.detail.setAccessibleName("The selected version")
        self.detail.setMaximumHeight(160)
        self.empty = QLabel("No versions yet: one is kept before every save and delete.", wordWrap=True)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setToolTip("Open this version as a draft; a deleted style is created again")
        row = QHBoxLayout()
        row.addWidget(self.only_open)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addLayout(row)
        self.only_open.toggled.connect(self.scope)
        self.restore_button.clicked.connect(self._restore_current)
        self.view.doubleClicked.connect(lambda index: self._restore(index.row()))
        self.view.selectionModel().currentChanged.connect(lambda current, _prev: self._show(current.row()))
        self.show_snapshots([])

    def show_snapshots(self, snapshots: Sequence[Snapshot]) -> None:
        self.model.set_snapshots(snapshots)
        self.empty.setVisible(not snapshots)
        self.restore_button.setEnabled(False)
        self.detail.clear()

    def select(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def _show(self, row: int) -> None:
        snapshot = self.model.snapshot_at(row)
        self.restore_button.setEnabled(snapshot is not None)
        self.detail.setPlainText(to_json(snapshot.data) if snapshot is not None else "")

    def _restore_current(self) -> None:
        self._restore(self.view.currentIndex().row())

    def _restore(self, row: int) -> None:
        snapshot = self.model.snapshot_at(row)
        if snapshot is not None:
            self.restore.emit(snapshot.seq)
