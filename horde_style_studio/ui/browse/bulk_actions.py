"""The "Edit selected" menu: which bulk edit to queue for the selected own styles, and its one input."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

# The dialogs below are imported when one is opened: the first paint shows only the button, and their Qt
# classes (QInputDialog, QMessageBox and their enums) cost start-up time (issue 18).
if TYPE_CHECKING:
    # Imported when an edit is chosen: the operations are pydantic models, which the first paint does
    # without (issue 18).
    from horde_style_studio.workflows.bulk import BulkOperation

Ask = Callable[[str, str], str | None]
"""(title, label) to the text the user typed, or None when they cancelled."""
Choose = Callable[[str, str, Sequence[str]], str | None]
Confirm = Callable[[str, str], bool]
Tell = Callable[[str, str], object]


def ask_text(parent: QWidget) -> Ask:
    def ask(title: str, label: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(parent, title, label)
        return text.strip() if ok and text.strip() else None

    return ask


def choose_item(parent: QWidget) -> Choose:
    def choose(title: str, label: str, options: Sequence[str]) -> str | None:
        if not options:
            return None
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getItem(parent, title, label, list(options), 0, False)
        return text if ok else None

    return choose


def confirm(parent: QWidget) -> Confirm:
    def ask(title: str, text: str) -> bool:
        from horde_style_studio.ui.widgets.questions import confirm_delete_now

        return confirm_delete_now(parent, title, text)

    return ask


def inform(parent: QWidget) -> Tell:
    def tell(title: str, text: str) -> object:
        from PySide6.QtWidgets import QMessageBox

        return QMessageBox.information(parent, title, text)

    return tell


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag.strip() for tag in text.split(",") if tag.strip()))


class BulkEditButton(QToolButton):
    """Emits ``requested(BulkOperation)``; the page supplies the targets (the selected own styles).

    ``collections`` gives the own collections as (id, name) pairs when "Add to collection" is chosen.
    ``ask``, ``choose`` and ``confirm`` are the dialogs, replaceable in tests.
    """

    requested = Signal(object)

    def __init__(
        self, collections: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setText("Edit selected")
        self.setToolTip(
            "Bulk edits of your own selected styles, through one patient queue (undo from History)"
        )
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.collections = collections
        self.ask: Ask = ask_text(self)
        self.choose: Choose = choose_item(self)
        self.confirm: Confirm = confirm(self)
        self.tell: Tell = inform(self)
        self.selected_count = 0
        menu = QMenu(self)
        entries: list[tuple[str, Callable[[], BulkOperation | None]]] = [
            ("Add tags…", lambda: self._tags("Add tags", adding=True)),
            ("Remove tags…", lambda: self._tags("Remove tags", adding=False)),
            ("Replace a model…", self._replace_model),
            ("Make public", lambda: self._set(public=True, value=True)),
            ("Make private", lambda: self._set(public=True, value=False)),
            ("Mark NSFW", lambda: self._set(public=False, value=True)),
            ("Mark safe for work", lambda: self._set(public=False, value=False)),
            ("Add to a collection…", self._collection),
            ("Delete…", self._delete),
        ]
        for text, build in entries:
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, make=build: self._emit(make()))
        self.setMenu(menu)

    def _emit(self, operation: BulkOperation | None) -> None:
        if operation is not None:
            self.requested.emit(operation)

    def _set(self, *, public: bool, value: bool) -> BulkOperation:
        from horde_style_studio.workflows.bulk import BulkAction, BulkOperation

        return BulkOperation(action=BulkAction.SET_PUBLIC if public else BulkAction.SET_NSFW, value=value)

    def _tags(self, title: str, *, adding: bool) -> BulkOperation | None:
        from horde_style_studio.workflows.bulk import BulkAction, BulkOperation

        action = BulkAction.ADD_TAGS if adding else BulkAction.REMOVE_TAGS
        text = self.ask(title, "Tags, separated by commas:")
        tags = split_tags(text or "")
        return BulkOperation(action=action, tags=tags) if tags else None

    def _replace_model(self) -> BulkOperation | None:
        from horde_style_studio.workflows.bulk import BulkAction, BulkOperation

        old = self.ask("Replace a model", "The model to replace (its exact name):")
        new = self.ask("Replace a model", f"Replace {old} with:") if old else None
        return BulkOperation(action=BulkAction.REPLACE_MODEL, old_model=old, new_model=new) if new else None

    def _collection(self) -> BulkOperation | None:
        from horde_style_studio.workflows.bulk import BulkAction, BulkOperation

        pairs = self.collections()
        names = [name for _id, name in pairs]
        if not names:
            self.tell("Add to a collection", "You have no collections yet: make one in the Collections tab.")
            return None
        chosen = self.choose("Add to a collection", "Collection:", names)
        found = next(((cid, name) for cid, name in pairs if name == chosen), None)
        if found is None:
            return None
        return BulkOperation(
            action=BulkAction.ADD_TO_COLLECTION, collection_id=found[0], collection_name=found[1]
        )

    def _delete(self) -> BulkOperation | None:
        from horde_style_studio.workflows.bulk import BulkAction, BulkOperation

        text = (
            f"Delete {self.selected_count} of your styles from the server? Each is kept in History first, "
            "so Undo can create it again (with a new id and no uses)."
        )
        return BulkOperation(action=BulkAction.DELETE) if self.confirm("Delete styles", text) else None
