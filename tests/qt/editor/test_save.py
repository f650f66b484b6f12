"""Create, patch and delete against the sandbox in both behaviours, with the review before each save."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.history import History, SnapshotReason
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.composition import Studio
from horde_style_studio.ui.editor.fields import TextAreaField
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.ui.shared.messages import Level, MessageView
from horde_style_studio.workflows.editing.style_edits import Review
from tests.qt.editor.conftest import IMAGE_DOC, TEXT_DOC, Editing, run, wait_idle
from tests.qt.helpers import said


def load(presenter: EditorPresenter, kind: StyleKind, doc: dict[str, Any]) -> None:
    presenter.new_style(kind)
    for key, value in doc.items():
        presenter.set_field(key, copy.deepcopy(value))


def review(qtbot: QtBot, presenter: EditorPresenter, tasks: TaskRegistry) -> Review:
    [found] = run(qtbot, tasks, presenter.reviewed, presenter.review)
    assert isinstance(found, Review)
    return found


def save(qtbot: QtBot, presenter: EditorPresenter, tasks: TaskRegistry) -> str:
    review(qtbot, presenter, tasks)
    [message] = run(qtbot, tasks, presenter.saved, presenter.save)
    return str(message)


def create_in_app(qtbot: QtBot, studio: Studio, name: str) -> str | None:
    """Create an image style named ``name`` through the running app's Editor tab; its id."""
    presenter = studio.editor.presenter
    load(presenter, StyleKind.IMAGE, {**IMAGE_DOC, "name": name})
    save(qtbot, presenter, studio.tasks)
    return presenter.state.style_id


def server_style(sandbox: SandboxApp, style_id: str | None) -> Any:
    assert style_id is not None
    return sandbox.state_store.styles.get(style_id)


def test_a_new_image_style_with_loras_and_tis_is_created_after_its_review(
    qtbot: QtBot, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp, library: StyleLibrary
) -> None:
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    found = review(qtbot, presenter, tasks)
    assert found.creating
    assert "params.loras" in [change.path for change in found.changes]
    assert sandbox.faults.count("POST") == 0  # a review sends nothing
    message = run(qtbot, tasks, presenter.saved, presenter.save)
    assert message == ["Created “Rain-Soaked Neon” on the server."]
    stored = server_style(sandbox, presenter.state.style_id)
    assert stored.params["loras"] == IMAGE_DOC["params"]["loras"]
    assert stored.params["tis"] == IMAGE_DOC["params"]["tis"]
    assert (stored.name, stored.tags) == ("Rain-Soaked Neon", ["city", "neon"])
    assert not presenter.has_unsaved_changes()
    assert presenter.drafts.drafts() == []  # saved, so no draft is left
    row = library.get_row(stored.id)
    assert row is not None  # Browse shows it at once, as the user's own
    assert row.mine


def test_server_warnings_are_shown_after_saving(qtbot: QtBot, editing: Editing) -> None:
    _, presenter, tasks, sandbox, shown = editing
    doc = {**IMAGE_DOC, "models": ["Flux.1-Schnell fp8 (Compact)"], "params": {"steps": 30, "cfg_scale": 1}}
    load(presenter, StyleKind.IMAGE, doc)
    review(qtbot, presenter, tasks)
    with qtbot.waitSignal(presenter.warned) as warned:
        presenter.save()
    wait_idle(qtbot, tasks)
    [warnings] = warned.args or []
    if sandbox.behaviour == "modern":
        assert any("too many" in warning for warning in warnings)  # StepsTooMany for a Flux Schnell model
    else:
        assert any("arrived without any text" in warning for warning in warnings)  # §12: null warnings
    assert [level for level, _ in shown.messages()] == [Level.INFO, Level.WARNING]
    # Seen from any tab until dismissed, the warning names its style.
    assert f"The server warns about “{IMAGE_DOC['name']}”:" in said(shown)
    assert "Saved" in said(shown) or "Created" in said(shown)


def test_patching_sends_the_full_object_and_keeps_the_old_version(
    qtbot: QtBot, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp, library: StyleLibrary
) -> None:
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    save(qtbot, presenter, tasks)
    style_id = presenter.state.style_id
    presenter.set_field("params.width", 768)
    presenter.set_field("tags", ["city"])
    found = review(qtbot, presenter, tasks)
    assert [(c.path, c.before, c.after) for c in found.changes] == [
        ("tags", ["city", "neon"], ["city"]),
        ("params.width", 1216, 768),
    ]
    assert not found.conflict
    assert run(qtbot, tasks, presenter.saved, presenter.save) == ["Saved your changes to “Rain-Soaked Neon”."]
    stored = server_style(sandbox, style_id)
    assert (stored.params["width"], stored.tags, stored.prompt) == (768, ["city"], IMAGE_DOC["prompt"])
    [patch] = [r for r in sandbox.request_log if r.method == "PATCH"]
    # §2.5 B2: the whole object goes, or 5.1.5 resets what is left out.
    assert set(patch.json()) >= {"name", "info", "prompt", "public", "nsfw", "tags", "models", "params"}
    [snapshot] = History(library).history(style_id or "")
    assert snapshot.reason is SnapshotReason.PATCH
    style = snapshot.style()
    assert isinstance(style, ImageStyle)
    assert style.params.width == 1216  # the version before the PATCH


