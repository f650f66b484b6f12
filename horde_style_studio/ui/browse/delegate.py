"""Paints a style card: thumbnail (or initials), name, creator, use count, kind and an NSFW badge."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from horde_style_studio.library import StyleRow
from horde_style_studio.ui.browse.model import ROW_ROLE
from horde_style_studio.ui.collections.thumbnails import ThumbnailCache

CARD = QSize(196, 236)
PAD = 8


class CardDelegate(QStyledItemDelegate):
    """Asks the shared thumbnail cache only for cards being painted, so only visible cards download."""

    def __init__(self, thumbnails: ThumbnailCache | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbnails = thumbnails

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return CARD

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, StyleRow):
            return
        palette = option.palette
        rect = option.rect.adjusted(4, 4, -4, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 6, 6)
        picture = QRect(rect.left() + PAD, rect.top() + PAD, rect.width() - 2 * PAD, rect.width() - 2 * PAD)
        self._paint_picture(painter, picture, row, palette)
        self._paint_text(painter, rect, picture.bottom() + 6, row, palette)
        painter.restore()

    def _paint_picture(self, painter: QPainter, area: QRect, row: StyleRow, palette: QPalette) -> None:
        painter.save()  # the placeholder's big font must not leak into the card's text
        self._paint_picture_inner(painter, area, row, palette)
        painter.restore()

    def _paint_picture_inner(self, painter: QPainter, area: QRect, row: StyleRow, palette: QPalette) -> None:
        pixmap = self._thumbnails.pixmap(row.thumbnail) if self._thumbnails is not None else None
        if pixmap is not None and not pixmap.isNull():
            scaled = pixmap.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                   Qt.TransformationMode.SmoothTransformation)
            painter.drawPixmap(area, scaled, QRect(0, 0, area.width(), area.height()))
        else:
            painter.fillRect(area, palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            font = QFont(painter.font())
            font.setPointSizeF(font.pointSizeF() * 2.2)
            font.setBold(True)
            painter.setFont(font)
            broken = row.thumbnail is not None and self._thumbnails is not None and self._thumbnails.failed(
                row.thumbnail)
            label = "broken image" if broken else ("Aa" if row.kind.value == "text" else _initials(row.name))
            if broken:
                font.setPointSizeF(font.pointSizeF() / 2.2)
                painter.setFont(font)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, label)
        if row.nsfw:
            badge = QRect(area.left() + 6, area.top() + 6, 46, 20)
            painter.setBrush(Qt.GlobalColor.darkRed)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "NSFW")

    def _paint_text(self, painter: QPainter, card: QRect, top: int, row: StyleRow, palette: QPalette) -> None:
        width = card.width() - 2 * PAD
        bold = QFont(painter.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        name = painter.fontMetrics().elidedText(row.name, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(card.left() + PAD, top, width, 18), Qt.AlignmentFlag.AlignLeft, name)
        plain = QFont(bold)
        plain.setBold(False)
        painter.setFont(plain)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        meta = f"{row.kind.value} · {row.use_count:,} uses · {row.creator.split('#')[0]}"
        meta = painter.fontMetrics().elidedText(meta, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(card.left() + PAD, top + 18, width, 18), Qt.AlignmentFlag.AlignLeft, meta)


def _initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isalnum()]
    return "".join(w[0].upper() for w in words[:2]) or "?"
