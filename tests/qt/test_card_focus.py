"""Cards and rows show where the keyboard focus is, and a badge fits on a card that has only initials."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QListView
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.shared.card_delegate import CardDelegate, Layout
from horde_style_studio.ui.shared.card_lists import CardListModel
from horde_style_studio.workflows.cards import Card

CARDS = [Card(id=str(n), kind=StyleKind.IMAGE, name=name, badge="NSFW" if n == 0 else None)
         for n, name in enumerate(("Muted Ink Sketch", "Oil Portrait", "Fantasy Map"))]  # fmt: skip


def _view(qtbot: QtBot, layout: Layout) -> QListView:
    model = CardListModel()
    model.set_rows(CARDS)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(CardDelegate(layout, parent=view))
    if layout is Layout.GRID:
        view.setViewMode(QListView.ViewMode.IconMode)
        view.setGridSize(QSize(200, 240))
    view.resize(640, 560)
    view.show()
    qtbot.waitExposed(view)
    return view


def _highlight_pixels(image: QImage, rect: QRect, colour: QColor) -> int:
    return sum(
        1 for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())
        if _near(image.pixelColor(x, y), colour, 40)
    )  # fmt: skip


def _near(a: QColor, b: QColor, tolerance: int) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tolerance


@pytest.mark.parametrize("layout", [Layout.GRID, Layout.LIST])
def test_the_card_the_keyboard_is_on_is_framed(qtbot: QtBot, layout: Layout) -> None:
    view = _view(qtbot, layout)
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    model = view.model()
    # The arrow keys moved the focus to the second card; nothing is selected.
    view.selectionModel().setCurrentIndex(model.index(1, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    image = view.viewport().grab().toImage()
    highlight = view.palette().color(view.palette().ColorRole.Highlight)
    focused = _highlight_pixels(image, view.visualRect(model.index(1, 0)), highlight)
    other = _highlight_pixels(image, view.visualRect(model.index(2, 0)), highlight)
    assert focused > other + 100


def test_the_nsfw_badge_fits_on_a_card_with_only_initials(qtbot: QtBot) -> None:
    view = _view(qtbot, Layout.GRID)
    image = view.viewport().grab().toImage()
    card = view.visualRect(view.model().index(0, 0))
    badge = QColor(150, 20, 20)
    red = [(x, y) for x in range(card.left(), card.right())
           for y in range(card.top(), card.bottom()) if _near(image.pixelColor(x, y), badge, 60)]  # fmt: skip
    assert red, "no badge painted"
    left, right = min(x for x, _ in red), max(x for x, _ in red)
    top, bottom = min(y for _, y in red), max(y for _, y in red)
    assert bottom - top <= 24  # one line high, not the initials' size
    picture = card.adjusted(14, 14, -14, -card.height() // 2)  # inside the picture's tint, off the card's rim
    white = [(x, y) for x in range(picture.left(), picture.right())
             for y in range(picture.top(), picture.bottom())
             if _near(image.pixelColor(x, y), QColor(255, 255, 255), 30)]  # fmt: skip
    assert white, "the badge's word is not painted"
    # The badge's word is painted inside the badge, none of it spilling over the picture.
    assert all(left <= x <= right and top <= y <= bottom for x, y in white)
