"""Which style the Examples tab shows: one of the user's own image styles, or any style by id or name.

Browse and the Editor also open styles here (through ``ExamplesPresenter.open_style``); this row keeps the
tab usable on its own.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QWidget

CHOOSE = "Choose one of your image styles…"
NONE_YET = "You have no image styles yet"
SIGNED_OUT = "Sign in to list your image styles"


class StylePicker(QWidget):
    """Signals ``style_chosen(str)`` (an id from the list), ``reference_entered(str)`` (typed id or name)
    and ``reload_requested()``."""

    style_chosen = Signal(str)
    reference_entered = Signal(str)
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.own = QComboBox()
        self.own.setAccessibleName("Your image styles")
        self.own.setToolTip("One of your image styles, to manage its examples")
        self.own.setMinimumContentsLength(28)
        self.own.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.reference = QLineEdit(placeholderText="…or any style's id or name", clearButtonEnabled=True)
        self.reference.setAccessibleName("Style id or name")
        self.reference.setToolTip("Any image style's id or name (alias::name for one creator's), then Open")
        self.reference.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.open = QPushButton("Open")
        self.open.setToolTip("Show the examples of the style typed beside")
        self.reload = QPushButton("Reload")
        self.reload.setToolTip("Read the style from the server again")
        self.reload.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Style:")
        label.setBuddy(self.own)
        for widget in (label, self.own, self.reference, self.open, self.reload):
            layout.addWidget(widget)
        self.own.activated.connect(self._picked)
        self.reference.returnPressed.connect(self._entered)
        self.open.clicked.connect(self._entered)
        self.reload.clicked.connect(self.reload_requested)
        self.show_own_styles([], signed_in=False)

    def show_own_styles(self, styles: list[tuple[str, str]], *, signed_in: bool = True) -> None:
        """``(id, name)`` pairs; the first entry only prompts."""
        self.own.clear()
        self.own.addItem(CHOOSE if styles else (NONE_YET if signed_in else SIGNED_OUT), None)
        for style_id, name in styles:
            self.own.addItem(name, style_id)
        self.own.setEnabled(bool(styles))

    def show_current(self, style_id: str) -> None:
        """Select ``style_id`` in the list when it is one of the user's (the prompt otherwise)."""
        self.own.setCurrentIndex(max(0, self.own.findData(style_id)))
        self.reload.setEnabled(True)

    def _picked(self, index: int) -> None:
        style_id = self.own.itemData(index)
        if isinstance(style_id, str):
            self.style_chosen.emit(style_id)

    def _entered(self) -> None:
        self.reference_entered.emit(self.reference.text())
