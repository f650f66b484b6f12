"""Marks ``{p}`` and ``{np}`` in a prompt template, where the user's prompt and negative prompt go (§5)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.prompt import placeholder_spans


class PlaceholderHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, kind: StyleKind = StyleKind.IMAGE) -> None:
        super().__init__(document)
        self.kind = kind
        self._format = QTextCharFormat()
        self._format.setFontWeight(QFont.Weight.Bold)
        self._format.setFontUnderline(True)

    def set_kind(self, kind: StyleKind) -> None:
        self.kind = kind
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for start, end, _name in placeholder_spans(text, kind=self.kind):
            self.setFormat(start, end - start, self._format)
