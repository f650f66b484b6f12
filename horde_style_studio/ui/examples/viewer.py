"""The full-size view of one example image: a non-modal window (DESIGN qasync rule 4: no exec())."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.ui.shared.decoding import TIMES

SCREEN_SHARE = 0.85  # the most of the screen the window takes; larger images are shown scaled down


class ImageViewer(QDialog):
    """Shows an image at its own size, or scaled to fit the screen, with its link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.setWindowTitle("Example image")
        self.picture = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName("Example image, full size")
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.picture)
        self.caption = QLabel(wordWrap=True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)  # it shows the link as given
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_link = QPushButton("Copy link")
        buttons.addButton(self.copy_link, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.copy_link.clicked.connect(self._copy)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.caption)
        layout.addWidget(buttons)
        self._url = ""

    def show_image(self, url: str, image: QImage) -> None:
        self._url = url
        room = self._room()
        pixmap = QPixmap.fromImage(image)
        shown = pixmap.size()
        if shown.width() > room.width() or shown.height() > room.height():
            pixmap = pixmap.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(pixmap)
        scale = "" if pixmap.size() == shown else f", shown at {pixmap.width() * 100 // shown.width()}%"
        self.caption.setText(f"{image.width()} {TIMES} {image.height()} px{scale} · {url}")
        self.resize(pixmap.size() + QSize(40, 110))
        self.show()

    def _room(self) -> QSize:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableSize() if screen is not None else QSize(1280, 800)
        return QSize(int(available.width() * SCREEN_SHARE) - 40, int(available.height() * SCREEN_SHARE) - 110)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self._url)