def test_a_change_made_elsewhere_meanwhile_is_shown_next_to_the_own_changes(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp
) -> None:
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    save(qtbot, presenter, tasks)
    server_style(sandbox, presenter.state.style_id).info = "Someone else's description, changed online."
    presenter.set_field("params.steps", 40)
    found = review(qtbot, presenter, tasks)
    assert found.conflict
    assert [change.path for change in found.theirs] == ["info"]
    assert [change.path for change in found.changes] == ["info", "params.steps"]
    assert page.review.conflict.isVisibleTo(page)
    assert page.review.theirs.isVisibleTo(page)
    assert page.review.confirm.text() == "Save, replacing theirs"


def test_in_a_conflict_the_server_s_value_of_one_field_can_be_kept(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp
) -> None:
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    save(qtbot, presenter, tasks)
    theirs = "Someone else's description, changed online."
    server_style(sandbox, presenter.state.style_id).info = theirs
    presenter.set_field("params.steps", 40)
    review(qtbot, presenter, tasks)
    [keep_info] = page.review.keep_buttons
    assert keep_info.text() == "info"
    assert keep_info.isVisibleTo(page)
    [again] = run(qtbot, tasks, presenter.reviewed, keep_info.click)
    assert [change.path for change in again.changes] == ["params.steps"]  # their description stays
    info = page.form().field("info")
    assert isinstance(info, TextAreaField)
    assert info.input.toPlainText() == theirs
    assert page.review.keep_buttons == []
    assert page.review.confirm.text() == "Save to the server"
    run(qtbot, tasks, presenter.saved, presenter.save)
    served = server_style(sandbox, presenter.state.style_id)
    assert (served.info, served.params["steps"]) == (theirs, 40)


def test_an_edit_after_the_review_means_reviewing_again(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp
) -> None:
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    review(qtbot, presenter, tasks)
    presenter.set_field("name", "Rain-Soaked Neon II")
    assert not page.review.confirm.isEnabled()
    found = run(qtbot, tasks, presenter.reviewed, presenter.save)  # reviews again instead of sending
    assert found[0].sent["name"] == "Rain-Soaked Neon II"
    assert sandbox.faults.count("POST") == 0


def test_a_text_style_is_created_and_patched_or_recreated_on_5_1_5(
    qtbot: QtBot, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp, library: StyleLibrary
) -> None:
    load(presenter, StyleKind.TEXT, TEXT_DOC)
    save(qtbot, presenter, tasks)
    old_id = presenter.state.style_id
    server_style(sandbox, old_id).use_count = 12
    presenter.set_field("params.temperature", 1.1)
    review(qtbot, presenter, tasks)
    if sandbox.behaviour == "modern":
        run(qtbot, tasks, presenter.saved, presenter.save)
        assert server_style(sandbox, old_id).params["temperature"] == 1.1
        return
    # §2.5 B4: every text-style PATCH fails with 500 on 5.1.5; the editor explains and offers to recreate.
    [question] = run(qtbot, tasks, presenter.patch_unsupported, presenter.save)
    assert "new id" in question
    assert "use count starts again at 0 (now 12 uses)" in question
    [message] = run(qtbot, tasks, presenter.saved, presenter.recreate)
    assert "Recreated “Hardboiled Narrator” with a new id" in message
    new_id = presenter.state.style_id
    assert new_id != old_id
    assert server_style(sandbox, old_id) is None
    assert server_style(sandbox, new_id).params["temperature"] == 1.1
    history = History(library).history(new_id or "")
    reasons = [(s.style_id, s.reason) for s in history]
    assert reasons == [(old_id, SnapshotReason.DELETE), (old_id, SnapshotReason.PATCH)]


