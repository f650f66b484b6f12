"""Small inline labels for messages next to the fields they are about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from horde_style_studio.ui.stylesheet import styled


def inline_label(name: str, *, rich: bool = False) -> QLabel:
    """A word-wrapped label, hidden until there is something to say; the stylesheet styles it by ``name``.

    Plain text unless ``rich``: messages quote what the server said. A rich one shows the app's own markup,
    with everything from elsewhere escaped.
    """
    label = QLabel(wordWrap=True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setObjectName(name)
    label.setVisible(False)
    return styled(label)


def set_inline(label: QLabel, text: str | None) -> None:
    """Show ``text`` in ``label`` (hide it for None) and let the label's window grow to fit it."""
    label.setText(text or "")
    label.setVisible(text is not None)
    window = label.window()
    layout = window.layout()
    if layout is None or not label.isVisible():
        return
    # A top-level window ignores the height-for-width of wrapped labels when it computes its minimum size,
    # so a newly shown multi-line message would be clipped; grow the window by hand instead.
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else -1
    if needed > window.height():
        window.resize(window.width(), needed)
