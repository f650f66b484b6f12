"""What the server refuses lands where it belongs: on the field it names, or on the style as a whole."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.sandbox import USER_KEY, SandboxApp
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.ui.shared.messages import Level
from horde_style_studio.workflows.editing.server_errors import SERVER_SAYS
from tests.qt.editor.conftest import CURATOR, IMAGE_DOC, TEXT_DOC, Editing, SessionFactory, run, wait_idle
from tests.qt.editor.test_save import load, review, server_style


def test_a_field_the_server_names_shows_its_error_until_it_is_edited(qtbot: QtBot, editing: Editing) -> None:
    page, presenter, tasks, sandbox, shown = editing
    body = {"message": "Input payload validation failed",
            "errors": {"params.width": "4000 is greater than the maximum of 3072"}}  # fmt: skip
    sandbox.faults.add("status", method="POST", path="/v2/styles/image$", status=400, body=body)
    load(presenter, StyleKind.IMAGE, IMAGE_DOC)
    review(qtbot, presenter, tasks)
    run(qtbot, tasks, presenter.failed, presenter.save)
    width = page.form().field("params.width")
    assert width.problems_text() == SERVER_SAYS + "4000 is greater than the maximum of 3072"
    [(level, text)] = shown.messages()
    assert level is Level.ERROR
    assert "params.width: 4000 is greater" in text
    width.input.setValue(1024)  # type: ignore[attr-defined]  # a NumberField
    assert width.problems_text() == ""


def test_a_param_refusal_with_its_own_code_lands_on_that_param(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry
) -> None:
    # §4.1 HiResMismatch: hires fix does not work with Flux models; only the server knows model baselines.
    doc = {**IMAGE_DOC, "models": ["Flux.1-Schnell fp8 (Compact)"], "params": {"hires_fix": True}}
    load(presenter, StyleKind.IMAGE, doc)
    review(qtbot, presenter, tasks)
    run(qtbot, tasks, presenter.failed, presenter.save)
    assert "HiRes Fix does not work with Flux" in page.form().field("params.hires_fix").problems_text()


def test_a_create_refused_after_the_row_was_stored_opens_that_half_made_style(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp
) -> None:
    # §9 B12: a profane tag is refused only after the style row was committed, without models and tags.
    load(presenter, StyleKind.TEXT, {**TEXT_DOC, "tags": ["noir", "badword"]})
    review(qtbot, presenter, tasks)
    [message] = run(qtbot, tasks, presenter.failed, presenter.save)
    assert "style tag contains profanity" in message
    assert "had already created “Hardboiled Narrator”" in message
    half = server_style(sandbox, presenter.state.style_id)
    assert (half.name, half.models, half.tags) == ("Hardboiled Narrator", [], [])
    assert "on the server, id" in page.title.text()
    assert presenter.has_unsaved_changes()  # what was typed is still to be sent
    presenter.set_field("tags", ["noir"])
    review(qtbot, presenter, tasks)
    if sandbox.behaviour == "modern":
        run(qtbot, tasks, presenter.saved, presenter.save)
        completed = server_style(sandbox, presenter.state.style_id)
        assert (completed.models, completed.tags) == (TEXT_DOC["models"], ["noir"])


def test_a_user_without_the_role_is_refused_and_told_why(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry,
    session_for: SessionFactory, library: object,
) -> None:  # fmt: skip
    # The local check stops a known plain user; here the account claims the role but the key has none.
    plain = EditorPresenter(session_for(USER_KEY), presenter.library, tasks)
    plain.set_account(CURATOR)
    load(plain, StyleKind.IMAGE, IMAGE_DOC)
    review(qtbot, plain, tasks)
    [message] = run(qtbot, tasks, plain.failed, plain.save)
    assert "Only customizers and trusted users" in message
    plain.close()
    wait_idle(qtbot, tasks)


def test_a_failed_recreate_keeps_the_edit_as_a_new_style(
    qtbot: QtBot, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp
) -> None:
    if sandbox.behaviour == "modern":
        return  # text PATCH works on 5.1.13-like servers: no recreate
    load(presenter, StyleKind.TEXT, TEXT_DOC)
    review(qtbot, presenter, tasks)
    run(qtbot, tasks, presenter.saved, presenter.save)
    old_id = presenter.state.style_id
    presenter.set_field("params.temperature", 1.2)
    review(qtbot, presenter, tasks)
    run(qtbot, tasks, presenter.patch_unsupported, presenter.save)
    sandbox.faults.add("status", method="POST", path="/v2/styles/text$", status=503,
                       body={"message": "Service unavailable"})  # fmt: skip
    [message] = run(qtbot, tasks, presenter.failed, presenter.recreate)
    assert message.startswith("The old style was deleted, but creating it again failed")
    assert server_style(sandbox, old_id) is None
    assert presenter.state.creating
    assert presenter.state.doc["params"]["temperature"] == 1.2
    [draft] = presenter.drafts.drafts()
    assert draft.style_id is None  # kept, to be created
