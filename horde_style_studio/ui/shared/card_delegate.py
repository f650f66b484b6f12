"""The one card delegate: paints a :class:`~horde_style_studio.workflows.cards.Card` as a grid card, a list
row or a compact row, in the system palette, for every list of styles or collections in the app.

It reads the model only: the card (``CARD_ROLE``), its picture (``PICTURE_ROLE``, loaded by the model from the
thumbnail pipeline when first asked, so only painted rows download), whether that picture is broken, and an
own style's health issues (``HEALTH_ROLE``: a "⚠ n" badge).
"""

from __future__ import annotations

import unicodedata
from enum import Enum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.shared.row_model import (
    BROKEN_ROLE,
    CARD_ROLE,
    HEALTH_ROLE,
    PAINT_ROLE,
    PICTURE_ROLE,
    RowListModel,
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
# Card frames kept per look, by size: a list view's rows change size with the window, a grid's do not.
KEPT_FRAMES = 16
KEPT_LOOKS = 8  # views and palettes: a handful of lists, in a light and a dark scheme
# How far a frame's antialiased outline reaches past its rectangle (a pen of one pixel, centred on the edge),
# and no further than the margin between a card and the edge of its cell, so a frame tile never covers a
# neighbour.
_FRAME_REACH = 2

# QStyle::State_Selected and State_HasFocus (qstyle.h, the same since Qt 4), spelled out: reading them, or
# anything of QStyle, makes PySide build all of QStyle's enums, ~25M instructions before the first paint
# (issue 18).
_SELECTED = 0x8000
_FOCUS = 0x0100
# Read once: a flag or role looked up through its enum class costs a few microseconds, dozens a card.
_ANTIALIAS = QPainter.RenderHint.Antialiasing
_SOLID = Qt.BrushStyle.SolidPattern
_ELIDE = Qt.TextElideMode.ElideRight
_LEFT = Qt.AlignmentFlag.AlignLeft
_BASE = QPalette.ColorRole.Base
_HIGHLIGHT = QPalette.ColorRole.Highlight
_MID = QPalette.ColorRole.Mid
_TEXT = QPalette.ColorRole.Text
_PLACEHOLDER_TEXT = QPalette.ColorRole.PlaceholderText


class _Look:
    """What every card painted in one view, palette, font and screen shares, worked out once: the fonts and
    measures of its text, the palette's colours, the view's background and the frame tiles. Looking each
    up again for every card (a font's key, six palette colours, the view's background) cost more than
    drawing the card's text."""

    def __init__(self, painter: QPainter, palette: QPalette, view: QWidget | None) -> None:
        device = painter.device()
        base = painter.font()
        self.font = QFont(base)
        self.ratio = device.devicePixelRatioF() if device else 1.0
        self.dpi = (device.logicalDpiX(), device.logicalDpiY()) if device else None
        self.palette_key = palette.cacheKey()
        self.font_key = base.key()
        self.line = _metrics(base, device).height() + 2
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.plain = QFont(self.bold)
        self.plain.setBold(False)
        self.bold_metrics = _metrics(self.bold, device)
        self.plain_metrics = _metrics(self.plain, device)
        self.bold_line = self.bold_metrics.height() + 2
        self.bold_ascent = _ascent(self.bold, device)
        self.plain_ascent = _ascent(self.plain, device)
        self.base = palette.color(_BASE)
        self.highlight = palette.color(_HIGHLIGHT)
        self.mid = palette.color(_MID)
        self.text = palette.color(_TEXT)
        self.placeholder_text = palette.color(_PLACEHOLDER_TEXT)
        self.tile_key = (self.ratio, self.font_key, self.text.rgba(), self.base.rgba())
        self.view = view  # held, so that no later view takes its id (the key of this look) while it is kept
        self.backdrop = _view_backdrop(view)
        self.frames: dict[tuple[int, int], QPixmap] = {}
        # Characters each font draws itself, on one line (see :meth:`is_simple`), and characters it may not.
        self.simple: dict[bool, set[str]] = {True: set(), False: set()}
        self.not_simple: dict[bool, set[str]] = {True: set(), False: set()}

    def fits(self, painter: QPainter) -> bool:
        """Whether cards painted by ``painter`` look this way (the palette and view were matched already)."""
        device = painter.device()
        dpi = (device.logicalDpiX(), device.logicalDpiY()) if device else None
        ratio = device.devicePixelRatioF() if device else 1.0
        return dpi == self.dpi and ratio == self.ratio and painter.font() == self.font

    def is_simple(self, text: str, bold: bool) -> bool:
        """Whether ``text`` is only characters the font draws itself, one font engine on one line: then it
        lands exactly where a layout would put it (a fallback font's ascent would move the baseline)."""
        chars = set(text)
        simple = self.simple[bold]
        if chars <= simple:
            return True
        unknown = chars - simple
        if unknown & self.not_simple[bold]:
            return False
        metrics = self.bold_metrics if bold else self.plain_metrics
        for char in unknown:
            if _simple_char(char) and metrics.inFontUcs4(ord(char)):
                simple.add(char)
            else:
                self.not_simple[bold].add(char)
                return False
        return True


def _unclipped(painter: QPainter, rect: QRect, exposed: tuple[object, QRect] | None = None) -> bool:
    """Whether ``rect`` is painted whole, through a transform that only moves it: copied pixels then land
    exactly as painting there would. An outline cut by a clip (the viewport's edge, the strip a scroll
    exposes) is antialiased a shade differently along the cut.

    ``exposed``: a viewport and the one rectangle its paint event repaints (see
    :meth:`CardDelegate.repaints`); a painter of that viewport's paint event paints untransformed,
    clipped to that rectangle."""
    if exposed is not None and painter.device() is exposed[0]:
        if not exposed[1].contains(rect):
            return False
        return not painter.hasClipping() or painter.clipBoundingRect().contains(QRectF(rect))
    if painter.worldTransform().isScaling():
        return False
    engine = painter.paintEngine()
    clip = engine.systemClip() if engine is not None else None
    # The system clip (what the paint event repaints) is in the device's pixels, as the painter maps to them.
    if clip is not None and not clip.isEmpty():
        placed = painter.deviceTransform().mapRect(QRectF(rect))
        if clip.rectCount() != 1 or not QRectF(clip.boundingRect()).contains(placed):
            return False
    return not painter.hasClipping() or painter.clipBoundingRect().contains(QRectF(rect))


def _box(rect: QRect) -> tuple[int, int, int, int]:
    """``rect``'s left, top, width and height, in one call into Qt."""
    box: tuple[int, int, int, int] = rect.getRect()  # type: ignore[assignment]  # PySide6's stub: object
    return box


def _metrics(font: QFont, device: QPaintDevice | None) -> QFontMetrics:
    return QFontMetrics(font, device) if device else QFontMetrics(font)


def _ascent(font: QFont, device: QPaintDevice | None) -> float:
    return (QFontMetricsF(font, device) if device else QFontMetricsF(font)).ascent()


def _view_backdrop(view: QWidget | None) -> QColor | None:
    """The one opaque colour an item view paints under its items, when known: its viewport's own
    background, with no style sheet (which may paint anything) and no alternating rows. None otherwise."""
    if not isinstance(view, QAbstractItemView) or view.alternatingRowColors():
        return None
    port = view.viewport()
    # Qt's style-sheet style marks each widget it styles (its own sheet, an ancestor's or the application's)
    # with this attribute: asking ``view.style()`` instead would build QStyle's enums (issue 18).
    if not port.autoFillBackground() or view.testAttribute(Qt.WidgetAttribute.WA_StyleSheet):
        return None
    brush: QBrush = port.palette().brush(port.backgroundRole())
    return brush.color() if brush.style() == _SOLID and brush.isOpaque() else None


def _simple_char(char: str) -> bool:
    """A character set left to right, alone, on the font's own baseline: letters, digits, punctuation and
    symbols of the scripts before Hebrew, and general punctuation and symbols; no marks, controls, tabs or
    invisible formatting, whose shaping or spacing a single line's layout treats apart."""
    code = ord(char)
    category = unicodedata.category(char)
    if category[0] in "MCZ" and char != " ":
        return False
    return code < 0x0590 or 0x2010 <= code <= 0x2027 or 0x2030 <= code <= 0x205E or 0x20A0 <= code <= 0x2BFF


class CardDelegate(QStyledItemDelegate):
    """Paints cards in ``layout`` (grid cards of ``card_size``). ``picked_id`` marks one card "Drawn"."""

    def __init__(
        self, layout: Layout = Layout.GRID, *, card_size: QSize = CARD, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.layout = layout
        self.card_size = card_size
        self.picked_id: str | None = None
        # The list model under the view's own, row for row (a proxy that neither sorts nor filters, say):
        # a card is read from it in one call, not through every model layered over it (each layer a call
        # from Qt into Python and back, a sixth of a screenful's paint).
        self.rows: RowListModel[Any] | None = None
        # A grid's cell when wider than a card (a wrapping list view's items fill their cells): the card is
        # painted centred in it, where IconMode would have placed it.
        self.cell: QSize | None = None
        # Placeholders painted once (a tint and the name's initials, the same for many cards): filling the
        # rounded path and shaping the big letters cost most of a card's paint.
        self._tiles: dict[tuple[object, ...], QPixmap] = {}
        # By view and palette: a view's cards share one look (and, in it, their frames: see _frame).
        self._looks: dict[tuple[int, int, bool], _Look] = {}
        self._exposed: tuple[object, QRect] | None = None  # see repaints
        self._viewport: QWidget | None = None  # see repaints

    def repaints(self, viewport: QWidget, area: QRect | None) -> None:
        """Told by its list view, as each paint event of ``viewport`` (where this delegate paints) begins, the
        one rectangle it repaints (None when it repaints several): whether a card is painted whole is then
        known without asking the painter's engine for its clip (issue 18: asking made PySide build the paint
        engine's types and enums, ~7M instructions of the first frame). A card painted there is one the view's
        own paint event paints: see :meth:`_shown`."""
        self._exposed = (viewport, area) if area is not None else None
        self._viewport = viewport

    @property
    def compact(self) -> bool:
        """Whether rows are painted rather than cards."""
        return self.layout is not Layout.GRID

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if self.layout is Layout.GRID:
            return self.cell or self.card_size
        return QSize(max(option.rect.width(), 200), ROW_HEIGHT[self.layout])

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rows = self.rows
        painted = index.data(PAINT_ROLE) if rows is None else rows.row_data(index.row(), PAINT_ROLE)
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
        view = option.widget
        selected, focused = self._shown(painter, option, index, view)
        look = self._look_for(painter, palette, view)
        painter.save()
        painter.setRenderHint(_ANTIALIAS)
        # The card's geometry in plain integers: each QRect made or asked is a call into Qt, dozens a card.
        x, y, w, h = _box(option.rect)
        grid = self.layout is Layout.GRID
        card_width = self.card_size.width()
        if grid and w > card_width:
            x, w = x + (w - card_width) // 2, card_width
        x, y, w, h = x + 3, y + 3, w - 6, h - 6
        rect = QRect(x, y, w, h)
        # A selected item may have the style's highlight under it (and some styles paint rows of their own).
        backdrop = None if selected else look.backdrop
        reach = _FRAME_REACH
        if backdrop is not None and not _unclipped(
            painter, QRect(x - reach, y - reach, w + 2 * reach, h + 2 * reach), self._exposed
        ):
            backdrop = None
        self._frame(painter, rect, (selected, focused), palette, look, backdrop)
        if grid:
            side = min(w - 2 * PAD, h - 2 * PAD - 2 * look.line)
            area = QRect(x + (w - side) // 2, y + PAD, side, side)
            self._picture(painter, area, card, picture, broken, palette, selected, look)
            if card.badge or card.mark is not Mark.OK or card.id == self.picked_id:
                self._badges(painter, area, card)
            if health:
                self._health_badge(painter, area, health)
            # Below the picture: from 6 px under its last row to the card's last row.
            self._texts(painter, (x + PAD, y + PAD + side + 5, w - 2 * PAD), card, look, lines=2)
        else:
            side = h - 12
            area = QRect(x + 6, y + 6, side, side)
            self._picture(painter, area, card, picture, broken, palette, selected, look)
            left = x + 6 + side + 9  # 10 px right of the picture's last column
            text = (left, y + 5, x + w - 1 - left - PAD)
            lines = 3 if self.layout is Layout.LIST else 2
            self._texts(painter, text, card, look, lines=lines, health=health)
        painter.restore()

    def _shown(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, view: QWidget | None
    ) -> tuple[bool, bool]:
        """Whether the card looks selected and whether it shows the keyboard's focus: what ``option.state``
        says (the only two of its flags a card shows).

        Issue 18: reading ``option.state`` makes PySide build all of QStyle's enums (~25M instructions before
        the first paint). In a list view's own paint event (its viewport is the painter's device, as
        :meth:`repaints` told) both are what QListView::paintEvent sets them from, asked of the view: selected
        when its selection model holds the index, focused when it is the current index and the view or its
        viewport has the keyboard focus. Any other paint (a drag's picture, which shows every card selected;
        another view; a caller of its own) reads the option's state."""
        port = self._viewport
        if port is not None and isinstance(view, QListView) and painter.device() is port:
            selection = view.selectionModel()
            selected = selection is not None and selection.isSelected(index)
            focused = index == view.currentIndex() and (view.hasFocus() or port.hasFocus())
            return selected, focused
        bits = option.state.value
        return bool(bits & _SELECTED), bool(bits & _FOCUS)

    # -- parts -----------------------------------------------------------------------------------------------
    def _look_for(self, painter: QPainter, palette: QPalette, view: QWidget | None) -> _Look:
        # Alternating rows are painted under the items: the view's background is not all there is.
        alternating = isinstance(view, QAbstractItemView) and view.alternatingRowColors()
        key = (id(view), palette.cacheKey(), alternating)
        look = self._looks.get(key)
        if look is None or not look.fits(painter):
            if len(self._looks) >= KEPT_LOOKS:
                self._looks.pop(next(iter(self._looks)))  # the oldest
            look = self._looks[key] = _Look(painter, palette, view)
        return look

    def _frame(
        self,
        painter: QPainter,
        rect: QRect,
        looks: tuple[bool, bool],
        palette: QPalette,
        look: _Look,
        backdrop: QColor | None,
    ) -> None:
        selected, focused = looks
        if backdrop is not None:
            # The same outline on the same background, painted once: its pixels are what painting it here
            # would give, copied.
            x, y, w, h = _box(rect)
            tile = self._frame_tile(look, w, h)
            painter.drawPixmap(x - _FRAME_REACH, y - _FRAME_REACH, tile)
        else:
            fill = QColor(look.highlight if selected else look.base)
            if selected:
                fill.setAlpha(70)
            self._outline(painter, QRectF(rect), fill, look.highlight if selected else look.mid)
        if focused:
            paint_focus_ring(painter, QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5), 5, True, palette)

    @staticmethod
    def _outline(painter: QPainter, rect: QRectF, fill: QColor, pen: QColor) -> None:
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)

    def _frame_tile(self, look: _Look, width: int, height: int) -> QPixmap:
        """An unselected card's frame of that size on the view's background, with room around it for the
        antialiased edge."""
        size = (width, height)
        tile = look.frames.get(size)
        if tile is None:
            assert look.backdrop is not None
            if len(look.frames) >= KEPT_FRAMES:
                look.frames.pop(next(iter(look.frames)))  # the oldest
            reach, ratio = 2 * _FRAME_REACH, look.ratio
            tile = QPixmap(round((size[0] + reach) * ratio), round((size[1] + reach) * ratio))
            tile.setDevicePixelRatio(ratio)
            tile.fill(look.backdrop)
            own = QPainter(tile)
            own.setRenderHint(_ANTIALIAS)
            self._outline(own, QRectF(_FRAME_REACH, _FRAME_REACH, size[0], size[1]), look.base, look.mid)
            own.end()
            look.frames[size] = tile
        return tile

    def _picture(
        self,
        painter: QPainter,
        area: QRect,
        card: Card,
        picture: QPixmap | None,
        broken: bool,
        palette: QPalette,
        selected: bool,
        look: _Look,
    ) -> None:
        # Only a picture or a veil needs the rounded clip: any fill under a clip path is rasterised through
        # a mask (milliseconds a card, most of a frame for a screenful), so the placeholder fills the path.
        clipped = picture is not None or card.mark is Mark.GONE
        if not clipped and not selected and look.base.alpha() == 255:
            # The placeholder on an opaque card is painted once onto that card's colour: the same
            # operations on the same pixels, so the tile is exactly what painting it here would give.
            x, y, w, h = _box(area)
            painter.drawPixmap(x, y, self._tile(painter, w, h, card, broken, look))
            return
        path = QPainterPath()
        path.addRoundedRect(QRectF(area), 5, 5)
        painter.save()  # the clip and the placeholder's big font must not leak into the card's text
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
                painter.fillPath(path, tint)
            self._placeholder(painter, area, card, broken, palette)
        if card.mark is Mark.GONE:
            veil = QColor(look.base)
            veil.setAlpha(150)  # a gone style is washed out: it will not be saved
            painter.fillRect(area, veil)
        painter.restore()

    def _tile(
        self, painter: QPainter, width: int, height: int, card: Card, broken: bool, look: _Look
    ) -> QPixmap:
        label = "" if broken else initials(card.name)
        kind = card.kind if card.kind in _KIND_TINT else None
        key = (look.tile_key, width, height, kind, label, broken, self.layout)
        tile = self._tiles.get(key)
        if tile is None:
            if len(self._tiles) >= KEPT_TILES:
                self._tiles.pop(next(iter(self._tiles)))  # the oldest
            ratio = look.ratio
            tint = _KIND_TINT[kind] if kind is not None else _NO_KIND_TINT
            tile = QPixmap(round(width * ratio), round(height * ratio))
            tile.setDevicePixelRatio(ratio)
            tile.fill(look.base)
            own = QPainter(tile)
            own.setRenderHint(_ANTIALIAS)
            own.setFont(painter.font())
            area = QRect(0, 0, width, height)
            path = QPainterPath()
            path.addRoundedRect(QRectF(area), 5, 5)
            own.fillPath(path, tint)
            self._placeholder(own, area, card, broken, look.text)
            own.end()
            self._tiles[key] = tile
        return tile

    def _placeholder(
        self, painter: QPainter, area: QRect, card: Card, broken: bool, palette: QPalette | QColor
    ) -> None:
        """The initials of the name (or "broken image") in the middle of the picture's place, in the
        palette's text colour (or ``palette``, a colour)."""
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
        ink = QColor(palette) if isinstance(palette, QColor) else palette.color(_TEXT)
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
        self,
        painter: QPainter,
        at: tuple[int, int, int],
        card: Card,
        look: _Look,
        *,
        lines: int,
        health: int = 0,
    ) -> None:
        """The card's lines of text from ``at`` (left, top, width), a line each."""
        left, top, full = at
        width = full
        if self.layout is not Layout.GRID:
            right = left + full - 1
            metrics = QFontMetrics(_badge_font(painter.font()))
            badges = self._badge_list(card) + ([(f"⚠ {health}", _HEALTH_TINT)] if health else [])
            for text, colour in reversed(badges):
                right -= metrics.horizontalAdvance(text) + 12
                self._badge(painter, right, top, text, colour)
                right -= 4
            width = right - left - PAD
        painter.setFont(look.bold)
        painter.setPen(look.text)
        line = look.bold_line
        title = look.bold_metrics.elidedText(card.name, _ELIDE, width)
        if look.is_simple(title, True):
            # Text of the font's own characters goes straight onto its baseline: the same pixels as the
            # layout a rectangle asks for, without it (most of what a line of text costs).
            painter.drawText(QPointF(left, top + look.bold_ascent), title)
        else:
            painter.drawText(QRect(left, top, width, line), _LEFT, title)
        painter.setFont(look.plain)
        painter.setPen(look.placeholder_text)
        for number, words in enumerate((card.byline, card.detail)[: lines - 1], start=1):
            shown = look.plain_metrics.elidedText(words, _ELIDE, full)
            y = top + number * line
            if look.is_simple(shown, False):
                painter.drawText(QPointF(left, y + look.plain_ascent), shown)
            else:
                painter.drawText(QRect(left, y, full, line), _LEFT, shown)


def paint_focus_ring(
    painter: QPainter, rect: QRectF, radius: float, focused: bool, palette: QPalette
) -> None:
    """Where the keyboard is (the arrow keys move it, Enter opens, Space selects): a dashed ring of its own,
    distinct from the selection's frame, so it shows on a selected card too. Only on the ``focused`` item."""
    if not focused:
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
