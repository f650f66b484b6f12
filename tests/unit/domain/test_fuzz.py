"""Whatever JSON a server sends, parsing either succeeds or raises pydantic's ValidationError."""

from __future__ import annotations

from typing import Any

import pydantic
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.params import ImageParams, TextParams
from horde_style_studio.domain.styles import ImageStyle, ImageStyleWrite, TextStyle
from horde_style_studio.domain.validation import validate_style

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
# Keys the models know are drawn often, so the values reach the validators instead of being ignored.
STYLE_KEYS = st.sampled_from(sorted(ImageStyle.model_fields)) | st.text(max_size=10)
PARAM_KEYS = st.sampled_from(sorted(set(ImageParams.model_fields) | set(TextParams.model_fields))) | st.text(
    max_size=10
)
PARAMS = st.dictionaries(PARAM_KEYS, JSON_VALUES, max_size=8)
STYLE_BODIES = st.fixed_dictionaries(
    {"id": st.text(max_size=5), "name": st.text(max_size=5), "prompt": st.text(max_size=12)},
    optional={"params": PARAMS | JSON_VALUES},
).flatmap(lambda base: st.dictionaries(STYLE_KEYS, JSON_VALUES, max_size=6).map(lambda extra: extra | base))
# The autouse isolated_app_home fixture is per function; nothing here touches it.
FUZZ = settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


@FUZZ
@given(STYLE_BODIES)
def test_image_style_parsing_fails_only_with_validation_error(body: dict[str, Any]) -> None:
    try:
        style = ImageStyle.model_validate(body)
    except pydantic.ValidationError:
        return
    # Whatever parsed can be turned back into a payload for the full-object PATCH.
    payload = ImageStyleWrite.from_style(style).to_payload()
    assert payload["name"] == style.name


@FUZZ
@given(STYLE_BODIES)
def test_text_style_parsing_fails_only_with_validation_error(body: dict[str, Any]) -> None:
    try:
        TextStyle.model_validate(body)
    except pydantic.ValidationError:
        return


@FUZZ
@given(st.sampled_from(list(StyleKind)), STYLE_BODIES, st.booleans())
def test_validation_never_raises(kind: StyleKind, body: dict[str, Any], creating: bool) -> None:
    problems = validate_style(kind, body, creating=creating)
    assert all(problem.message.endswith((".", "?")) for problem in problems)
    assert not any("Input should" in problem.message for problem in problems)  # pydantic's own words
