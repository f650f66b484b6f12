"""The prompt template field: ``{p}``/``{np}`` highlighted where the server fills them in, and for text
styles every brace without a partner flagged, since such a template fails with 500 on use (§5, B12)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.prompt import placeholder_spans
from horde_style_studio.ui.editor.fields import TextAreaField


def stray_braces(text: str) -> list[int]:
    """Positions of braces ``str.format`` cannot pair: a lone ``}``, or a ``{`` never closed."""
    stray: list[int] = []
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        if pair in ("{{", "}}"):
            index += 2
        elif text[index] == "{":
            close = text.find("}", index + 1)
            if close < 0 or "{" in text[index + 1 : close]:
                stray.append(index)
                index += 1
            else:
                index = close + 1
        elif text[index] == "}":
            stray.append(index)
            index += 1
        else:
            index += 1
    return stray


class TemplateHighlighter(QSyntaxHighlighter):
    """Bold, underlined placeholders; a wavy red underline under stray braces of text templates."""

    def __init__(self, document: QTextDocument, kind: StyleKind) -> None:
        super().__init__(document)
        self.kind = kind
        self.placeholder = QTextCharFormat()
        self.placeholder.setFontWeight(QFont.Weight.Bold)
        self.placeholder.setFontUnderline(True)
        self.stray = QTextCharFormat()
        self.stray.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.stray.setUnderlineColor(QColor(220, 40, 40))
        self.stray.setBackground(QColor(225, 45, 45, 60))

    def highlightBlock(self, text: str) -> None:
        for start, end, _name in placeholder_spans(text, kind=self.kind):
            self.setFormat(start, end - start, self.placeholder)
        if self.kind is StyleKind.TEXT:
            for position in stray_braces(text):
                self.setFormat(position, 1, self.stray)


class PromptField(TextAreaField):
    """The style's ``prompt``."""

    def __init__(self, kind: StyleKind) -> None:
        where = "{p} (the user's prompt) and {np} (their negative prompt)"
        if kind is StyleKind.TEXT:
            where = "{p} (the user's prompt); write {{ and }} for literal braces"
        super().__init__("prompt", "Prompt template", lines=4, tip=f"Must contain {where}.")
        self.input.setPlaceholderText("{p}, your additions###{np}" if kind is StyleKind.IMAGE else "{p}")
        self.highlighter = TemplateHighlighter(self.input.document(), kind)
