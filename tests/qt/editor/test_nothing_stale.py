"""Nothing stale: the window names the open style and stars unsaved changes, quitting never asks twice
about one draft, and what a save made untrue (the Changes pane, "Nothing to save") goes."""

from __future__ import annotations

from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.editor.fields import LineField
from horde_style_studio.ui.editor.image_form import ImageForm
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.ui.shared.messages import Level, MessageView
from horde_style_studio.workflows.editing import messages
from tests.qt.conftest import CuratorStudio
from tests.qt.editor.conftest import IMAGE_DOC, run
from tests.qt.editor.test_save import create_in_app, load, save
from tests.qt.helpers import Running, press, questions, start


def test_the_title_names_the_open_style_and_stars_it_until_saved(qtbot: QtBot, signed_in: Running) -> None:
    studio = signed_in.studio
    studio.window.select_tab("editor")
    form = studio.editor.page.form()
    assert isinstance(form, ImageForm)
    field = form.field("name")
    assert isinstance(field, LineField)
    name = field.input
    name.setFocus()
    QTest.keyClicks(name, "Sunset")
    qtbot.waitUntil(lambda: studio.window.windowTitle() == "Sunset* — Horde Style Studio")
    create_in_app(qtbot, studio, "Sunset")
    assert studio.window.windowTitle() == "Sunset — Horde Style Studio"
    assert signed_in.close(qtbot) == 0


def test_quitting_does_not_ask_again_about_a_draft_already_kept(
    qtbot: QtBot, signed_in: Running, curator_studio: CuratorStudio
) -> None:
    studio, task = signed_in.studio, signed_in.task
    studio.editor.presenter.set_field("name", "Kept once")
    studio.window.close()
    press("Keep as draft")
    qtbot.waitUntil(task.done, timeout=5000)
    reopened = curator_studio()
    task = start(qtbot, reopened)
    assert reopened.editor.presenter.state.doc["name"] == "Kept once"
    assert reopened.window.windowTitle() == "Kept once* — Horde Style Studio"
    reopened.window.close()
    assert questions() == []  # the draft is kept as it stands: quitting just quits
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.result() == 0


def test_nothing_stale_after_a_save_the_changes_pane_and_nothing_to_save(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry, shown: MessageView
) -> None:
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    save(qtbot, presenter, tasks)
    review_text = page.review.changes.toPlainText()
    assert "Rain-Soaked Neon" not in review_text  # the old differences are gone from the Changes pane
    assert "matches the server's version now" in page.review.summary.text()
    assert not page.review.confirm.isEnabled()
    page.save_button.setEnabled(True)  # the button says why; a keyboard shortcut or a race gets here too
    presenter.review()
    assert (Level.WARNING, messages.NO_CHANGES) in shown.messages()
    presenter.set_field("params.steps", 31)  # now there is something to save
    assert (Level.WARNING, messages.NO_CHANGES) not in shown.messages()


def test_the_examples_picker_offers_a_style_the_editor_just_created(qtbot: QtBot, signed_in: Running) -> None:
    studio = signed_in.studio
    picker = studio.examples.page.picker.own

    def offered() -> list[str]:
        return [picker.itemText(n) for n in range(picker.count())]

    assert "Lantern Moss" not in offered()
    presenter = studio.editor.presenter
    create_in_app(qtbot, studio, "Lantern Moss")
    assert "Lantern Moss" in offered()
    run(qtbot, studio.tasks, presenter.deleted, presenter.delete)
    assert "Lantern Moss" not in offered()
    assert signed_in.close(qtbot) == 0
