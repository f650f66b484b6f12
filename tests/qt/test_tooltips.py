"""Every button and every filter in every tab says what it does when the pointer rests on it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.ui.main_window import TABS
from tests.qt.helpers import Running

# Filters: what narrows or orders a list. The Editor's form fields are inputs, not filters; they carry
# their own labels.
FILTERS = (QComboBox, QCheckBox, QLineEdit)


def _qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (a tab bar's scroll arrows, a line edit's clear button, a
    spin box's arrows): they explain themselves, and no code of ours can reach them."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QLineEdit | QAbstractSpinBox | QComboBox) or type(parent).__name__ == "QTabBar":
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def _tooltip(widget: QWidget, page: QWidget) -> str:
    """What Qt shows: a widget without a tooltip of its own passes the request to its parent (an Editor
    field's tooltip serves its checkbox), up to the page."""
    shown: QWidget | None = widget
    while shown is not None and shown is not page:
        if shown.toolTip().strip():
            return shown.toolTip()
        shown = shown.parentWidget()
    return ""


def _unexplained(page: QWidget, kinds: tuple[type[QWidget], ...]) -> list[str]:
    found = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, kinds) or _qt_internal(widget) or _tooltip(widget, page):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
        found.append(f"{type(widget).__name__} {text or widget.accessibleName() or widget.objectName()!r}")
    return found


def test_every_button_and_filter_of_every_tab_has_a_tooltip(qtbot: QtBot, signed_in: Running) -> None:
    studio = signed_in.studio
    missing = {}
    for spec in TABS:
        studio.window.select_tab(spec.key)
        page = studio.window.page(spec.key)
        assert page is not None
        kinds: tuple[type[QWidget], ...] = (QAbstractButton, *FILTERS) if spec.key != "editor" else (
            QAbstractButton,)  # fmt: skip
        if found := _unexplained(page, kinds):
            missing[spec.title] = found
    assert not missing, "\n".join(f"{tab}: {', '.join(names)}" for tab, names in missing.items())
    assert signed_in.close(qtbot) == 0
