"""The form and the JSON view edit one document, in both directions."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.editor.chips import ChipsField
from horde_style_studio.ui.editor.fields import LineField
from horde_style_studio.ui.editor.lists import LoraListField, LoraRow, TIListField
from horde_style_studio.ui.editor.numbers import NumberField
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from tests.qt.editor.conftest import IMAGE_DOC, TEXT_DOC

pytestmark = pytest.mark.parametrize("sandbox", ["modern"], indirect=True)


def shown_json(page: EditorPage) -> object:
    return json.loads(page.json.text.toPlainText())


def test_what_is_typed_in_the_form_appears_in_the_json(page: EditorPage, presenter: EditorPresenter) -> None:
    presenter.new_style(StyleKind.IMAGE)
    form = page.form()
    name = form.field("name")
    assert isinstance(name, LineField)
    QTest.keyClicks(name.input, "Noir Alley")
    steps = form.field("params.steps")
    assert isinstance(steps, NumberField)
    steps.input.setValue(30)
    tags = form.field("tags")
    assert isinstance(tags, ChipsField)
    for tag in ("noir", "city"):
        QTest.keyClicks(tags.entry, tag)
        QTest.keyClick(tags.entry, Qt.Key.Key_Return)
    loras = form.field("params.loras")
    assert isinstance(loras, LoraListField)
    loras.add_button.click()
    row = loras.rows()[0]
    assert isinstance(row, LoraRow)
    QTest.keyClicks(row.name, "1234")
    row.version.click()
    row.model.setValue(0.75)  # type: ignore[arg-type]  # a float box; the stub names the int one
    doc = shown_json(page)
    assert isinstance(doc, dict)
    assert (doc["name"], doc["tags"], doc["params"]["steps"]) == ("Noir Alley", ["noir", "city"], 30)
    assert doc["params"]["loras"] == [{"name": "1234", "model": 0.75, "is_version": True}]
    assert doc == presenter.state.doc


def test_what_is_typed_in_the_json_appears_in_the_form(page: EditorPage, presenter: EditorPresenter) -> None:
    presenter.new_style(StyleKind.IMAGE)
    page.json.text.setPlainText(json.dumps(IMAGE_DOC))
    form = page.form()
    assert form.field("name").input.text() == "Rain-Soaked Neon"  # type: ignore[attr-defined]  # a LineField
    width = form.field("params.width")
    assert isinstance(width, NumberField)
    assert width.input.value() == 1216
    assert form.field("models").values() == ["AlbedoBase XL (SDXL)"]  # type: ignore[attr-defined]  # chips
    loras = form.field("params.loras")
    assert isinstance(loras, LoraListField)
    assert [row.entry() for row in loras.rows()] == IMAGE_DOC["params"]["loras"]
    tis = form.field("params.tis")
    assert isinstance(tis, TIListField)
    assert [row.entry() for row in tis.rows()] == IMAGE_DOC["params"]["tis"]
    assert page.preview.prompt.toPlainText().startswith("a lighthouse on a cliff at dusk, rain-soaked neon")


def test_a_round_trip_keeps_everything_even_keys_the_form_has_no_field_for(
    page: EditorPage, presenter: EditorPresenter
) -> None:
    presenter.new_style(StyleKind.IMAGE)
    doc = json.loads(json.dumps(IMAGE_DOC))
    doc["params"]["seed"] = "42"  # §4.1: stored and applied though outside the schema
    doc["params"]["loras"][1]["custom"] = "kept"
    page.json.text.setPlainText(json.dumps(doc))
    steps = page.form().field("params.steps")
    assert isinstance(steps, NumberField)
    steps.input.setValue(31)  # a form edit rewrites the JSON from the document
    lora = page.form().field("params.loras")
    assert isinstance(lora, LoraListField)
    lora.rows()[1].name.setText("add_detail_v2")
    lora.rows()[1].name.textEdited.emit("add_detail_v2")
    shown = shown_json(page)
    doc["params"]["steps"] = 31
    doc["params"]["loras"][1]["name"] = "add_detail_v2"
    assert shown == doc


def test_json_that_does_not_parse_is_flagged_kept_and_blocks_saving(
    page: EditorPage, presenter: EditorPresenter
) -> None:
    presenter.new_style(StyleKind.TEXT)
    page.json.text.setPlainText(json.dumps(TEXT_DOC))
    page.json.text.setPlainText(json.dumps(TEXT_DOC)[:-1])  # the closing brace not typed yet
    assert "Not valid JSON yet" in page.json.error.text()
    assert not page.json.error.isHidden()
    assert page.form().field("name").input.text() == "Hardboiled Narrator"  # type: ignore[attr-defined]
    assert not page.save_button.isEnabled()
    assert "not valid JSON yet" in page.save_button.toolTip()
    presenter.flush()
    [draft] = presenter.drafts.drafts()
    assert draft.raw == json.dumps(TEXT_DOC)[:-1]  # even a half-typed edit survives
    page.json.text.setPlainText(json.dumps(TEXT_DOC))
    assert page.json.error.isHidden()
    assert page.save_button.isEnabled()


def test_a_json_array_is_not_a_style(page: EditorPage, presenter: EditorPresenter) -> None:
    presenter.new_style(StyleKind.IMAGE)
    page.json.text.setPlainText("[1, 2]")
    assert "must be a JSON object" in page.json.error.text()
