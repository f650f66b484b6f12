"""A row of a style's example images (at most four, §2.7) in the detail pane, the primary one marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QWidget

from horde_style_studio.domain.plain import MAX_EXAMPLES
from horde_style_studio.ui.shared.pixmaps import fitted

if TYPE_CHECKING:
    from horde_style_studio.domain.style_parts import StyleExample
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from horde_style_studio.ui.widgets.plain_text import plain_tip

EDGE = 120

FRAME = "QLabel {{ border: {width}px solid {colour}; border-radius: 4px; background: palette(base); }}"


class ExamplesStrip(QWidget):
    """Thumbnails come from the shared cache (downloaded once, also for the cards); until one arrives its
    tile says so, and a URL that cannot be shown says "broken image" rather than staying blank."""

    def __init__(self, thumbnails: ThumbnailCache | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbnails = thumbnails
        self._examples: list[StyleExample] = []
        self._tiles: list[QLabel] = []
        tiles = QWidget()
        row = QHBoxLayout(tiles)
        row.setContentsMargins(0, 0, 0, 0)
        for _ in range(MAX_EXAMPLES):
            tile = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
            tile.setFixedSize(EDGE, EDGE)
            tile.hide()
            self._tiles.append(tile)
            row.addWidget(tile)
        self.empty = QLabel("No example images yet.")
        self.empty.setEnabled(False)  # drawn greyed: a remark, not content
        row.addWidget(self.empty)
        row.addStretch(1)
        # Scrolled sideways when the pane is narrow: four tiles must not widen the pane, or the results
        # beside it would lose a column of cards each time a style with more examples is shown (issue 16).
        scroller = QScrollArea(widgetResizable=True)
        scroller.setAccessibleName("Example images")
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(tiles)
        bar = scroller.horizontalScrollBar()
        scroller.setFixedHeight(EDGE + (bar.sizeHint().height() if bar is not None else 0) + 2)
        scroller.setMinimumWidth(EDGE)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroller)
        if thumbnails is not None:
            thumbnails.ready.connect(self._arrived)

    def show_examples(self, examples: Sequence[StyleExample]) -> None:
        # The primary first, as the server's cards and the Examples tab show it.
        ordered = sorted(examples, key=lambda example: not example.primary)[:MAX_EXAMPLES]
        self._examples = ordered
        self.empty.setVisible(not ordered)
        for index, tile in enumerate(self._tiles):
            tile.setVisible(index < len(ordered))
            if index < len(ordered):
                self._paint(tile, ordered[index])

    def tile_texts(self) -> list[str]:
        """What each visible tile says in words (its tooltip): for tests and screen readers alike."""
        return [tile.accessibleName() for tile in self._tiles if not tile.isHidden()]

    def _arrived(self, url: str) -> None:
        for tile, example in zip(self._tiles, self._examples, strict=False):
            if example.url == url:
                self._paint(tile, example)

    def _paint(self, tile: QLabel, example: StyleExample) -> None:
        role = "Primary example" if example.primary else "Example"
        pixmap = self._thumbnails.pixmap(example.url) if self._thumbnails is not None else None
        if pixmap is not None and not pixmap.isNull():
            tile.setPixmap(fitted(pixmap, QSize(EDGE - 4, EDGE - 4), tile.devicePixelRatioF()))
            state = role
        elif self._thumbnails is not None and self._thumbnails.failed(example.url):
            tile.setText("broken image")
            state = f"{role}: the image could not be loaded"
        elif self._thumbnails is not None and self._thumbnails.unreachable(example.url):
            tile.setText("not reachable now")
            state = f"{role}: its server cannot be reached now; tried again after the next refresh"
        else:
            tile.setText("loading…")
            state = f"{role}: loading"
        tile.setAccessibleName(state)
        tile.setToolTip(plain_tip(f"{state}\n{example.url}"))
        colour, width = ("palette(highlight)", 2) if example.primary else ("palette(mid)", 1)
        tile.setStyleSheet(FRAME.format(width=width, colour=colour))
