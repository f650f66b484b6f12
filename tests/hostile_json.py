"""Hypothesis strategies for hostile JSON text (issue 14): nesting, endless numbers, non-finite values.

Shared by the fuzz tests of the JSON reader, of ``horde-styles validate`` and of the Editor's JSON tab.
Each example is (text, hostile): ``hostile`` says whether the text must be refused for what it holds.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from horde_style_studio.domain.json_text import MAX_DEPTH, MAX_INT_DIGITS

GOOD_STYLE: dict[str, Any] = {
    "name": "Fuzzed harbour fog",
    "info": "A style the fuzz tests spoil in one place",
    "prompt": "{p}, harbour fog###{np}",
    "models": ["Deliberate"],
    "tags": ["fog"],
    "params": {"steps": 30, "width": 768, "height": 768},
}
_SLOT = "\x00slot\x00"
# Where the hostile token goes: a number the models know, a free object, a list, the top level's name.
_PLACES = ("steps", "cfg_scale", "special", "tags", "name")


def _placed(token: str, place: str) -> str:
    doc: dict[str, Any] = json.loads(json.dumps(GOOD_STYLE))
    if place in ("steps", "cfg_scale", "special"):
        doc["params"][place] = _SLOT
    elif place == "tags":
        doc["tags"] = [_SLOT]
    else:
        doc["name"] = _SLOT
    return json.dumps(doc, indent=2).replace(json.dumps(_SLOT), token)


def _nested(depth: int, opener: str, closed: bool) -> str:
    closer = {"[": "]", "{": "}"}[opener]
    inner = "1" if opener == "[" else ""
    if opener == "{":
        return '{"a": ' * depth + "1" + "}" * depth if closed else '{"a": ' * depth
    return opener * depth + inner + (closer * depth if closed else "")


def _depth_of(token_depth: int, place: str) -> int:
    # The style object is one level, params or tags a second.
    return token_depth + (1 if place == "name" else 2)


NESTING = st.builds(
    lambda depth, opener, closed, place: (
        _placed(_nested(depth, opener, closed), place),
        _depth_of(depth, place) > MAX_DEPTH or not closed,
    ),
    st.integers(min_value=1, max_value=3000) | st.integers(min_value=MAX_DEPTH - 3, max_value=MAX_DEPTH + 3),
    st.sampled_from("[{"),
    st.booleans(),
    st.sampled_from(_PLACES),
)
LONG_INTEGERS = st.builds(
    lambda digits, sign, place: (_placed(sign + "7" * digits, place), digits > MAX_INT_DIGITS),
    st.integers(min_value=1, max_value=6000) | st.integers(min_value=MAX_INT_DIGITS - 2, max_value=45),
    st.sampled_from(["", "-"]),
    st.sampled_from(_PLACES),
)
NON_FINITE = st.builds(
    lambda token, place: (_placed(token, place), True),
    st.sampled_from(["Infinity", "-Infinity", "NaN", "1e400", "-1e400", "1e309", "123456789e99999"]),
    st.sampled_from(_PLACES),
)
HUGE_EXPONENTS = st.builds(
    lambda exponent, place: (_placed(f"1e{exponent}", place), exponent > 308),
    st.integers(min_value=-400, max_value=400),
    st.sampled_from(_PLACES),
)
HOSTILE_JSON = NESTING | LONG_INTEGERS | NON_FINITE | HUGE_EXPONENTS
"""(text, must be refused) pairs."""

JUNK = st.text(alphabet='[]{}",:0123456789.eE+- \n\\aflnrstuINfiy', max_size=400)
"""Text from JSON's own characters, mostly not JSON at all."""
