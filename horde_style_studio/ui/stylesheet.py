"""The app's stylesheet: a plain file under ``resources/styles``, shipped as package data.

It goes on the few widgets it names (:func:`styled`), not on the application: an application-wide sheet puts
every widget under Qt's style-sheet style, which cost ~160 ms of widget styling before the first paint
(issue 18) to tint a handful of labels. Its selectors name widgets by objectName, so on the widget itself it
draws exactly what it drew app-wide.
"""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from horde_style_studio.resources import PACKAGE_DATA

W = TypeVar("W", bound=QWidget)


@cache
def app_stylesheet() -> str:
    return (PACKAGE_DATA / "styles" / "app.qss").read_text(encoding="utf-8")


@cache
def rules_naming(names: frozenset[str]) -> str:
    """The app's rules whose selectors pick a widget by one of ``names`` (its objectName)."""
    text = app_stylesheet()
    while (start := text.find("/*")) >= 0:
        text = text[:start] + text[text.index("*/", start) + 2 :]
    kept = [f"{block.strip()}\n}}" for block in text.split("}") if _picks(block.partition("{")[0], names)]
    return "\n".join(kept)


def _picks(selectors: str, names: frozenset[str]) -> bool:
    """Whether one of ``selectors`` (comma-separated) ends in a widget named one of ``names``."""
    for selector in selectors.split(","):
        last = selector.strip().rpartition(" ")[2]
        if last.partition("[")[0].partition(":")[0].partition("#")[2] in names:
            return True
    return False


def styled(widget: W, *children: str) -> W:
    """``widget`` with the app's rules for its objectName (give it that first) and for the objectNames of
    ``children``, the named widgets inside it that its sheet styles.

    Only those rules: Qt parses a widget's sheet once per widget it styles, and the whole file each time
    was most of what the status bar's labels cost before the first paint (issue 18)."""
    widget.setStyleSheet(rules_naming(frozenset((widget.objectName(), *children))))
    return widget
