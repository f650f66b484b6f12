"""Fuzzing the Editor's JSON tab (issue 14, item 4): whatever is typed, nothing raises; hostile text gets
an inline message and the form keeps its last good document."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.workflows.editing.document import parse_json
from tests.hostile_json import GOOD_STYLE, HOSTILE_JSON, JUNK

pytestmark = pytest.mark.parametrize("sandbox", ["modern"], indirect=True)
# The page is made once per test; each example types into the same JSON tab.
THROUGH_THE_PAGE = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@THROUGH_THE_PAGE
@given(case=HOSTILE_JSON)
def test_hostile_text_in_the_json_tab_is_flagged_inline(
    page: EditorPage, presenter: EditorPresenter, case: tuple[str, bool]
) -> None:
    text, hostile = case
    if presenter.state.kind is not StyleKind.IMAGE:
        presenter.new_style(StyleKind.IMAGE)
    page.json.text.setPlainText(json.dumps(GOOD_STYLE))
    good = json.loads(json.dumps(presenter.state.doc))

    page.json.text.setPlainText(text)

    if hostile:
        assert not page.json.error.isHidden()
        assert page.json.error.text().startswith("Not valid JSON yet:")
        assert presenter.state.doc == good
    else:
        assert page.json.error.isHidden()


@THROUGH_THE_PAGE
@given(text=JUNK)
def test_junk_in_the_json_tab_never_raises(page: EditorPage, text: str) -> None:
    page.json.text.setPlainText(text)
    doc, error = parse_json(text)
    assert (doc is None) == (error is not None)
    assert page.json.error.isHidden() == (error is None)
