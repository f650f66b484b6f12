"""The Editor's JSON tab given hostile text: deep nesting, endless numbers, Infinity (issue 14, item 4).

Each gets an inline message and leaves the form on its last good document; nothing raises.
"""

from __future__ import annotations

import json

import pytest

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from tests.qt.editor.conftest import IMAGE_DOC

pytestmark = pytest.mark.parametrize("sandbox", ["modern"], indirect=True)


def with_params_text(params_text: str) -> str:
    text = json.dumps({**IMAGE_DOC, "params": "PARAMS"})
    return text.replace('"PARAMS"', params_text)


HOSTILE = {
    "params nested 500 deep": with_params_text('{"special": ' + '{"a": ' * 500 + "1" + "}" * 500 + "}"),
    "a 5,000-digit integer": with_params_text('{"steps": ' + "9" * 5000 + "}"),
    "Infinity": with_params_text('{"cfg_scale": Infinity}'),
    "NaN": with_params_text('{"cfg_scale": NaN}'),
    "1e400": with_params_text('{"cfg_scale": 1e400}'),
    "100,000 brackets": "[" * 100_000,
}
WORDS = {
    "params nested 500 deep": "nested more than",
    "a 5,000-digit integer": "5,000 digits",
    "Infinity": "Infinity",
    "NaN": "NaN",
    "1e400": "too large",
    "100,000 brackets": "nested more than",
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_json_gets_an_inline_message_and_the_form_keeps_its_document(
    page: EditorPage, presenter: EditorPresenter, case: str
) -> None:
    presenter.new_style(StyleKind.IMAGE)
    page.json.text.setPlainText(json.dumps(IMAGE_DOC))
    good = dict(presenter.state.doc)
    assert good["name"] == IMAGE_DOC["name"]

    page.json.text.setPlainText(HOSTILE[case])

    assert not page.json.error.isHidden()
    assert WORDS[case] in page.json.error.text()
    assert presenter.state.doc == good
    assert page.form().field("name").input.text() == IMAGE_DOC["name"]  # type: ignore[attr-defined]  # a LineField


def test_a_number_past_64_bits_in_the_json_tab_is_kept_and_shown_as_near_as_the_box_goes(
    page: EditorPage, presenter: EditorPresenter
) -> None:
    presenter.new_style(StyleKind.IMAGE)
    huge = int("7" * 30)
    page.json.text.setPlainText(with_params_text(f'{{"steps": {huge}}}'))
    assert presenter.state.doc["params"]["steps"] == huge
    steps = page.form().field("params.steps")
    assert steps.input.value() == steps.input.maximum()  # type: ignore[attr-defined]  # a NumberField
    assert any("steps" in p.field for p in presenter.state.problems)


@pytest.mark.parametrize("name", ["5", "1.5", "null", '{"a": 1}', '["a&b", 3]'])
def test_a_name_that_is_not_text_is_a_problem_not_a_crash(
    page: EditorPage, presenter: EditorPresenter, name: str
) -> None:
    presenter.new_style(StyleKind.IMAGE)
    text = json.dumps({**IMAGE_DOC, "name": "NAME", "tags": "TAGS"}).replace('"NAME"', name)
    page.json.text.setPlainText(text.replace('"TAGS"', name))
    assert page.json.error.isHidden()
    assert any(p.field == "name" for p in presenter.state.problems) or name == "null"
