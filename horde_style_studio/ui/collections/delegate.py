"""Painting styles as cards (the builder) and as compact rows (the style list), in the system palette."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from horde_style_studio.domain.base import StyleKind
from horde_style_studio.ui.collections.cards import MARK_TEXT, Mark, StyleCard
from horde_style_studio.ui.collections.style_model import CardRole

CARD_SIZE = QSize(144, 190)
ROW_HEIGHT = 58
_PICTURE = 126
_ROW_PICTURE = 46
# Translucent tints, like the stylesheet's, so light and dark schemes both stay readable.
_KIND_TINT = {StyleKind.IMAGE: QColor(60, 130, 240, 70), StyleKind.TEXT: QColor(40, 170, 80, 70)}
_MARK_TINT = {Mark.PRIVATE: QColor(230, 160, 0, 220), Mark.GONE: QColor(225, 45, 45, 225),
              Mark.UNCHECKED: QColor(128, 128, 128, 200)}  # fmt: skip
_PICKED_TINT = QColor(150, 90, 230, 235)
_NO_KIND_TINT = QColor(128, 128, 128, 60)


def initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


class CardDelegate(QStyledItemDelegate):
    """Paints a :class:`StyleCard`: its picture (the primary example, or initials on the kind's tint), name,
    creator and a badge for a private, gone or unchecked member. ``compact`` paints one-line list rows."""

    def __init__(self, *, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = compact
        self.picked_id: str | None = None

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        if self.compact:
            return QSize(max(option.rect.width(), 200), ROW_HEIGHT)
        return CARD_SIZE

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        card = index.data(CardRole)
        if not isinstance(card, StyleCard):
            super().paint(painter, option, index)
            return
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        picture = pixmap if isinstance(pixmap, QPixmap) and not pixmap.isNull() else None
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect, state, palette = option.rect, option.state, option.palette
        self._frame(painter, rect, state, palette)
        if self.compact:
            self._row(painter, rect, card, picture, palette)
        else:
            self._card(painter, rect, card, picture, palette)
        painter.restore()

    def _frame(self, painter: QPainter, rect: QRect, state: QStyle.StateFlag, palette: QPalette) -> None:
        box = QRectF(rect.adjusted(3, 3, -3, -3))
        selected = bool(state & QStyle.StateFlag.State_Selected)
        fill = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        if selected:
            fill.setAlpha(70)
        painter.setPen(palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 6, 6)

    def _card(
        self, painter: QPainter, rect: QRect, card: StyleCard, picture: QPixmap | None, palette: QPalette
    ) -> None:
        left = rect.left() + (rect.width() - _PICTURE) // 2
        area = QRect(left, rect.top() + 10, _PICTURE, _PICTURE)
        self._picture(painter, area, card, picture, palette, large=True)
        self._badges(painter, area, card)
        text_rect = QRect(area.left(), area.bottom() + 6, area.width(), 40)
        self._texts(painter, text_rect, card, palette)

    def _row(
        self, painter: QPainter, rect: QRect, card: StyleCard, picture: QPixmap | None, palette: QPalette
    ) -> None:
        area = QRect(rect.left() + 8, rect.top() + (rect.height() - _ROW_PICTURE) // 2, _ROW_PICTURE,
                     _ROW_PICTURE)  # fmt: skip
        self._picture(painter, area, card, picture, palette, large=False)
        left = area.right() + 10
        text_rect = QRect(left, rect.top() + 8, rect.right() - left - 8, rect.height() - 16)
        self._texts(painter, text_rect, card, palette)

    def _picture(
        self,
        painter: QPainter,
        area: QRect,
        card: StyleCard,
        picture: QPixmap | None,
        palette: QPalette,
        *,
        large: bool,
    ) -> None:
        path = QPainterPath()
        path.addRoundedRect(QRectF(area), 5, 5)
        painter.save()
        painter.setClipPath(path)
        if picture is not None:
            source = QRect(0, 0, picture.width(), picture.height())
            side = min(source.width(), source.height())
            source = QRect((source.width() - side) // 2, (source.height() - side) // 2, side, side)
            painter.drawPixmap(area, picture, source)
        else:
            painter.fillRect(area, _KIND_TINT.get(card.kind, _NO_KIND_TINT) if card.kind else _NO_KIND_TINT)
            font = QFont(painter.font())
            font.setBold(True)
            font.setPixelSize(area.height() // (3 if large else 2))
            painter.setFont(font)
            ink = palette.color(QPalette.ColorRole.Text)
            ink.setAlpha(150)
            painter.setPen(ink)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, initials(card.name))
        if card.mark is Mark.GONE:
            veil = palette.color(QPalette.ColorRole.Base)
            veil.setAlpha(150)  # a gone member is washed out: it will not be saved
            painter.fillRect(area, veil)
        painter.restore()

    def _badges(self, painter: QPainter, area: QRect, card: StyleCard) -> None:
        top = area.top() + 6
        if card.mark is not Mark.OK:
            top = self._badge(painter, area.left() + 6, top, MARK_TEXT[card.mark], _MARK_TINT[card.mark])
        if card.id == self.picked_id:
            self._badge(painter, area.left() + 6, top, "Drawn", _PICKED_TINT)

    def _badge(self, painter: QPainter, x: int, y: int, text: str, colour: QColor) -> int:
        painter.save()
        font = QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(11)
        painter.setFont(font)
        width = painter.fontMetrics().horizontalAdvance(text) + 12
        box = QRectF(x, y, width, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(box, 9, 9)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
        return y + 22

    def _texts(self, painter: QPainter, rect: QRect, card: StyleCard, palette: QPalette) -> None:
        name_font = QFont(painter.font())
        name_font.setBold(True)
        painter.setFont(name_font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        metrics = painter.fontMetrics()
        line = metrics.height()
        name = metrics.elidedText(card.name, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), Qt.AlignmentFlag.AlignLeft, name)
        detail = self._detail(card)
        detail_font = QFont(painter.font())
        detail_font.setBold(False)
        painter.setFont(detail_font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        detail = painter.fontMetrics().elidedText(detail, Qt.TextElideMode.ElideRight, rect.width())
        detail_rect = QRect(rect.left(), rect.top() + line + 2, rect.width(), line)
        painter.drawText(detail_rect, Qt.AlignmentFlag.AlignLeft, detail)

    def _detail(self, card: StyleCard) -> str:
        who = f"by {card.creator.split('#')[0]}" if card.creator else ""
        if not self.compact:
            return who
        kind = card.kind.value if card.kind else ""
        mark = f" · {MARK_TEXT[card.mark].lower()}" if card.mark is not Mark.OK else ""
        return " · ".join(part for part in (kind, who) if part) + mark
