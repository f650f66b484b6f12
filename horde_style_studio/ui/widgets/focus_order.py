"""Keyboard order for widgets built after their window (issue 18: built when first shown, not before the
first paint).

Qt puts a widget into its window's focus chain when it is created there: one built later comes after every
widget the window already has, so Tab would reach it last. :func:`take_place_after` moves it back to where it
would have been, had it been built with its neighbours.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def take_place_after(before: QWidget, built: QWidget) -> None:
    """Tab reaches ``built`` (and what it holds) right after ``before`` and what ``before`` holds, as if
    ``built`` had been created just after them."""
    focusable = [w for w in _subtree_in_chain(built) if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    if not focusable:
        return
    anchor = _last_focusable_up_to(before, built)
    if anchor is None:
        return  # nothing before it takes focus: no neighbour to follow
    for first, second in zip([anchor, *focusable], focusable, strict=False):
        QWidget.setTabOrder(first, second)


def _subtree_in_chain(root: QWidget) -> list[QWidget]:
    """``root`` and its descendants, in the order the focus chain holds them from ``root`` on."""
    found, widget = [root], _next(root)
    while widget is not root and root.isAncestorOf(widget):
        found.append(widget)
        widget = _next(widget)
    return found


def _last_focusable_up_to(before: QWidget, built: QWidget) -> QWidget | None:
    """The last widget Tab can reach, in the window's chain from its start to the end of ``before``'s run
    (``before`` and its descendants), ``built``'s own aside. Walked forwards only: walking backwards through a
    view's internal widgets (``previousInFocusChain``) made PySide 6.11 crash at exit."""
    window = before.window()
    last: QWidget | None = None
    widget, reached = _next(window), False
    while widget is not window:
        inside = widget is before or before.isAncestorOf(widget)
        if reached and not inside:
            break
        reached = reached or inside
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not (
            widget is built or built.isAncestorOf(widget)
        ):
            last = widget
        widget = _next(widget)
    return last


def _next(widget: QWidget) -> QWidget:
    following = widget.nextInFocusChain()
    assert following is not None  # the chain is a ring: every widget has a next, itself at least
    return following
