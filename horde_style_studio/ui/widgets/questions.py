"""Questions asked without ``exec()``: a window-modal box opened with ``open()``, answered through a
callback (DESIGN qasync rule 4), so the event loop and every task keep running while it waits.

Every delete question in the app is built by :func:`delete_box`: Cancel is its default and its Escape
button, so a reflexive Enter never deletes anything (issue 16).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget

Role = QMessageBox.ButtonRole
CANCEL = "Cancel"


def ask(
    parent: QWidget,
    title: str,
    text: str,
    choices: Sequence[tuple[str, Role]],
    answered: Callable[[str], None],
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    default: str | None = None,
) -> QMessageBox:
    """Show ``text`` with one button per choice; ``answered`` gets the chosen button's text (the last
    reject-role choice when the box is closed otherwise). Enter presses ``default``, or else that reject-role
    choice: a question never does by default what the user did not pick."""
    box = _box(parent, title, text, choices, answered, icon=icon, default=default)
    box.open()
    return box


def _box(
    parent: QWidget,
    title: str,
    text: str,
    choices: Sequence[tuple[str, Role]],
    answered: Callable[[str], None],
    *,
    icon: QMessageBox.Icon,
    default: str | None,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    buttons: dict[str, QPushButton] = {label: box.addButton(label, role) for label, role in choices}
    fallback = next((label for label, role in reversed(choices) if role is Role.RejectRole), "")
    if fallback:
        box.setEscapeButton(buttons[fallback])
    if (preferred := buttons.get(default or fallback)) is not None:
        box.setDefaultButton(preferred)
    labels = {button: label for label, button in buttons.items()}
    chosen: list[str] = []

    def clicked(button: QAbstractButton) -> None:
        chosen.append(labels.get(button, fallback))  # type: ignore[call-overload]  # a QPushButton key

    def finished(_result: int) -> None:
        answered(chosen[0] if chosen else fallback)

    box.buttonClicked.connect(clicked)
    box.finished.connect(finished)
    return box


def ask_delete(
    parent: QWidget, title: str, text: str, confirmed: Callable[[], None], *, confirm: str = "Delete"
) -> QMessageBox:
    """The delete question: ``confirmed`` runs only when the user pressed ``confirm``; Enter and Escape
    cancel."""
    box = _delete_box(parent, title, text, confirmed, confirm)
    box.open()
    return box


def _delete_box(
    parent: QWidget, title: str, text: str, confirmed: Callable[[], None], confirm: str
) -> QMessageBox:
    return _box(parent, title, text, [(confirm, Role.DestructiveRole), (CANCEL, Role.RejectRole)],
                lambda choice: confirmed() if choice == confirm else None,
                icon=QMessageBox.Icon.Warning, default=CANCEL)  # fmt: skip


def confirm_delete_now(parent: QWidget, title: str, text: str, *, confirm: str = "Delete") -> bool:
    """The same question for a caller that needs the answer at once (a menu's synchronous slot, never a
    coroutine): True only when the user pressed ``confirm``."""
    answer: list[bool] = []
    _delete_box(parent, title, text, lambda: answer.append(True), confirm).exec()
    return bool(answer)
