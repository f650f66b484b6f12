"""The Editor tab inside the app: its page, File ▸ Export draft as JSON, New style, and the close guard."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.drafts import Drafts
from horde_style_studio.ui.editor.page import EditorPage
from tests.qt.conftest import CuratorStudio
from tests.qt.editor.conftest import run
from tests.qt.editor.test_save import create_in_app
from tests.qt.helpers import Running


def _press(label: str) -> None:
    [box] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    [button] = [b for b in box.buttons() if b.text() == label]
    button.click()


def test_the_app_has_the_editor_signed_in_and_able_to_save(qtbot: QtBot, signed_in: Running) -> None:
    studio = signed_in.studio
    page = studio.window.page("editor")
    assert isinstance(page, EditorPage)
    assert page.read_only.isHidden()  # the demo curator is a customizer
    menus = studio.window.menus
    assert "&Export draft as JSON…" in [a.text() for a in menus.file.actions()]
    studio.window.select_tab("browse")
    menus.new_style.trigger()
    assert studio.window.current_tab_key() == "editor"
    assert studio.editor.presenter.state.kind is StyleKind.IMAGE
    assert signed_in.close(qtbot) == 0


def test_closing_the_app_mid_edit_asks_and_keeps_the_draft(
    qtbot: QtBot, signed_in: Running, curator_studio: CuratorStudio
) -> None:
    studio, task = signed_in.studio, signed_in.task
    studio.window.select_tab("browse")
    studio.editor.presenter.set_field("name", "Typed, not saved")
    studio.window.close()
    assert not task.done()
    assert studio.window.current_tab_key() == "editor"  # shows what the question is about
    _press("Cancel")
    assert studio.window.isVisible()
    studio.window.close()
    _press("Keep as draft")
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.result() == 0
    reopened = curator_studio()
    assert reopened.editor.presenter.state.doc["name"] == "Typed, not saved"
    assert [d.name for d in Drafts(reopened.library).drafts()] == ["Typed, not saved"]


def test_fork_into_editor_in_browse_opens_a_credited_copy_in_the_editor(
    qtbot: QtBot, signed_in: Running
) -> None:
    studio = signed_in.studio
    page = studio.browse_page
    studio.window.select_tab("browse")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)  # the start-up refresh filled it
    page.styles_view.set_current_row(0)
    qtbot.waitUntil(lambda: page.detail.current is not None)  # the pane follows the cards a turn later
    original = page.detail.current
    assert original is not None
    page.detail.fork.click()
    assert studio.window.current_tab_key() == "editor"
    doc = studio.editor.presenter.state.doc
    assert doc["name"] == f"{original.name} (fork)"
    assert f"Based on {original.name} by {original.creator}" in doc["info"]
    assert doc["prompt"] == original.prompt
    assert studio.editor.presenter.state.style_id is None  # a new style, not an edit of someone else's
    studio.editor.presenter.discard_changes()
    assert signed_in.close(qtbot) == 0


def test_browse_shows_a_style_the_editor_created_and_drops_it_once_deleted(
    qtbot: QtBot, signed_in: Running
) -> None:
    studio = signed_in.studio
    presenter, browse = studio.editor.presenter, studio.browse_page
    create_in_app(qtbot, studio, "Zephyrine Lanterns")

    def names() -> list[str]:
        rows = [browse.model.row_at(n) for n in range(browse.model.rowCount())]
        return [row.name for row in rows if row is not None]

    browse.filters.search.setText("Zephyrine")
    qtbot.waitUntil(lambda: names() == ["Zephyrine Lanterns"])
    run(qtbot, studio.tasks, presenter.deleted, presenter.delete)
    qtbot.waitUntil(lambda: names() == [])
    assert signed_in.close(qtbot) == 0
