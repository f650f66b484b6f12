"""Paints Browse rows as cards (the grid) or as one-line rows with a small picture (the list): thumbnail (or
initials), name, a line of facts, and a badge (NSFW, private). Styles and collections alike, by their face."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from horde_style_studio.ui.browse.faces import Face, face_of
from horde_style_studio.ui.browse.model import HEALTH_ROLE, ROW_ROLE
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache

CARD = QSize(196, 236)
ROW_HEIGHT = 64
PAD = 8
LINE = 18


class CardDelegate(QStyledItemDelegate):
    """Asks the shared thumbnail cache only for rows being painted, so only visible rows download.
    ``compact`` paints list rows instead of cards."""

    def __init__(self, thumbnails: ThumbnailCache | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbnails = thumbnails
        self.compact = False

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(max(option.rect.width(), 240), ROW_HEIGHT) if self.compact else CARD

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        face = face_of(index.data(ROW_ROLE))
        if face is None:
            return
        palette = option.palette
        rect = option.rect.adjusted(2, 2, -2, -2) if self.compact else option.rect.adjusted(4, 4, -4, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 6, 6)
        if self.compact:
            side = rect.height() - 2 * 6
            picture = QRect(rect.left() + 6, rect.top() + 6, side, side)
            text = QRect(picture.right() + PAD, rect.top() + 4, rect.right() - picture.right() - 2 * PAD, 0)
            lines = 3
        else:
            side = rect.width() - 2 * PAD
            picture = QRect(rect.left() + PAD, rect.top() + PAD, side, side)
            text = QRect(rect.left() + PAD, picture.bottom() + 6, rect.width() - 2 * PAD, 0)
            lines = 2
        self._paint_picture(painter, picture, face, palette)
        self._paint_text(painter, text, lines, face, palette)
        issues = index.data(HEALTH_ROLE)
        if issues:
            self._paint_health(painter, picture, len(issues))
        painter.restore()

    def _paint_health(self, painter: QPainter, picture: QRect, count: int) -> None:
        """An amber "⚠ n" in the picture's top right corner: the own style has n health issues."""
        text = f"⚠ {count}" if not self.compact else "⚠"
        width = painter.fontMetrics().horizontalAdvance(text) + 12
        badge = QRect(picture.right() - width - 4, picture.top() + 4, width, 20)
        painter.save()
        painter.setBrush(QColor(230, 150, 0))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def _paint_picture(self, painter: QPainter, area: QRect, face: Face, palette: QPalette) -> None:
        painter.save()  # the placeholder's big font must not leak into the card's text
        pixmap = self._thumbnails.pixmap(face.thumbnail) if self._thumbnails is not None else None
        if pixmap is not None and not pixmap.isNull():
            scaled = pixmap.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                   Qt.TransformationMode.SmoothTransformation)
            painter.drawPixmap(area, scaled, QRect(0, 0, area.width(), area.height()))
        else:
            painter.fillRect(area, palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            broken = face.thumbnail is not None and self._thumbnails is not None and self._thumbnails.failed(
                face.thumbnail)
            font = QFont(painter.font())
            # Big initials on a card; a smaller word for a broken image or in a list row's small square.
            font.setPointSizeF(font.pointSizeF() * (1.0 if broken or self.compact else 2.2))
            font.setBold(True)
            painter.setFont(font)
            label = ("broken" if self.compact else "broken image") if broken else face.placeholder
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, label)
        if face.badge and not self.compact:
            self._paint_badge(painter, QRect(area.left() + 6, area.top() + 6, 0, 20), face.badge)
        painter.restore()

    def _paint_badge(self, painter: QPainter, where: QRect, text: str) -> None:
        badge = QRect(where.left(), where.top(), painter.fontMetrics().horizontalAdvance(text) + 14, 20)
        painter.setBrush(Qt.GlobalColor.darkRed)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_text(self, painter: QPainter, area: QRect, lines: int, face: Face, palette: QPalette) -> None:
        width = area.width()
        bold = QFont(painter.font())
        bold.setBold(True)
        painter.setFont(bold)
        if self.compact and face.badge:
            painter.save()
            badge_width = painter.fontMetrics().horizontalAdvance(face.badge) + 14
            self._paint_badge(painter, QRect(area.right() - badge_width, area.top(), 0, 0), face.badge)
            painter.restore()
            width -= badge_width + PAD
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        title = painter.fontMetrics().elidedText(face.title, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(area.left(), area.top(), width, LINE), Qt.AlignmentFlag.AlignLeft, title)
        plain = QFont(bold)
        plain.setBold(False)
        painter.setFont(plain)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        for line, words in enumerate((face.meta, face.detail)[: lines - 1], start=1):
            words = painter.fontMetrics().elidedText(words, Qt.TextElideMode.ElideRight, area.width())
            where = QRect(area.left(), area.top() + line * LINE, area.width(), LINE)
            painter.drawText(where, Qt.AlignmentFlag.AlignLeft, words)
