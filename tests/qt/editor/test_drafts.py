"""Drafts kept as you type, offered back, guarded on switching and closing; forks; the read-only role."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.drafts import Drafts
from horde_style_studio.library.history import History, SnapshotReason
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.editor.draft_keeper import AUTOSAVE_MS
from horde_style_studio.ui.editor.drafts_view import DraftListModel
from horde_style_studio.ui.editor.history_view import SnapshotListModel
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.ui.editor.tab import EditorTab
from horde_style_studio.ui.shared.messages import Level, MessageBridge
from horde_style_studio.workflows.editing import messages
from tests.qt.editor.conftest import CURATOR, IMAGE_DOC, PLAIN_USER
from tests.qt.helpers import message_surface

pytestmark = pytest.mark.parametrize("sandbox", ["modern"], indirect=True)

NOIR = ImageStyle.model_validate(
    {"id": "6f1c7a52-2b4e-4a43-9f55-0b7c9b1d7a10", "name": "Noir Alley", "creator": "inkwell_atelier#5",
     "info": "Black and white streets.", "prompt": "{p}, film noir###{np}", "models": ["Deliberate"],
     "tags": ["noir"], "params": {"steps": 20}, "use_count": 3}
)  # fmt: skip


def _type_name(page: EditorPage, text: str) -> None:
    name = page.form().field("name")
    name.input.setText(text)  # type: ignore[attr-defined]  # a LineField
    name.input.textEdited.emit(text)  # type: ignore[attr-defined]


def _box() -> QMessageBox:
    [box] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return box


def _press(label: str) -> None:
    box = _box()
    [button] = [b for b in box.buttons() if b.text() == label]
    button.click()


def test_every_edit_is_written_as_a_draft_within_a_fraction_of_a_second(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, library: StyleLibrary
) -> None:
    presenter.new_style(StyleKind.IMAGE)
    _type_name(page, "Noir Al")
    assert Drafts(library).drafts() == []  # not on every keystroke: bursts are debounced
    with qtbot.waitSignal(presenter.drafts_changed, timeout=AUTOSAVE_MS * 4):
        pass
    [draft] = Drafts(library).drafts()
    assert draft.payload["name"] == "Noir Al"
    assert page.drafts.model.rowCount() == 1
    assert "Noir Al" in page.drafts.model.data(page.drafts.model.index(0, 0))


def test_a_new_editor_offers_the_draft_left_behind_back(
    qtbot: QtBot, presenter: EditorPresenter, session: object, library: StyleLibrary, tasks: TaskRegistry
) -> None:
    presenter.new_style(StyleKind.IMAGE)
    for key, value in IMAGE_DOC.items():
        presenter.set_field(key, value)
    presenter.flush()
    shown = message_surface(qtbot)
    tab = EditorTab(session, library, tasks, messages=shown.bridge)  # type: ignore[arg-type]  # the fixture's client
    assert tab.presenter.state.doc == IMAGE_DOC
    back = "Your unsaved draft “Rain-Soaked Neon” is back, as you left it."
    assert shown.messages() == [(Level.INFO, back)]
    assert tab.has_unsaved_changes()
    shiboken6.delete(tab.page)


def test_switching_style_asks_and_can_keep_discard_or_cancel(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, library: StyleLibrary
) -> None:
    presenter.new_style(StyleKind.IMAGE)
    _type_name(page, "Half done")
    page.new_text.trigger()
    assert messages.discard_question("Half done") == _box().text()
    _press("Cancel")
    assert presenter.state.doc["name"] == "Half done"  # nothing happened
    page.new_text.trigger()
    _press("Keep as draft")
    assert presenter.state.kind is StyleKind.TEXT
    assert [d.name for d in Drafts(library).drafts()] == ["Half done"]
    page.drafts.view.setCurrentIndex(page.drafts.model.index(0, 0))
    page.drafts.open_button.click()  # the open text style is unchanged, so no question
    assert presenter.state.doc["name"] == "Half done"
    page.new_image.trigger()
    _press("Discard changes")
    assert Drafts(library).drafts() == []
    assert presenter.state.doc["name"] == ""


def test_closing_the_window_with_unsaved_changes_asks_first(
    qtbot: QtBot, session: object, library: StyleLibrary, tasks: TaskRegistry
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    tab = EditorTab(session, library, tasks, window, messages=MessageBridge())  # type: ignore[arg-type]  # the fixture's client
    window.setCentralWidget(tab.page)
    window.installEventFilter(tab)
    window.show()
    tab.presenter.new_style(StyleKind.IMAGE)
    tab.presenter.set_field("name", "Unsaved")
    assert not window.close()  # the close waits for an answer
    assert window.isVisible()
    _press("Cancel")
    assert window.isVisible()
    window.close()
    _press("Keep as draft")
    qtbot.waitUntil(lambda: not window.isVisible())
    assert [d.name for d in Drafts(library).drafts()] == ["Unsaved"]
    qtbot.waitUntil(lambda: len(tasks) == 0)  # closing stopped the editor's round trips


def test_fork_copies_any_style_into_a_new_draft_crediting_it(
    page: EditorPage, presenter: EditorPresenter, library: StyleLibrary
) -> None:
    presenter.fork(NOIR)
    state = presenter.state
    assert state.creating
    assert state.doc["info"] == "Black and white streets.\n\nBased on Noir Alley by inkwell_atelier#5."
    assert state.doc["name"] == "Noir Alley (fork)"  # names are unique across users (§9 B3)
    assert state.doc["params"] == {"steps": 20}
    assert "sharedkey" not in state.doc
    [draft] = Drafts(library).drafts()
    assert draft.origin == "Fork of Noir Alley by inkwell_atelier#5"
    assert page.form().field("info").input.toPlainText() == state.doc["info"]  # type: ignore[attr-defined]


def test_without_the_role_the_editor_is_read_only_but_drafts_and_export_work(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, library: StyleLibrary, tmp_path: Path
) -> None:
    presenter.set_account(PLAIN_USER)
    presenter.new_style(StyleKind.IMAGE)
    page.json.text.setPlainText(json.dumps(IMAGE_DOC))
    assert not page.read_only.isHidden()
    assert page.read_only.text() == messages.NO_ROLE
    assert not page.save_button.isEnabled()
    assert page.save_button.toolTip() == messages.NO_ROLE
    presenter.flush()
    assert [d.name for d in Drafts(library).drafts()] == ["Rain-Soaked Neon"]
    target = tmp_path / "neon.json"
    presenter.export_to(target)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported == {"kind": "image", **IMAGE_DOC}  # a file horde-styles create reads
    presenter.set_account(None)
    assert page.read_only.text() == messages.SIGNED_OUT
    presenter.set_account(CURATOR)
    assert page.read_only.isHidden()
    assert page.save_button.isEnabled()


def test_the_drafts_and_history_models_pass_the_model_tester(
    qtmodeltester: ModelTester, presenter: EditorPresenter, library: StyleLibrary
) -> None:
    drafts = DraftListModel()
    presenter.fork(NOIR)
    drafts.set_rows(Drafts(library).drafts())
    qtmodeltester.check(drafts, force_py=True)  # type: ignore[no-untyped-call]  # pytest-qt leaves it unannotated
    History(library).take_snapshot(NOIR, SnapshotReason.PATCH)
    snapshots = SnapshotListModel()
    snapshots.set_rows(History(library).snapshots())
    qtmodeltester.check(snapshots, force_py=True)  # type: ignore[no-untyped-call]  # unannotated in pytest-qt
    assert "Noir Alley" in snapshots.data(snapshots.index(0, 0))
