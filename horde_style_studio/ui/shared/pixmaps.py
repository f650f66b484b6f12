"""Pictures scaled for the screen they are shown on, so they stay sharp at 2x scale."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap


def fitted(pixmap: QPixmap, size: QSize, ratio: float) -> QPixmap:
    """``pixmap`` scaled to fit ``size`` logical pixels, keeping its aspect, with ``ratio`` device pixels per
    logical one (a widget's ``devicePixelRatioF()``): scaled to logical pixels only, a 2x screen would
    stretch it again and blur it."""
    scaled = pixmap.scaled(size * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    scaled.setDevicePixelRatio(ratio)
    return scaled
