"""The editor's questions (discard? delete? recreate? export where?), asked before any round trip starts.

Every box opens with ``open()``, never ``exec()`` (DESIGN qasync rule 4), and answers through a callback.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.ui.shared.places import in_documents
from horde_style_studio.ui.widgets.questions import Role, ask, ask_delete
from horde_style_studio.workflows.editing import messages


class EditorQuestions:
    """Asks on behalf of the editor page; ``dialog`` is the box open now (tests answer it)."""

    def __init__(self, parent: QWidget, presenter: EditorPresenter) -> None:
        self._parent = parent
        self.presenter = presenter
        self.dialog: QMessageBox | QFileDialog | None = None

    def confirm_discard(self, proceed: Callable[[], None], *, quitting: bool = False) -> None:
        """Run ``proceed`` now, or once the user chose to keep or discard unsaved changes. ``quitting``: a
        draft already kept as it stands goes on being kept without a question (it opens again next time)."""
        if not (self.presenter.needs_answer() if quitting else self.presenter.has_unsaved_changes()):
            proceed()
            return

        def answered(choice: str) -> None:
            if choice == "Keep as draft":
                self.presenter.mark_kept()
                proceed()
            elif choice == "Discard changes":
                self.presenter.discard_changes()
                proceed()

        choices = [("Keep as draft", Role.AcceptRole), ("Discard changes", Role.DestructiveRole),
                   ("Cancel", Role.RejectRole)]  # fmt: skip
        question = messages.discard_question(self.presenter.state.name)
        self.dialog = ask(self._parent, "Unsaved changes", question, choices, answered,
                          default="Keep as draft")  # fmt: skip

    def ask_delete(self) -> None:
        state = self.presenter.state
        creator = state.served.creator if state.served is not None else None
        question = messages.delete_question(state.name, creator)
        self.dialog = ask_delete(self._parent, "Delete style", question, self.presenter.delete)

    def ask_recreate(self, question: str) -> None:
        self.dialog = ask_delete(self._parent, "Text styles cannot be edited here", question,
                                 self.presenter.recreate, confirm="Delete and recreate")  # fmt: skip

    def ask_discard_draft(self, draft_id: str) -> None:
        question = "Discard this draft? Its changes are lost."
        discard = partial(self.presenter.delete_draft, draft_id)
        self.dialog = ask_delete(self._parent, "Discard draft", question, discard, confirm="Discard")

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
