"""The drafts list: every style with edits not saved to the server, most recent first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from horde_style_studio.library.drafts import Draft
from horde_style_studio.ui.shared.row_model import Getter, RowListModel


def draft_line(draft: Draft) -> str:
    what = "new" if draft.style_id is None else "edits"
    when = f"{draft.updated_at.astimezone():%d %b %H:%M}"
    return f"{draft.name}  ·  {draft.kind.value} style, {what}  ·  {when}"


def _draft_tip(draft: Draft) -> str:
    return draft.origin or ("A style not on the server yet" if draft.style_id is None
                            else "Changes to a style on the server")  # fmt: skip


class DraftListModel(RowListModel[Draft]):
    """Drafts as rows; ``ID_ROLE`` gives the draft id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        roles: dict[int, Getter[Draft]] = {
            Qt.ItemDataRole.DisplayRole: draft_line,
            Qt.ItemDataRole.ToolTipRole: _draft_tip,
        }
        super().__init__(roles, key=lambda draft: draft.id, parent=parent)


class DraftsPanel(QWidget):
    """Signals: ``open_draft(str)``, ``discard_draft(str)`` with a draft id; ``export()`` the open style."""

    open_draft = Signal(str)
    discard_draft = Signal(str)
    export = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DraftListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Drafts")
        self.empty = QLabel("No drafts: every style you edit is kept here until it is saved.", wordWrap=True)
        self.open_button = QPushButton("Open")
        self.discard_button = QPushButton("Discard…")
        self.export_button = QPushButton("Export…")
        self.open_button.setToolTip("Continue the selected draft in the editor")
        self.discard_button.setToolTip("Throw the selected draft away, after asking")
        self.export_button.setToolTip("Save the open style as a JSON file (File ▸ Export draft as JSON)")
        buttons = QHBoxLayout()
        for button in (self.open_button, self.discard_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.doubleClicked.connect(lambda index: self._emit(self.open_draft, index.row()))
        self.open_button.clicked.connect(lambda: self._emit(self.open_draft, self.view.currentIndex().row()))
        self.discard_button.clicked.connect(
            lambda: self._emit(self.discard_draft, self.view.currentIndex().row())
        )
        self.export_button.clicked.connect(self.export)
        self.show_drafts([])

    def show_drafts(self, drafts: Sequence[Draft]) -> None:
        current = self.model.row_at(self.view.currentIndex().row())
        self.model.set_rows(drafts)
        self.empty.setVisible(not drafts)
        ids = [d.id for d in drafts]
        if current is not None and current.id in ids:
            self.view.setCurrentIndex(self.model.index(ids.index(current.id), 0))
        for button in (self.open_button, self.discard_button):
            button.setEnabled(bool(drafts))

    def _emit(self, signal: Any, row: int) -> None:
        draft = self.model.row_at(row)
        if draft is not None:
            signal.emit(draft.id)
