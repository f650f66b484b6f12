"""Help ▸ Getting started and Help ▸ Keyboard shortcuts: two small non-modal windows inside the app.

The shortcuts are read from the window's own actions when the window opens, so the list cannot drift from
what the keys really do; keys that belong to one list (no action of their own) are listed beside them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio import APP_NAME

D = TypeVar("D", bound=QDialog)
Native = QKeySequence.SequenceFormat.NativeText

# Keys a list or field handles itself, where no menu action stands for them.
LIST_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Browse", "Enter or double-click", "Open the style: your own in the Editor, others' details"),
    ("Browse", "Menu key or right-click", "What can be done with the style under the pointer"),
    ("Browse", "Ctrl+A", "Select every style shown (to compare, export or edit them together)"),
    ("Browse", "Alt+1, Alt+2, Alt+3", "Show the results as a grid, a list or a table"),
    ("Examples", "P or Space", "Make the selected example the primary one"),
    ("Examples", "Enter", "Show the selected example full size"),
    ("Examples", "Delete", "Remove the selected example (after asking)"),
    ("Collections", "Delete or Backspace", "Take the selected styles out of the collection"),
    ("Any question", "Enter or Escape", "Cancel a delete question: deleting takes a click on Delete"),
)

GUIDE = f"""
<h2>Getting started with {APP_NAME}</h2>
<p>{APP_NAME} keeps a copy of the AI Horde's public styles on this computer, so searching and browsing is
instant and works offline. <b>View ▸ Refresh library</b> (F5) fetches them again.</p>
<h3>Browse</h3>
<p>Type in the search box (<b>Ctrl+F</b>) to find styles by name, description, prompt, tag, model or
creator; a style's id, or <i>alias::name</i> such as <i>db0#1::my style</i>, finds that very style. The
filters and the sort order are kept for next time. Enter or a double-click opens a style; the right-click
menu offers the rest: favourites, notes, examples, copying its id or JSON, adding it to a collection.</p>
<h3>Editor</h3>
<p>Sign in with a customizer or trusted account (Account ▸ Sign in) to create styles. Every edit is kept
as a draft within a fraction of a second, so nothing is lost if the app closes; the window title shows a
star while the open style has unsaved changes. <b>Review and save…</b> shows exactly what will change on
the server before anything is sent.</p>
<h3>Examples and Collections</h3>
<p>An image style can show up to four example images: add them by link in the Examples tab and pick the
primary one. Collections group styles of one kind: drag styles from Browse or the Collections tab's list
into the builder, then save.</p>
<h3>Trying safely</h3>
<p>Start the app with <b>--sandbox</b> to practise on a Horde that lives inside the app: nothing there
reaches the real AI Horde. Deleting always asks first, and Enter in a delete question cancels.</p>
"""


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, keys, what) for every menu action with a shortcut, in menu order."""
    found: list[tuple[str, str, str]] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            if not action.shortcut().isEmpty():
                found.append((_plain(top.text()), action.shortcut().toString(Native), _plain(action.text())))
    return found


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class ShortcutsDialog(QDialog):
    """Where, which keys and what they do, in one table (the menus' shortcuts, then the lists' keys)."""

    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "Does"])
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        _finish(self, self.table)
        self.resize(640, 520)


class GuideDialog(QDialog):
    """A short guide to the app, readable without leaving it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Getting started")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Guide")
        self.text.setHtml(GUIDE)  # the app's own markup, nothing from elsewhere
        _finish(self, self.text)
        self.resize(600, 560)


def _finish(dialog: QDialog, body: QWidget) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body, 1)
    layout.addWidget(buttons)


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    rows = [*menu_shortcuts(window), *LIST_KEYS]
    return _show(window, ShortcutsDialog, lambda: ShortcutsDialog(rows, window))


def show_guide(window: QMainWindow) -> GuideDialog:
    return _show(window, GuideDialog, lambda: GuideDialog(window))


def _show(window: QMainWindow, kind: type[D], make: Callable[[], D]) -> D:
    """Raise the one already open, or open a new one, without blocking (DESIGN: no ``exec()``)."""
    existing = window.findChild(kind)
    # A closed dialog may linger until its deferred delete runs; never hand that one back.
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = make()
    dialog.show()
    return dialog
