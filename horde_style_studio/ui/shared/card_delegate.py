"""The one card delegate: paints a :class:`~horde_style_studio.workflows.cards.Card` as a grid card, a list
row or a compact row, in the system palette, for every list of styles or collections in the app.

It reads the model only: the card (``CARD_ROLE``), its picture (``PICTURE_ROLE``, loaded by the model from the
thumbnail pipeline when first asked, so only painted rows download), whether that picture is broken, and an
own style's health issues (``HEALTH_ROLE``: a "⚠ n" badge).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.shared.row_model import (
    BROKEN_ROLE,
    CARD_ROLE,
    HEALTH_ROLE,
    PAINT_ROLE,
    PICTURE_ROLE,
)
from horde_style_studio.workflows.cards import MARK_TEXT, Card, Mark, initials

Index = QModelIndex | QPersistentModelIndex

CARD = QSize(196, 236)
"""A grid card's default size."""
PAD = 8
FOCUS_RING = 2.0
# Translucent tints, like the stylesheet's, so light and dark schemes both stay readable.
_KIND_TINT = {StyleKind.IMAGE: QColor(60, 130, 240, 70), StyleKind.TEXT: QColor(40, 170, 80, 70)}
_NO_KIND_TINT = QColor(128, 128, 128, 60)
_MARK_TINT = {Mark.PRIVATE: QColor(230, 160, 0, 220), Mark.GONE: QColor(225, 45, 45, 225),
              Mark.UNCHECKED: QColor(128, 128, 128, 200)}  # fmt: skip
_BADGE_TINT = QColor(150, 20, 20, 235)
_PICKED_TINT = QColor(150, 90, 230, 235)
_HEALTH_TINT = QColor(190, 110, 0, 240)


class Layout(Enum):
    """GRID: a card, picture above its name; LIST: a row of three lines; COMPACT: a row of two lines."""

    GRID = "grid"
    LIST = "list"
    COMPACT = "compact"


ROW_HEIGHT = {Layout.LIST: 64, Layout.COMPACT: 58}
# Placeholder tiles kept: a grid card's is about 120 kB, so at most ~30 MB; names' initials and kinds make a
# few hundred looks, most screens use a few dozen.
KEPT_TILES = 256


