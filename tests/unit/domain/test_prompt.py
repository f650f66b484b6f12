"""The prompt a style produces, exactly as the server builds it (§5)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.prompt import (
    TemplateError,
    merge_image_prompt,
    merge_text_prompt,
    placeholder_spans,
    split_user_prompt,
    text_template_problem,
)


def test_reference_example_from_the_servers_tests() -> None:
    # tests/integration/test_image_styles.py upstream, quoted in §5.
    template = "{p}, impasto impressionism###no blur, {np}"
    assert (
        merge_image_prompt(template, "robots in a wheat field###organic")
        == "robots in a wheat field, impasto impressionism###no blur, organic"
    )


@pytest.mark.parametrize(
    ("template", "user_prompt", "expected"),
    [
        ("{p}, oil{np}", "a cat###dogs", "a cat, oil###dogs"),  # no ### in the template: np keeps it
        ("{p}, oil{np}", "a cat", "a cat, oil"),
        ("{p}###ugly, {np}", "a cat", "a cat###ugly, "),
        ("{p}###{np}", "a###b###c", "a###b###c"),  # split at the first ### only
        ("{a|b} {p}{np}", "cat", "{a|b} cat"),  # wildcards survive: every other brace is literal
        ("{{p}} {0} {x} {p}{np}", "cat", "{cat} {0} {x} cat"),
        ("{p}{p}{np}", "ab###c", "abab###c"),
    ],
)
def test_image_merge(template: str, user_prompt: str, expected: str) -> None:
    assert merge_image_prompt(template, user_prompt) == expected


def test_split_user_prompt() -> None:
    assert split_user_prompt("a###b###c") == ("a", "b###c")
    assert split_user_prompt("a") == ("a", "")


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("### Instruction: {p}\n### Response:", "### Instruction: tell a tale\n### Response:"),
        ("{p} by {author}", "tell a tale by "),  # unknown names become ""
        ("{{literal}} {p}", "{literal} tell a tale"),
        ("{{[INPUT]}} {p}", "{[INPUT]} tell a tale"),  # 5.1.5 formats it; 5.1.13 protects it (§10)
    ],
)
def test_text_merge(template: str, expected: str) -> None:
    assert merge_text_prompt(template, "tell a tale") == expected


@pytest.mark.parametrize("template", ["{p} {", "{p} }", "{0} {p}", "{} {p}", "{p.x}", "{x[0]}", "{p:d}"])
def test_text_merge_fails_where_the_server_would_500(template: str) -> None:
    with pytest.raises(TemplateError) as caught:
        merge_text_prompt(template, "tell a tale")
    assert str(caught.value)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{p} {", "without a partner"),
        ("{p", "without a partner"),
        ("{p} {0}", "cannot be numbers"),
        ("{}", "empty placeholder"),
        ("{p.x}", "reaches inside"),
        ("{p[0]}", "reaches inside"),
        ("{p:>10}", "carries a format"),
        ("{my-field}", "not a usable placeholder name"),
    ],
)
def test_text_template_problem(template: str, words: str) -> None:
    problem = text_template_problem(template)
    assert problem is not None
    assert words in problem


@pytest.mark.parametrize("template", ["{p}", "{{ {p} }}", "{{[INPUT]}}{p}", "{p} by {author}", "no braces"])
def test_text_template_without_problem(template: str) -> None:
    assert text_template_problem(template) is None


def test_placeholder_spans_for_image() -> None:
    template = "{p}, art###{np} {x}"
    spans = placeholder_spans(template)
    assert spans == [(0, 3, "p"), (11, 15, "np")]
    assert [template[start:end] for start, end, _ in spans] == ["{p}", "{np}"]


def test_placeholder_spans_for_text_skip_literal_braces() -> None:
    template = "{{p}} {p} {{{p}}} {np}"
    spans = placeholder_spans(template, kind=StyleKind.TEXT)
    assert [template[start:end] for start, end, _ in spans] == ["{p}", "{p}"]
    assert [start for start, _end, _name in spans] == [6, 12]


@pytest.mark.parametrize(
    "template", ["{p:>99999999999}", "{p:>50000000}", "{p!r}", "{p!s:>9}", "{x:^9999}"]
)
def test_text_merge_refuses_format_specs_and_conversions(template: str) -> None:
    # The server would try; a 14-character template must not build gigabytes here (issue 14).
    with pytest.raises(TemplateError, match="carries a format"):
        merge_text_prompt(template, "tell a tale")


@pytest.mark.parametrize("merge", [merge_text_prompt, merge_image_prompt])
def test_every_merge_is_bounded(merge: Callable[[str, str], str]) -> None:
    with pytest.raises(TemplateError, match="longer than"):
        merge("{p}" * 3000, "x" * 1000)
    assert len(merge("{p}" * 30, "x" * 1000)) == 30_000
