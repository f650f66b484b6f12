"""A text style's editor speaks of text only: no negative prompt, no "###", no image sizes."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.editor.page import EditorPage
from tests.qt.editor.conftest import TEXT_DOC
from tests.qt.editor.test_save import load

IMAGE_ONLY = ("negative", "###", "{np}", "cfg scale", "width", "height", "sampler name")


def _visible_texts(page: EditorPage) -> Iterator[tuple[str, str]]:
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        texts = [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(widget.text())
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            texts.append(widget.placeholderText())
        for text in texts:
            yield type(widget).__name__, text


def test_a_text_style_gets_no_image_only_hints(qtbot: QtBot, page: EditorPage) -> None:
    page.show()
    load(page.presenter, StyleKind.TEXT, TEXT_DOC)
    page.side.setCurrentWidget(page.preview)
    found = [(kind, text) for kind, text in _visible_texts(page)
             if any(word in text.lower() for word in IMAGE_ONLY)]  # fmt: skip
    assert found == []
    assert page.preview.prompt.toPlainText() == (
        "You are a hardboiled detective. Narrate: Write a short story about a lighthouse on a cliff at dusk."
    )