class CardDelegate(QStyledItemDelegate):
    """Paints cards in ``layout`` (grid cards of ``card_size``). ``picked_id`` marks one card "Drawn"."""

    def __init__(
        self, layout: Layout = Layout.GRID, *, card_size: QSize = CARD, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.layout = layout
        self.card_size = card_size
        self.picked_id: str | None = None
        # A grid's cell when wider than a card (a wrapping list view's items fill their cells): the card is
        # painted centred in it, where IconMode would have placed it.
        self.cell: QSize | None = None
        # Placeholders painted once (a tint and the name's initials, the same for many cards): filling the
        # rounded path and shaping the big letters cost most of a card's paint.
        self._tiles: dict[tuple[object, ...], QPixmap] = {}

    @property
    def compact(self) -> bool:
        """Whether rows are painted rather than cards."""
        return self.layout is not Layout.GRID

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if self.layout is Layout.GRID:
            return self.cell or self.card_size
        return QSize(max(option.rect.width(), 200), ROW_HEIGHT[self.layout])

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painted = index.data(PAINT_ROLE)
        if isinstance(painted, tuple):
            card, pixmap, broken_, issues = painted
        else:  # a model of its own, without the one-call role
            card, pixmap = index.data(CARD_ROLE), index.data(PICTURE_ROLE)
            broken_, issues = index.data(BROKEN_ROLE), index.data(HEALTH_ROLE)
        if not isinstance(card, Card):
            super().paint(painter, option, index)
            return
        picture = pixmap if isinstance(pixmap, QPixmap) and not pixmap.isNull() else None
        broken = bool(broken_)
        health = len(issues or ())
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        if self.layout is Layout.GRID and rect.width() > self.card_size.width():
            left = rect.left() + (rect.width() - self.card_size.width()) // 2
            rect = QRect(left, rect.top(), self.card_size.width(), rect.height())
        rect = rect.adjusted(3, 3, -3, -3)
        self._frame(painter, rect, option.state, palette)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if self.layout is Layout.GRID:
            side = min(rect.width() - 2 * PAD, rect.height() - 2 * PAD - 2 * self._line(painter))
            area = QRect(rect.left() + (rect.width() - side) // 2, rect.top() + PAD, side, side)
            text = QRect(
                rect.left() + PAD, area.bottom() + 6, rect.width() - 2 * PAD, rect.bottom() - area.bottom()
            )
            self._picture(painter, area, card, picture, broken, palette, selected)
            self._badges(painter, area, card)
            if health:
                self._health_badge(painter, area, health)
            self._texts(painter, text, card, palette, lines=2)
        else:
            side = rect.height() - 12
            area = QRect(rect.left() + 6, rect.top() + 6, side, side)
            self._picture(painter, area, card, picture, broken, palette, selected)
            left = area.right() + 10
            text = QRect(left, rect.top() + 5, rect.right() - left - PAD, rect.height() - 10)
            lines = 3 if self.layout is Layout.LIST else 2
            self._texts(painter, text, card, palette, lines=lines, health=health)
        painter.restore()

    # -- parts -----------------------------------------------------------------------------------------------
    def _line(self, painter: QPainter) -> int:
        return painter.fontMetrics().height() + 2

    def _frame(self, painter: QPainter, rect: QRect, state: QStyle.StateFlag, palette: QPalette) -> None:
        selected = bool(state & QStyle.StateFlag.State_Selected)
        fill = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        if selected:
            fill.setAlpha(70)
        painter.setPen(palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid))
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(rect), 6, 6)
        paint_focus_ring(painter, QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5), 5, state, palette)

    def _picture(
        self,
        painter: QPainter,
        area: QRect,
        card: Card,
        picture: QPixmap | None,
        broken: bool,
        palette: QPalette,
        selected: bool,
    ) -> None:
        path = QPainterPath()
        path.addRoundedRect(QRectF(area), 5, 5)
        painter.save()  # the clip and the placeholder's big font must not leak into the card's text
        # Only a picture or a veil needs the rounded clip: any fill under a clip path is rasterised through
        # a mask (milliseconds a card, most of a frame for a screenful), so the placeholder fills the path.
        clipped = picture is not None or card.mark is Mark.GONE
        if clipped:
            painter.setClipPath(path)
        if picture is not None:
            # The picture's centre, square: a card shows what the example is about, not its edges.
            side = min(picture.width(), picture.height())
            source = QRect((picture.width() - side) // 2, (picture.height() - side) // 2, side, side)
            painter.drawPixmap(area, picture, source)
        else:
            tint = _KIND_TINT.get(card.kind, _NO_KIND_TINT) if card.kind else _NO_KIND_TINT
            if clipped:
                painter.fillRect(area, tint)
            else:
                # The placeholder on an opaque card is painted once onto that card's colour: the same
                # operations on the same pixels, so the tile is exactly what painting it here would give.
                backdrop = palette.color(QPalette.ColorRole.Base)
                if backdrop.alpha() == 255 and not selected:
                    tile = self._tile(painter, area.size(), tint, card, broken, palette, backdrop)
                    painter.drawPixmap(area.topLeft(), tile)
                    painter.restore()
                    return
                painter.fillPath(path, tint)
            self._placeholder(painter, area, card, broken, palette)
        if card.mark is Mark.GONE:
            veil = palette.color(QPalette.ColorRole.Base)
            veil.setAlpha(150)  # a gone style is washed out: it will not be saved
            painter.fillRect(area, veil)
        painter.restore()

    def _tile(
        self,
        painter: QPainter,
        size: QSize,
        tint: QColor,
        card: Card,
        broken: bool,
        palette: QPalette,
        backdrop: QColor,
    ) -> QPixmap:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        label = "" if broken else initials(card.name)
        ink = palette.color(QPalette.ColorRole.Text).rgba()
        key = (size.width(), size.height(), ratio, tint.rgba(), label, broken, painter.font().key(), ink,
               backdrop.rgba(), self.layout)  # fmt: skip
        tile = self._tiles.get(key)
        if tile is None:
            if len(self._tiles) >= KEPT_TILES:
                self._tiles.pop(next(iter(self._tiles)))  # the oldest
            tile = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            tile.setDevicePixelRatio(ratio)
            tile.fill(backdrop)
            own = QPainter(tile)
            own.setRenderHint(QPainter.RenderHint.Antialiasing)
            own.setFont(painter.font())
            area = QRect(0, 0, size.width(), size.height())
            path = QPainterPath()
            path.addRoundedRect(QRectF(area), 5, 5)
            own.fillPath(path, tint)
            self._placeholder(own, area, card, broken, palette)
            own.end()
            self._tiles[key] = tile
        return tile

    def _placeholder(
        self, painter: QPainter, area: QRect, card: Card, broken: bool, palette: QPalette
    ) -> None:
        """The initials of the name (or "broken image") in the middle of the picture's place."""
        font = QFont(painter.font())
        font.setBold(True)
        large = self.layout is Layout.GRID
        if broken:
            font.setPixelSize(max(9, area.height() // (9 if large else 4)))
            label = "broken image" if large else "broken"
        else:
            font.setPixelSize(max(9, area.height() // (3 if large else 2)))
            label = initials(card.name)
        painter.setFont(font)
        ink = palette.color(QPalette.ColorRole.Text)
        ink.setAlpha(150)
        painter.setPen(ink)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, label)

    def _badge_list(self, card: Card) -> list[tuple[str, QColor]]:
        badges = [(card.badge, _BADGE_TINT)] if card.badge else []
        if card.mark is not Mark.OK and MARK_TEXT[card.mark].casefold() != (card.badge or "").casefold():
            badges.append((MARK_TEXT[card.mark], _MARK_TINT[card.mark]))
        if card.id == self.picked_id:
            badges.append(("Drawn", _PICKED_TINT))
        return badges

    def _health_badge(self, painter: QPainter, area: QRect, count: int) -> None:
        """ "⚠ n" in the picture's top right corner: the own style has n health issues."""
        text = f"⚠ {count}"
        width = QFontMetrics(_badge_font(painter.font())).horizontalAdvance(text) + 12
        self._badge(painter, area.right() - width - 6, area.top() + 6, text, _HEALTH_TINT)

    def _badges(self, painter: QPainter, area: QRect, card: Card) -> None:
        top = area.top() + 6
        for text, colour in self._badge_list(card):
            self._badge(painter, area.left() + 6, top, text, colour)
            top += 22

    def _badge(self, painter: QPainter, x: int, y: int, text: str, colour: QColor) -> int:
        """Paints a badge with its top left at (x, y); its width."""
        painter.save()
        painter.setFont(_badge_font(painter.font()))
        width = painter.fontMetrics().horizontalAdvance(text) + 12
        box = QRectF(x, y, width, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(box, 9, 9)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
        return width

    def _texts(
        self, painter: QPainter, rect: QRect, card: Card, palette: QPalette, *, lines: int, health: int = 0
    ) -> None:
        width = rect.width()
        if self.layout is not Layout.GRID:
            right = rect.right()
            metrics = QFontMetrics(_badge_font(painter.font()))
            badges = self._badge_list(card) + ([(f"⚠ {health}", _HEALTH_TINT)] if health else [])
            for text, colour in reversed(badges):
                right -= metrics.horizontalAdvance(text) + 12
                self._badge(painter, right, rect.top(), text, colour)
                right -= 4
            width = right - rect.left() - PAD
        bold = QFont(painter.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        line = self._line(painter)
        title = painter.fontMetrics().elidedText(card.name, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(rect.left(), rect.top(), width, line), Qt.AlignmentFlag.AlignLeft, title)
        plain = QFont(bold)
        plain.setBold(False)
        painter.setFont(plain)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        for number, words in enumerate((card.byline, card.detail)[: lines - 1], start=1):
            shown = painter.fontMetrics().elidedText(words, Qt.TextElideMode.ElideRight, rect.width())
            where = QRect(rect.left(), rect.top() + number * line, rect.width(), line)
            painter.drawText(where, Qt.AlignmentFlag.AlignLeft, shown)


def paint_focus_ring(
    painter: QPainter, rect: QRectF, radius: float, state: QStyle.StateFlag, palette: QPalette
) -> None:
    """Where the keyboard is (the arrow keys move it, Enter opens, Space selects): a dashed ring of its own,
    distinct from the selection's frame, so it shows on a selected card too. Only on the focused item."""
    if not state & QStyle.StateFlag.State_HasFocus:
        return
    painter.save()
    ring = QPen(palette.color(QPalette.ColorRole.Highlight), FOCUS_RING)
    ring.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(ring)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect, radius, radius)
    painter.restore()


def _badge_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setBold(True)
    font.setPixelSize(11)
    return font
