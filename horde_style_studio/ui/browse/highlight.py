"""Marks ``{p}`` and ``{np}`` in a prompt template, where the user's prompt and negative prompt go (§5)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtGui import QSyntaxHighlighter

from horde_style_studio.domain.kinds import StyleKind

if TYPE_CHECKING:
    from PySide6.QtGui import QTextCharFormat, QTextDocument


class PlaceholderHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, kind: StyleKind = StyleKind.IMAGE) -> None:
        super().__init__(document)
        self.kind = kind

    @cached_property
    def _format(self) -> QTextCharFormat:
        # Made for the first placeholder: Qt builds the text formats' many enums on import, and the empty
        # pane of the first paint marks nothing (issue 18).
        from PySide6.QtGui import QFont, QTextCharFormat

        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setFontUnderline(True)
        return marked

    def set_kind(self, kind: StyleKind) -> None:
        self.kind = kind
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        # No placeholder without a brace: the empty pane of the first paint imports no rules (issue 18).
        if "{" not in text:
            return
        from horde_style_studio.domain.prompt import placeholder_spans

        for start, end, _name in placeholder_spans(text, kind=self.kind):
            self.setFormat(start, end - start, self._format)
