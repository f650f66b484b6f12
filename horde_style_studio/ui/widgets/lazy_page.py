"""A tab's place in the main window, holding a page that is built after the window first paints."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """Holds the page ``build`` returns, built when first asked for (:meth:`page`) or shown.

    The window paints first with only the shown tab's page built; the others come after (issue 18). The
    holder has no margins of its own, so the page sits exactly where it would as the tab's widget.
    """

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)

    @property
    def built(self) -> bool:
        return self._page is not None

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._build()
            self._layout.addWidget(self._page)
            if self.isVisible():
                # Laid out and shown now, so the first frame of the tab already shows the page.
                self._layout.activate()
                self._page.show()
        return self._page

    def showEvent(self, event: QShowEvent) -> None:
        self.page()
        super().showEvent(event)
