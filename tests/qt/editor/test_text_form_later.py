"""The text form is built the first time a text style is wanted, or in a turn of the event loop of its own
after the Editor's page (issue 18): whenever that is, the user meets the same form as when it was built with
the page."""

from __future__ import annotations

import json

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.editor.fields import LineField
from horde_style_studio.ui.editor.page import EditorPage
from tests.qt.editor.conftest import TEXT_DOC


def test_the_first_text_style_shows_its_form_filled_and_wired(qtbot: QtBot, page: EditorPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    page.make_room_below(40)  # the window's messages cover the form's bottom before any text style is open
    page.new_text.trigger()
    page.presenter.set_json(json.dumps(TEXT_DOC))  # as if pasted into the JSON view
    form = page.stack.currentWidget()
    assert form is page.forms[StyleKind.TEXT]
    assert form.isVisible()
    assert "Text style" in page.title.text()
    name = form.field("name")
    assert isinstance(name, LineField)
    assert name.input.text() == "Hardboiled Narrator"
    assert form.field("params.temperature").isVisible()
    assert form._outer.contentsMargins().bottom() >= 40  # the last field scrolls clear of the messages
    # Typed into the form, it reaches the document (the JSON beside it shows the new name).
    name.input.selectAll()
    QTest.keyClicks(name.input, "Night Shift")
    assert json.loads(page.json.text.toPlainText())["name"] == "Night Shift"


def test_tab_goes_from_the_top_row_into_either_form(qtbot: QtBot, page: EditorPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    steps, before = {}, {}
    for kind in (StyleKind.IMAGE, StyleKind.TEXT):
        page.presenter.new_style(kind)
        page.new_button.setFocus()
        qtbot.waitUntil(page.new_button.hasFocus)
        # Tab from the New style button, past the row beside it, comes to the shown form.
        for step in range(1, 8):
            page.focusNextPrevChild(True)
            focused = QApplication.focusWidget()
            if focused is not None and page.forms[kind].isAncestorOf(focused):
                steps[kind] = step
                break
        assert focused is page.forms[kind].scroller, f"{kind}: Tab went to {focused!r}"
        # ...and Shift+Tab from there goes back to where it came from.
        page.focusNextPrevChild(False)
        before[kind] = QApplication.focusWidget()
    assert steps[StyleKind.TEXT] == steps[StyleKind.IMAGE]
    assert before[StyleKind.TEXT] is before[StyleKind.IMAGE]
    came_from = before[StyleKind.IMAGE]
    assert came_from is not None
    assert not page.stack.isAncestorOf(came_from)
