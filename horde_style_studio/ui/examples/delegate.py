"""Paints an example as a card: a large thumbnail, the primary mark, the health mark, the size and the URL.

Clicks on a card's star ask for it to become primary; clicks on its thumbnail ask for the full-size view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPainterPath, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from horde_style_studio.ui.examples.gallery_model import Health, Role
from horde_style_studio.ui.shared.card_delegate import paint_focus_ring

Index = QModelIndex | QPersistentModelIndex
CARD = QSize(252, 330)
PAD = 10
THUMB = CARD.width() - 2 * PAD
STAR = 30
LINE = 20
PRIMARY_GOLD = QColor(222, 160, 20)
HEALTH_COLOURS = {
    Health.CHECKING: QColor(140, 140, 140),
    Health.LOADS: QColor(40, 170, 80),
    Health.BROKEN: QColor(225, 45, 45),
    Health.NOT_IMAGE: QColor(230, 120, 0),
    Health.TOO_LARGE: QColor(230, 120, 0),
}
PLACEHOLDER_GLYPHS = {Health.CHECKING: "…", Health.BROKEN: "✕", Health.NOT_IMAGE: "?", Health.TOO_LARGE: "⤢"}


@dataclass(frozen=True)
class CardGeometry:
    card: QRect
    thumb: QRect
    star: QRect
    text: QRect


def card_geometry(rect: QRect) -> CardGeometry:
    card = QRect(rect.topLeft(), CARD).adjusted(4, 4, -4, -4)
    thumb = QRect(card.left() + PAD - 4, card.top() + PAD - 4, THUMB, THUMB)
    star = QRect(thumb.right() - STAR - 6, thumb.top() + 6, STAR, STAR)
    text = QRect(thumb.left(), thumb.bottom() + 8, THUMB, card.bottom() - thumb.bottom() - 8)
    return CardGeometry(card, thumb, star, text)


class GalleryDelegate(QStyledItemDelegate):
    """Signals ``primary_clicked(int)`` and ``view_clicked(int)`` with the row clicked.

    ``editable`` decides whether non-primary cards offer their hollow star.
    """

    primary_clicked = Signal(int)
    view_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editable = False

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(CARD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        geometry = card_geometry(option.rect)
        palette: QPalette = option.palette
        state: QStyle.StateFlag = option.state
        primary = bool(index.data(Role.PRIMARY))
        painter.save()
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self._paint_card(painter, geometry.card, palette, state, primary)
        self._paint_thumbnail(painter, geometry.thumb, palette, index)
        if primary:
            _paint_badge(painter, geometry.thumb)
        elif self.editable:
            _paint_star(painter, geometry.star, hovered=bool(state & QStyle.StateFlag.State_MouseOver))
        self._paint_text(painter, geometry.text, palette, index)
        painter.restore()

    def _paint_card(
        self, painter: QPainter, card: QRect, palette: QPalette, state: QStyle.StateFlag, primary: bool
    ) -> None:
        selected = bool(state & QStyle.StateFlag.State_Selected)
        fill = QColor(palette.color(QPalette.ColorRole.Highlight))
        fill.setAlpha(46 if selected else 0)
        border = PRIMARY_GOLD if primary else palette.color(QPalette.ColorRole.Mid)
        if selected:
            border = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(border)
        painter.setBrush(fill)
        pen = painter.pen()
        pen.setWidthF(3.0 if selected or primary else 1.0)
        painter.setPen(pen)
        painter.drawRoundedRect(QRectF(card).adjusted(1, 1, -1, -1), 8, 8)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        paint_focus_ring(painter, QRectF(card).adjusted(4, 4, -4, -4), 6, focused, palette)

    def _paint_thumbnail(self, painter: QPainter, box: QRect, palette: QPalette, index: Index) -> None:
        background = QColor(palette.color(QPalette.ColorRole.Mid))
        background.setAlpha(60)
        painter.fillRect(box, background)
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            size = pixmap.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            painter.drawPixmap(target, pixmap)
            return
        health = _health(index)
        painter.save()
        font = QFont(painter.font())
        font.setPointSizeF(font.pointSizeF() * 4)
        painter.setFont(font)
        painter.setPen(HEALTH_COLOURS[health])
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, PLACEHOLDER_GLYPHS.get(health, "…"))
        painter.restore()

    def _paint_text(self, painter: QPainter, area: QRect, palette: QPalette, index: Index) -> None:
        health = _health(index)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(HEALTH_COLOURS[health])
        painter.drawEllipse(QRect(area.left(), area.top() + 5, 10, 10))
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        _line(painter, area.adjusted(16, 0, 0, 0), 0, health.value, Qt.TextElideMode.ElideRight)
        font.setBold(False)
        painter.setFont(font)
        size = str(index.data(Role.SIZE) or _short(str(index.data(Role.DETAIL) or "")))
        _line(painter, area, 1, size, Qt.TextElideMode.ElideRight)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        url = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        _line(painter, area, 2, url, Qt.TextElideMode.ElideMiddle)

    def editorEvent(
        self, event: QEvent, model: object, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        if event.type() != QEvent.Type.MouseButtonRelease or not isinstance(event, QMouseEvent):
            return False
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        geometry = card_geometry(option.rect)
        where = event.position().toPoint()
        if geometry.star.contains(where) and self.editable:
            self.primary_clicked.emit(index.row())
            return True
        if geometry.thumb.contains(where):
            self.view_clicked.emit(index.row())
            return True
        return False


def _health(index: Index) -> Health:
    # Through Qt's variant the StrEnum arrives as a plain str.
    value = index.data(Role.HEALTH)
    return Health(value) if value in Health.__members__.values() else Health.CHECKING


def _short(detail: str) -> str:
    """"The link is broken: its server answered 404" -> "Its server answered 404": the mark says the rest."""
    _, sep, rest = detail.partition(": ")
    return rest[:1].upper() + rest[1:] if sep else detail


def _line(painter: QPainter, area: QRect, number: int, text: str, elide: Qt.TextElideMode) -> None:
    line = QRect(area.left(), area.top() + number * LINE, area.width(), LINE)
    shown = painter.fontMetrics().elidedText(text, elide, line.width())
    painter.drawText(line, Qt.AlignmentFlag.AlignVCenter, shown)


def _paint_badge(painter: QPainter, thumb: QRect) -> None:
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    text = "★ Primary"
    width = painter.fontMetrics().horizontalAdvance(text) + 18
    badge = QRectF(thumb.left() + 6, thumb.top() + 6, width, 26)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PRIMARY_GOLD)
    painter.drawRoundedRect(badge, 13, 13)
    painter.setPen(QColor(30, 22, 0))
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)


def _paint_star(painter: QPainter, box: QRect, *, hovered: bool) -> None:
    """The hollow star on a card that is not primary: click it to make that example primary."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 170 if hovered else 110))
    painter.drawEllipse(box)
    path = _star_path(QRectF(box).adjusted(6, 6, -6, -6))
    painter.setPen(PRIMARY_GOLD)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def _star_path(box: QRectF) -> QPainterPath:
    centre, outer = box.center(), box.width() / 2
    path = QPainterPath()
    for point in range(10):
        radius = outer if point % 2 == 0 else outer * 0.45
        angle = math.pi / 5 * point - math.pi / 2
        vertex = QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle))
        path.moveTo(vertex) if point == 0 else path.lineTo(vertex)
    path.closeSubpath()
    return path
