"""The history view: the server's versions kept before each PATCH and DELETE, any of which can be put back
into the editor (a deleted style is then created again)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
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
from horde_style_studio.ui.shared.row_model import Getter, RowListModel
from horde_style_studio.workflows.editing.document import to_json

SEQ_ROLE = Qt.ItemDataRole.UserRole
AnyIndex = QModelIndex | QPersistentModelIndex
_REASONS = {SnapshotReason.PATCH: "before an edit", SnapshotReason.DELETE: "before deleting"}


def snapshot_line(snapshot: Snapshot) -> str:
    when = f"{snapshot.taken_at.astimezone():%d %b %Y %H:%M:%S}"
    # Two lines: the side panel is narrow, and a row cut off at its date is no help in choosing one.
    return f"{snapshot.name}\n{snapshot.kind.value}  ·  {_REASONS[snapshot.reason]}  ·  {when}"


class SnapshotListModel(RowListModel[Snapshot]):
    """Snapshots as rows, newest first; ``SEQ_ROLE`` gives the snapshot's number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        roles: dict[int, Getter[Snapshot]] = {
            Qt.ItemDataRole.DisplayRole: snapshot_line,
            Qt.ItemDataRole.ToolTipRole: lambda snapshot: f"Style id {snapshot.style_id}",
            SEQ_ROLE: lambda snapshot: snapshot.seq,
        }
        super().__init__(roles, parent=parent)


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
        self.model.set_rows(snapshots)
        self.empty.setVisible(not snapshots)
        self.restore_button.setEnabled(False)
        self.detail.clear()

    def select(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def _show(self, row: int) -> None:
        snapshot = self.model.row_at(row)
        self.restore_button.setEnabled(snapshot is not None)
        self.detail.setPlainText(to_json(snapshot.data) if snapshot is not None else "")

    def _restore_current(self) -> None:
        self._restore(self.view.currentIndex().row())

    def _restore(self, row: int) -> None:
        snapshot = self.model.row_at(row)
        if snapshot is not None:
            self.restore.emit(snapshot.seq)
