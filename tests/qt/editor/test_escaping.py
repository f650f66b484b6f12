"""Before saving, the editor says which characters the server will store escaped (§2.2, §12)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from tests.qt.editor.conftest import IMAGE_DOC
from tests.qt.editor.test_save import load


def test_the_fields_holding_ampersands_or_brackets_say_how_the_server_stores_them(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter
) -> None:
    load(presenter, StyleKind.IMAGE, {**IMAGE_DOC, "name": "Noir & Neon", "tags": ["r&b", "<night>"]})
    form = page.form()
    name_note, tags_note, info_note = (form.field(path).note for path in ("name", "tags", "info"))
    qtbot.waitUntil(lambda: name_note.isVisibleTo(page))
    assert "& as “&amp;”" in name_note.text()
    assert "& as “&amp;”, < as “&lt;”, > as “&gt;”" in tags_note.text()
    assert not info_note.isVisibleTo(page)
    presenter.set_field("name", "Noir and Neon")
    assert not name_note.isVisibleTo(page)
