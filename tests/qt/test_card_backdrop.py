"""The card delegate copies a card's frame from a tile painted on the view's background only when that
background is one plain colour: never under a style sheet, which may paint anything there."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QListView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.ui.shared.card_delegate import _view_backdrop
from horde_style_studio.ui.widgets.viewport import with_python_viewport


def _own(view: QListView, sheet: str) -> None:
    view.setStyleSheet(sheet)


def _ancestor(view: QListView, sheet: str) -> None:
    view.window().setStyleSheet(sheet)


# (Not the application's: setting its sheet back to none resets its style and palettes for later tests.)
@pytest.mark.parametrize("where", [_own, _ancestor], ids=["own", "ancestor"])
def test_a_style_sheet_on_the_view_or_its_window_leaves_the_background_unknown(
    qtbot: QtBot, where: Callable[[QListView, str], None]
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    view = with_python_viewport(QListView())
    QVBoxLayout(window).addWidget(view)
    window.show()
    qtbot.waitExposed(window)
    plain = view.viewport().palette().color(view.viewport().backgroundRole())
    assert _view_backdrop(view) == plain
    try:
        where(view, "QLabel { color: red; }")
        assert view.style().metaObject().className() == "QStyleSheetStyle"
        assert _view_backdrop(view) is None
    finally:
        where(view, "")
    assert view.style().metaObject().className() != "QStyleSheetStyle"
    assert _view_backdrop(view) == plain
