"""The right-click menu of Browse's results: the detail pane's buttons, offered where the pointer is."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractButton, QMenu, QWidget


def mirror_menu(parent: QWidget, buttons: Sequence[QAbstractButton]) -> QMenu:
    """A menu offering what ``buttons`` offer, as they stand now (enabled or not, checked or not; those
    whose ``offered`` property is False not at all; a separator before those marked ``group_start``).
    Choosing an entry clicks its button, so the menu can never do something the pane would not."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)
    for button in buttons:
        if button.property("offered") is False:  # Edit and Delete, on someone else's style
            continue
        if button.property("group_start") and menu.actions():
            menu.addSeparator()
        action = menu.addAction(button.text().lstrip("☆★ "))  # the favourite button's star is its state
        action.setEnabled(button.isEnabled())
        action.setToolTip(button.toolTip())
        if button.isCheckable():
            action.setCheckable(True)
            action.setChecked(button.isChecked())
        action.triggered.connect(lambda _checked=False, pressed=button: pressed.click())
    return menu
