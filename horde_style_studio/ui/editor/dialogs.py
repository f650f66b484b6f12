"""Questions asked without ``exec()``: a window-modal box opened with ``open()``, answered through a
callback (DESIGN qasync rule 4), so the event loop and every task keep running while it waits."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

Role = QMessageBox.ButtonRole


def ask(
    parent: QWidget,
    title: str,
    text: str,
    choices: Sequence[tuple[str, Role]],
    answered: Callable[[str], None],
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> QMessageBox:
    """Show ``text`` with one button per choice; ``answered`` gets the chosen button's text (the last
    reject-role choice when the box is closed otherwise)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    buttons: dict[QAbstractButton, str] = {}
    for label, role in choices:
        buttons[box.addButton(label, role)] = label
    fallback = next((label for label, role in reversed(choices) if role is Role.RejectRole), "")
    chosen: list[str] = []

    def clicked(button: QAbstractButton) -> None:
        chosen.append(buttons.get(button, fallback))

    def finished(_result: int) -> None:
        answered(chosen[0] if chosen else fallback)

    box.buttonClicked.connect(clicked)
    box.finished.connect(finished)
    box.open()
    return box
