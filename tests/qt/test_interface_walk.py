"""A walk over everything the window shows, tab by tab (the Editor with an image and a text style), and the
dialogs: every control a keyboard can reach has a name a screen reader can say, and no text the user can
read refers to the API reference by "§"."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleQuery
from horde_style_studio.sandbox import CUSTOMIZER_KEY
from horde_style_studio.ui.composition import Studio
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start

VIEWS = ("browse grid", "browse list", "browse table", "collections", "examples", "editor image",
         "editor text", "settings", "sign in", "try", "compare", "image host")  # fmt: skip


@contextmanager
def _running(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> Iterator[Studio]:
    """The app signed in as the sandbox's curator, its library filled; closed at the end of the test (not in
    a fixture's teardown: pytest-qt closes the window before fixtures end)."""
    studio = make_studio(sandbox_transport, sandbox_key=CUSTOMIZER_KEY)
    with qtbot.waitSignal(studio.library_sync.refreshed, timeout=30_000):
        task: asyncio.Task[int] = start(qtbot, studio)
    yield studio
    for dialog in studio.window.findChildren(QDialog):
        dialog.reject()
    close(qtbot, studio, task)


def _show(qtbot: QtBot, studio: Studio, view: str) -> QWidget:
    """Bring ``view`` on screen as a user would; the top-level widget that shows it."""
    window = studio.window
    if view.startswith("browse"):
        window.select_tab("browse")
        studio.browse_page.set_view_mode(view.split()[1])
        return window
    if view.startswith("editor"):
        kind = StyleKind.IMAGE if view.endswith("image") else StyleKind.TEXT
        [row] = studio.library.search(StyleQuery(kind=kind, limit=1))
        style = studio.library.get_style(row.id)
        assert style is not None
        studio.editor.open_style(style)
        window.select_tab("editor")
        return window
    if view in {"collections", "examples"}:
        window.select_tab(view)
        return window
    if view == "settings":
        return studio.open_settings()
    if view == "sign in":
        return studio.open_sign_in()
    if view == "image host":
        return studio.trials.open_host_settings()
    rows = studio.library.search(StyleQuery(kind=StyleKind.IMAGE, limit=2))
    shown = studio.trials.open_for_ids([row.id for row in rows[: 1 if view == "try" else 2]])
    assert shown is not None
    return shown


def _controls(top: QWidget) -> list[QWidget]:
    """Widgets the Tab key can reach in ``top`` as it is shown now; a spin box or combo box stands for the
    line edit it hands its focus to, as a screen reader presents it."""
    found = []
    for widget in top.findChildren(QWidget):
        if not (widget.isVisibleTo(top) and widget.isEnabled() and widget.window() is top):
            continue
        owner = widget.parentWidget()
        if isinstance(owner, (QAbstractSpinBox, QComboBox)):
            widget = owner
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget not in found:
            found.append(widget)
    return found


def _spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _describe(widget: QWidget) -> str:
    chain: list[str] = []
    node: QWidget | None = widget
    while node is not None and len(chain) < 4:
        chain.append(f"{type(node).__name__}#{node.objectName()}")
        node = node.parentWidget()
    return " < ".join(chain)


@pytest.mark.parametrize("view", VIEWS)
def test_every_reachable_control_has_a_name_a_screen_reader_can_say(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport, view: str
) -> None:
    with _running(qtbot, make_studio, sandbox_transport) as studio:
        top = _show(qtbot, studio, view)
        nameless = [f"{_describe(w)} {w.toolTip()!r}" for w in _controls(top) if not _spoken_name(w)]
    assert nameless == []


def _texts(widget: QWidget) -> Iterator[str]:
    yield from (widget.toolTip(), widget.whatsThis(), widget.statusTip(), widget.windowTitle(),
                widget.accessibleName(), widget.accessibleDescription())  # fmt: skip
    if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        yield widget.text()
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        yield widget.placeholderText()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QAbstractScrollArea) and hasattr(widget, "model"):
        model = widget.model()
        if isinstance(model, QAbstractItemModel):
            yield from _model_texts(model)
    for action in widget.actions():
        yield from _action_texts(action)


def _action_texts(action: QAction) -> Iterator[str]:
    yield from (action.text(), action.toolTip(), action.statusTip(), action.whatsThis())
    if isinstance(menu := action.menu(), QMenu):
        for sub in menu.actions():
            yield from _action_texts(sub)


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    parent = parent or QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for row in range(min(model.rowCount(parent), 50)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value


def test_no_text_the_interface_shows_cites_the_reference_by_section(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    seen: dict[str, str] = {}
    with _running(qtbot, make_studio, sandbox_transport) as studio:
        for view in VIEWS:
            top = _show(qtbot, studio, view)
            for widget in [top, *top.findChildren(QWidget)]:
                for text in _texts(widget):
                    if "§" in text:
                        seen[text] = f"{view}: {_describe(widget)}"
        for _level, text in studio.window.message_view.messages():
            if "§" in text:
                seen[text] = "message bar"
    assert seen == {}


def test_a_text_style_is_tried_without_image_only_hints(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    with _running(qtbot, make_studio, sandbox_transport) as studio:
        [row] = studio.library.search(StyleQuery(kind=StyleKind.TEXT, limit=1))
        style = studio.library.get_style(row.id)
        studio.browse_page.detail.show_style(style)
        shown = studio.trials.open_for_ids([row.id])
        assert shown is not None
        hints = [studio.browse_page.detail.try_prompt.placeholderText(),
                 *(edit.placeholderText() for edit in shown.findChildren(QLineEdit))]  # fmt: skip
        assert [hint for hint in hints if "###" in hint or "negative" in hint] == []


def test_the_trial_windows_open_within_a_small_screen(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    with _running(qtbot, make_studio, sandbox_transport) as studio:
        room = studio.window.screen().availableGeometry().size()  # offscreen: 800 x 600
        for view in ("try", "compare"):
            shown = _show(qtbot, studio, view)
            assert shown.width() <= room.width()
            assert shown.height() <= room.height()