def test_deleting_asks_first_naming_the_style_and_keeps_a_copy(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp,
    library: StyleLibrary,
) -> None:  # fmt: skip
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    save(qtbot, presenter, tasks)
    style_id = presenter.state.style_id
    page.delete_button.click()
    box = _question_box()
    assert "Delete the style “Rain-Soaked Neon” by sandbox_curator#1" in box.text()
    assert sandbox.faults.count("DELETE") == 0  # nothing is sent before the answer
    with qtbot.waitSignal(presenter.deleted) as deleted:
        _press(box, "Delete")
    wait_idle(qtbot, tasks)
    assert deleted.args == ["Deleted “Rain-Soaked Neon”. Its last version is in History."]
    assert server_style(sandbox, style_id) is None
    assert presenter.state.creating  # the editor moved on to a new style
    [snapshot] = History(library).history(style_id or "")
    assert snapshot.reason is SnapshotReason.DELETE


@pytest.mark.parametrize("answer", ["Cancel", "Enter", "Escape"])
def test_cancelling_the_delete_question_sends_nothing(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp,
    answer: str,
) -> None:  # fmt: skip
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    save(qtbot, presenter, tasks)
    page.delete_button.click()
    box = _question_box()
    qtbot.waitExposed(box)
    if answer == "Cancel":
        _press(box, "Cancel")
    else:  # a reflexive Enter, or Escape, keeps the style
        QTest.keyClick(box, Qt.Key.Key_Return if answer == "Enter" else Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible())
    wait_idle(qtbot, tasks)
    assert sandbox.faults.count("DELETE") == 0
    assert server_style(sandbox, presenter.state.style_id) is not None


def test_a_deleted_style_is_restored_from_history_and_created_again(qtbot: QtBot, editing: Editing) -> None:
    page, presenter, tasks, sandbox, shown = editing
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    save(qtbot, presenter, tasks)
    old_id = presenter.state.style_id
    run(qtbot, tasks, presenter.deleted, presenter.delete)
    page.history.select(0)
    page.history.restore_button.click()
    assert presenter.state.creating
    assert presenter.state.doc["params"]["loras"] == IMAGE_DOC["params"]["loras"]
    assert "Restored from" in said(shown)
    save(qtbot, presenter, tasks)
    restored = server_style(sandbox, presenter.state.style_id)
    assert presenter.state.style_id != old_id
    assert (restored.name, restored.params["tis"]) == ("Rain-Soaked Neon", IMAGE_DOC["params"]["tis"])


def test_restoring_an_older_version_of_a_living_style_patches_it_back(
    qtbot: QtBot, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp, library: StyleLibrary
) -> None:
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    save(qtbot, presenter, tasks)
    style_id = presenter.state.style_id
    presenter.set_field("params.steps", 50)
    save(qtbot, presenter, tasks)
    [snapshot] = History(library).history(style_id or "")
    presenter.restore(snapshot.seq)
    assert presenter.state.style_id == style_id
    assert presenter.has_unsaved_changes()
    save(qtbot, presenter, tasks)
    assert server_style(sandbox, style_id).params["steps"] == 28


def _question_box() -> QMessageBox:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def _press(box: QMessageBox, label: str) -> None:
    [button] = [b for b in box.buttons() if b.text() == label]
    button.click()


def test_the_history_view_lists_every_style_or_only_the_open_one(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry
) -> None:
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    save(qtbot, presenter, tasks)
    presenter.set_field("params.steps", 40)
    save(qtbot, presenter, tasks)
    load(presenter, StyleKind.TEXT, TEXT_DOC)
    save(qtbot, presenter, tasks)
    run(qtbot, tasks, presenter.deleted, presenter.delete)
    model = page.history.model
    lines = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert [line.replace("\n", "  ·  ").split("  ·  ")[:3] for line in lines] == [
        ["Hardboiled Narrator", "text", "before deleting"],
        ["Rain-Soaked Neon", "image", "before an edit"],
    ]
    page.history.only_open.setChecked(True)
    assert page.history.model.rowCount() == 0  # the open style is new: no history yet


def test_one_of_my_styles_opens_for_editing_and_continues_its_draft(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry, shown: MessageView
) -> None:
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    save(qtbot, presenter, tasks)
    style_id = presenter.state.style_id
    presenter.new_style(StyleKind.TEXT)
    page.my_styles.refresh()
    assert page.my_styles.itemText(1) == "Rain-Soaked Neon (image)"
    page.my_styles.activated.emit(1)
    assert (presenter.state.style_id, presenter.state.kind) == (style_id, StyleKind.IMAGE)
    assert not presenter.has_unsaved_changes()
    presenter.set_field("params.steps", 33)
    presenter.new_style(StyleKind.TEXT)  # the edit stays behind as a draft
    page.my_styles.activated.emit(1)
    assert presenter.state.doc["params"]["steps"] == 33
    assert said(shown).startswith("Continuing your unsaved draft of “Rain-Soaked Neon”")
