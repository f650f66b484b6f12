"""Every field shows its own problem as it is typed, and Save says why it is disabled."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.editor.chips import ChipsField
from horde_style_studio.ui.editor.fields import FieldEditor, LineField, TextAreaField, TriStateField
from horde_style_studio.ui.editor.lists import LoraListField, LoraRow
from horde_style_studio.ui.editor.numbers import NumberField
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from tests.qt.editor.conftest import IMAGE_DOC, TEXT_DOC

Act = Callable[[EditorPage, FieldEditor], None]
pytestmark = [
    pytest.mark.parametrize("sandbox", ["modern"], indirect=True),  # no round trips here
]


def retype(field: FieldEditor, text: str) -> None:
    """Select everything in the field's input and type ``text`` over it, key by key."""
    target = field.input if isinstance(field, LineField | TextAreaField | NumberField) else field.focusProxy()
    assert target is not None
    target.setFocus()
    QTest.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(target, Qt.Key.Key_Backspace)
    QTest.keyClicks(target, text)


def typed(text: str) -> Act:
    return lambda _page, field: retype(field, text)


def chip(text: str) -> Act:
    """Type a name into a chips field and press Enter."""

    def add(_page: EditorPage, field: FieldEditor) -> None:
        assert isinstance(field, ChipsField)
        QTest.keyClicks(field.entry, text)
        QTest.keyClick(field.entry, Qt.Key.Key_Return)

    return add


def picked(*names: str) -> Act:
    """Choose known names as the completer offers them (its popup needs a real screen, so not typed)."""

    def add(_page: EditorPage, field: FieldEditor) -> None:
        assert isinstance(field, ChipsField)
        for name in names:
            field.add(name)

    return add


def in_json(**changes: Any) -> Act:
    """Type the whole document, changed, into the JSON view (the form cannot hold such a value)."""

    def edit(page: EditorPage, _field: FieldEditor) -> None:
        doc = json.loads(page.json.text.toPlainText())
        for path, value in changes.items():
            *parents, last = path.split("__")
            node = doc
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = value
        page.json.text.setPlainText(json.dumps(doc))

    return edit


def drop_model(_page: EditorPage, field: FieldEditor) -> None:
    assert isinstance(field, ChipsField)
    [remove] = [w for w in field.findChildren(QToolButton) if w.objectName() == "ChipRemove"]
    remove.click()


def lora_marked_as_version(_page: EditorPage, field: FieldEditor) -> None:
    assert isinstance(field, LoraListField)
    row = field.rows()[1]
    assert isinstance(row, LoraRow)
    QTest.keyClicks(row.name, "_v2")
    row.version.click()


