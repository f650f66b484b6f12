"""A drop-down of the signed-in user's own styles (private ones too, §6), read from the library each time it
opens, so styles found by the last refresh or saved a moment ago are there."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from horde_style_studio.ui.editor.presenter import EditorPresenter

PROMPT = "Edit one of my styles…"


class MyStylesBox(QComboBox):
    """Signals: ``chosen(str)`` a style id."""

    chosen = Signal(str)

    def __init__(self, presenter: EditorPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self.setAccessibleName("Edit one of my styles")
        self.setMinimumContentsLength(22)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.refresh()
        self.activated.connect(self._activated)

    def refresh(self) -> None:
        self.clear()
        self.addItem(PROMPT, None)
        for row in self._presenter.my_styles():
            self.addItem(f"{row.name} ({row.kind.value})", row.id)

    def showPopup(self) -> None:
        self.refresh()
        super().showPopup()

    def _activated(self, index: int) -> None:
        style_id = self.itemData(index)
        self.setCurrentIndex(0)
        if isinstance(style_id, str):
            self.chosen.emit(style_id)
