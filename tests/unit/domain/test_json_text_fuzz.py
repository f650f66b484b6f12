"""Fuzzing the JSON reader every server answer, file and JSON-tab text goes through (issue 14, item 4)."""

from __future__ import annotations

import contextlib
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from horde_style_studio.domain.json_text import MAX_DEPTH, JsonTextError, loads
from tests.hostile_json import HOSTILE_JSON, JUNK

FUZZ = settings(max_examples=300, deadline=None)

# Plain JSON a real server or a person writes: finite numbers, 64-bit integers, modest nesting.
PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)  # fmt: skip


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    return 0


@FUZZ
@given(PLAIN)
def test_plain_json_reads_back_as_written(value: Any) -> None:
    assert loads(json.dumps(value)) == value
    assert loads(json.dumps(value, indent=2).encode()) == value


@FUZZ
@given(HOSTILE_JSON)
def test_hostile_json_is_refused_in_words_and_the_rest_read_finite(case: tuple[str, bool]) -> None:
    text, hostile = case
    if hostile:
        with pytest.raises(JsonTextError, match=r"\w"):
            loads(text)
        return
    value = loads(text)  # no false alarms: what is within the limits reads
    assert depth(value) <= MAX_DEPTH
    assert all(math.isfinite(v) for v in _numbers(value))


@FUZZ
@given(JUNK)
def test_any_text_is_a_value_or_a_json_text_error(text: str) -> None:
    with contextlib.suppress(JsonTextError):
        loads(text)


@pytest.mark.parametrize("depth_", [MAX_DEPTH, MAX_DEPTH + 1, 1000, 100_000])
def test_the_depth_limit_is_exact(depth_: int) -> None:
    text = "[" * depth_ + "]" * depth_
    if depth_ <= MAX_DEPTH:
        assert depth(loads(text)) == depth_
    else:
        with pytest.raises(JsonTextError, match=f"nested more than {MAX_DEPTH} levels"):
            loads(text)


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"a": "[" * 10_000 + '\\"{' * 100})
    assert loads(text) == {"a": "[" * 10_000 + '\\"{' * 100}


def _numbers(value: Any) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, list):
        return [n for item in value for n in _numbers(item)]
    if isinstance(value, dict):
        return [n for item in value.values() for n in _numbers(item)]
    return []