IMAGE_CASES: list[tuple[str, Act, str]] = [
    ("name", typed(""), "The name cannot be empty."),
    ("name", typed("n" * 101), "between 1 and 100 characters long (this one has 101)"),
    ("info", typed("Short"), "between 10 and 1000 characters long (this one has 5)"),
    ("prompt", typed("{p}, wet streets"), "must contain {np}"),
    ("tags", chip("t" * 26), "Tag 3 must be between 1 and 25 characters"),
    ("tags", in_json(tags=[f"t{i}" for i in range(11)]), "at most 10 tags (this one has 11)"),
    ("models", drop_model, "A style has to use at least one model."),
    ("models", picked("GFPGAN"), "'GFPGAN' is a post-processor, not a model"),
    ("models", in_json(models=[f"m{i}" for i in range(6)]), "at most 5 models (this one has 6)"),
    ("sharedkey", typed("abc"), "must be a 36-character key id (this one has 3)"),
    ("public", in_json(public="yes"), "Public must be true or false"),
    ("nsfw", in_json(nsfw=1), "NSFW must be true or false"),
    ("params.sampler_name", in_json(params__sampler_name="k_nope"), "'k_nope' is not a sampler"),
    ("params.steps", typed("900"), "Steps must be at most 500 (got 900)."),
    ("params.cfg_scale", in_json(params__cfg_scale=7.555), "at most 2 decimals (got 7.555)"),
    ("params.width", typed("1000"), "Width must be a multiple of 64 between 64 and 3072 (got 1000)."),
    ("params.height", typed("4096"), "Height must be a multiple of 64 between 64 and 3072 (got 4096)."),
    ("params.clip_skip", typed("13"), "CLIP skip must be at most 12 (got 13)."),
    ("params.karras", in_json(params__karras="yes"), "Karras must be true or false"),
    ("params.hires_fix_denoising_strength", typed("0"), "at least 0.01 (got 0)"),
    ("params.denoising_strength", typed("1.5"), "Denoising strength must be at most 1 (got 1.5)."),
    ("params.facefixer_strength", typed("1.5"), "Face fixer strength must be at most 1 (got 1.5)."),
    ("params.tiling", in_json(params__tiling=0), "Tiling must be true or false"),
    ("params.transparent", in_json(params__transparent="no"), "Transparent must be true or false"),
    ("params.workflow", in_json(params__workflow="qr"), "'qr' is not a workflow"),
    ("params.special", typed("{oops"), "Special must be an object"),
    ("params.post_processing", picked("GFPGAN", "RealESRGAN_x2plus", "4x_AnimeSharp"), "Only one upscaler"),
    ("params.loras", in_json(params__loras=[{"name": "a"}] * 6), "at most 5 LoRAs (this one has 6)"),
    ("params.loras", lora_marked_as_version, "must be a CivitAI version id made of digits only"),
    ("params.tis", in_json(params__tis=[{"name": "t"}] * 21), "at most 20 textual inversions (this one has"),
]
TEXT_CASES: list[tuple[str, Act, str]] = [
    ("prompt", typed("Narrate {p} with a { brace"), "without a partner"),
    ("prompt", typed("No placeholder here"), "must contain {p}"),
    ("params.max_context_length", typed("200"), "context length (200) must be at least the max length (300)"),
    ("params.max_length", typed("8"), "Max length must be at least 16 (got 8)."),
    ("params.rep_pen", in_json(params__rep_pen=0.5), "Repetition penalty must be at least 1 (got 0.5)."),
    ("params.rep_pen_range", typed("5000"), "at most 4096 (got 5000)"),
    ("params.top_k", typed("300"), "Top-k must be at most 200 (got 300)."),
    ("params.top_p", in_json(params__top_p=0), "Top-p must be at least 0.001 (got 0)."),
    ("params.sampler_order", typed("6, 0, 1"), "must list all 7 samplers (this one lists 3"),
    ("params.sampler_order", typed("6, x"), "Sampler order entry 2 must be a whole number (got 'x')."),
    ("params.stop_sequence", in_json(params__stop_sequence=[f"s{i}" for i in range(129)]), "at most 128"),
    ("params.singleline", in_json(params__singleline="x"), "Single line must be true or false"),
]


def _start(page: EditorPage, kind: StyleKind, doc: dict[str, Any]) -> None:
    """A new style of ``kind``, filled in by typing ``doc`` into the JSON view."""
    page.presenter.new_style(kind)
    page.json.text.setPlainText(json.dumps(doc))
    assert page.presenter.state.doc == doc
    assert page.presenter.state.problems == []


def _ids(cases: list[tuple[str, Act, str]]) -> list[str]:
    return [f"{path}-{expected[:24]}" for path, _act, expected in cases]


@pytest.mark.parametrize(("path", "act", "expected"), IMAGE_CASES, ids=_ids(IMAGE_CASES))
def test_an_image_field_shows_its_problem_and_save_says_why_not(
    page: EditorPage, presenter: EditorPresenter, path: str, act: Act, expected: str
) -> None:
    _start(page, StyleKind.IMAGE, IMAGE_DOC)
    page.show()
    assert page.save_button.isEnabled()
    field = page.form().field(path)
    act(page, field)
    assert expected in field.problems_text()
    assert field.error.isVisibleTo(page)
    assert not page.save_button.isEnabled()
    assert expected in page.save_button.toolTip()
    assert expected in page.reason.text()


@pytest.mark.parametrize(("path", "act", "expected"), TEXT_CASES, ids=_ids(TEXT_CASES))
def test_a_text_field_shows_its_problem_and_save_says_why_not(
    page: EditorPage, presenter: EditorPresenter, path: str, act: Act, expected: str
) -> None:
    _start(page, StyleKind.TEXT, TEXT_DOC)
    page.show()
    field = page.form().field(path)
    act(page, field)
    assert expected in field.problems_text()
    assert not page.save_button.isEnabled()
    assert expected in page.save_button.toolTip()


@pytest.mark.parametrize("kind", list(StyleKind))
def test_every_number_box_goes_past_the_servers_limit_and_says_so(
    page: EditorPage, presenter: EditorPresenter, kind: StyleKind
) -> None:
    _start(page, kind, IMAGE_DOC if kind is StyleKind.IMAGE else TEXT_DOC)
    numbers = [f for f in page.forms[kind].fields.values() if isinstance(f, NumberField)]
    assert len(numbers) == (8 if kind is StyleKind.IMAGE else 15)
    for field in numbers:
        field.input.setValue(field.input.maximum())  # type: ignore[arg-type]  # int or float box
        assert field.problems_text(), field.path
        field.input.setValue(field.input.minimum())  # type: ignore[arg-type]  # "Default": unset
        assert not field.problems_text(), field.path
        assert field.path.removeprefix("params.") not in presenter.state.doc["params"]


