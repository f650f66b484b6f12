"""The editor's questions (discard? delete? recreate? export where?), asked before any round trip starts.

Every box opens with ``open()``, never ``exec()`` (DESIGN qasync rule 4), and answers through a callback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from horde_style_studio.ui.editor.dialogs import Role, ask
from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.ui.shared.places import in_documents
from horde_style_studio.workflows.editing import messages


class EditorQuestions:
    """Asks on behalf of the editor page; ``dialog`` is the box open now (tests answer it)."""

    def __init__(self, parent: QWidget, presenter: EditorPresenter) -> None:
        self._parent = parent
        self.presenter = presenter
        self.dialog: QMessageBox | QFileDialog | None = None

    def confirm_discard(self, proceed: Callable[[], None]) -> None:
        """Run ``proceed`` now, or once the user chose to keep or discard unsaved changes."""
        if not self.presenter.has_unsaved_changes():
            proceed()
            return

        def answered(choice: str) -> None:
            if choice == "Keep as draft":
                self.presenter.flush()
                proceed()
            elif choice == "Discard changes":
                self.presenter.discard_changes()
                proceed()

        choices = [("Keep as draft", Role.AcceptRole), ("Discard changes", Role.DestructiveRole),
                   ("Cancel", Role.RejectRole)]  # fmt: skip
        question = messages.discard_question(self.presenter.state.name)
        self.dialog = ask(self._parent, "Unsaved changes", question, choices, answered)

    def ask_delete(self) -> None:
        state = self.presenter.state
        creator = state.served.creator if state.served is not None else None
        choices = [("Delete", Role.DestructiveRole), ("Cancel", Role.RejectRole)]
        question = messages.delete_question(state.name, creator)
        self.dialog = ask(self._parent, "Delete style", question, choices,
                          lambda choice: self.presenter.delete() if choice == "Delete" else None,
                          icon=QMessageBox.Icon.Warning)  # fmt: skip

    def ask_recreate(self, question: str) -> None:
        choices = [("Delete and recreate", Role.DestructiveRole), ("Cancel", Role.RejectRole)]
        def answered(choice: str) -> None:
            if choice == "Delete and recreate":
                self.presenter.recreate()

        self.dialog = ask(self._parent, "Text styles cannot be edited here", question, choices, answered,
                          icon=QMessageBox.Icon.Warning)  # fmt: skip

    def ask_discard_draft(self, draft_id: str) -> None:
        choices = [("Discard", Role.DestructiveRole), ("Cancel", Role.RejectRole)]
        def answered(choice: str) -> None:
            if choice == "Discard":
                self.presenter.delete_draft(draft_id)

        question = "Discard this draft? Its changes are lost."
        self.dialog = ask(self._parent, "Discard draft", question, choices, answered)

    def ask_export(self) -> None:
        """File ▸ Export draft as JSON: a save dialog opened with ``open()``, never ``exec()``."""
        dialog = QFileDialog(self._parent, "Export draft as JSON")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("Style files (*.json)")
        dialog.setDefaultSuffix("json")
        dialog.setDirectory(in_documents())
        dialog.selectFile(_file_name(self.presenter.state.name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.presenter.export_to(Path(name)))
        self.dialog = dialog
        dialog.open()


def _file_name(name: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in name).strip() or "style"
    return f"{safe}.json"