def test_server_default_leaves_a_param_out_and_a_switch_can_be_on_or_off(
    page: EditorPage, presenter: EditorPresenter
) -> None:
    _start(page, StyleKind.IMAGE, IMAGE_DOC)
    steps = page.form().field("params.steps")
    assert isinstance(steps, NumberField)
    steps.input.setValue(steps.input.minimum())  # type: ignore[arg-type]  # int or float box
    assert steps.input.text() == "Default"
    assert "steps" not in presenter.state.doc["params"]
    switches = [f for f in page.form().fields.values() if isinstance(f, TriStateField)]
    paths = [f.path for f in switches]
    assert paths == ["params.karras", "params.hires_fix", "params.tiling", "params.transparent"]
    for field in switches:
        field.input.setCurrentIndex(field.input.findText("Off"))
        field.input.activated.emit(field.input.currentIndex())
        assert presenter.state.doc["params"][field.path.split(".")[1]] is False


def test_an_unknown_top_level_key_is_shown_above_the_form(
    page: EditorPage, presenter: EditorPresenter
) -> None:
    _start(page, StyleKind.IMAGE, IMAGE_DOC)
    in_json(colour="blue")(page, page.form().field("name"))
    form = page.form()
    assert form.general.isVisibleTo(page)
    assert "'colour' is not a field of an image style" in form.general.text()
    assert not page.save_button.isEnabled()


def test_fixing_a_problem_clears_it_and_enables_save(page: EditorPage, presenter: EditorPresenter) -> None:
    _start(page, StyleKind.IMAGE, IMAGE_DOC)
    width = page.form().field("params.width")
    retype(width, "1000")
    assert width.problems_text()
    retype(width, "1024")
    assert width.problems_text() == ""
    assert page.save_button.isEnabled()
    assert not page.reason.isVisibleTo(page)


def test_aspect_presets_set_both_sides(qtbot: QtBot, page: EditorPage, presenter: EditorPresenter) -> None:
    _start(page, StyleKind.IMAGE, IMAGE_DOC)
    form = page.forms[StyleKind.IMAGE]
    aspect = form.aspect  # type: ignore[attr-defined]  # the image form's own widget
    index = aspect.findData("832x1216")
    aspect.setCurrentIndex(index)
    aspect.activated.emit(index)
    assert (presenter.state.doc["params"]["width"], presenter.state.doc["params"]["height"]) == (832, 1216)
    form.field("params.width").input.setValue(1024)  # type: ignore[attr-defined]  # a NumberField
    assert aspect.currentText() == "Custom"


def test_a_model_no_worker_serves_gets_a_note_but_no_error(
    qtbot: QtBot, page: EditorPage, presenter: EditorPresenter
) -> None:
    _start(page, StyleKind.IMAGE, IMAGE_DOC)
    with qtbot.waitSignal(presenter.models.known):
        presenter.want_models()
    models = page.form().field("models")
    assert models.note.text() == ""  # AlbedoBase XL is served in the sandbox
    picked("Nobody Serves This v1")(page, models)
    assert "No worker serves “Nobody Serves This v1” right now" in models.note.text()
    assert models.problems_text() == ""
    assert page.save_button.isEnabled()


def test_the_template_highlights_placeholders_and_flags_stray_braces(
    page: EditorPage, presenter: EditorPresenter
) -> None:
    from horde_style_studio.ui.editor.prompt_field import PromptField, stray_braces

    assert stray_braces("Narrate {p} with a { brace") == [19]
    assert stray_braces("{{ok}} {p} }") == [11]
    assert stray_braces("{p} {{literal}} {p}") == []
    _start(page, StyleKind.TEXT, TEXT_DOC)
    prompt = page.form().field("prompt")
    assert isinstance(prompt, PromptField)
    retype(prompt, "Narrate {p} with a { brace")
    block = prompt.input.document().firstBlock()
    styles = {(r.start, r.length): r.format.underlineStyle() for r in block.layout().formats()}
    assert styles[(8, 3)] is QTextCharFormat.UnderlineStyle.SingleUnderline  # {p}
    assert styles[(19, 1)] is QTextCharFormat.UnderlineStyle.WaveUnderline  # the lone {
