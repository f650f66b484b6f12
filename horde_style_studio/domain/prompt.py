"""The prompt a style produces, built exactly as the 5.1.5 server builds it (§5)."""

from __future__ import annotations

import re
import string
from collections import defaultdict
from typing import Final

from horde_style_studio.domain.base import StyleKind

NEGATIVE_SEPARATOR: Final = "###"

_IMAGE_PLACEHOLDER = re.compile(r"\{(p|np)\}")
# Scanned left to right, so a doubled brace is consumed before it can look like a placeholder.
_TEXT_TOKEN = re.compile(r"\{\{|\}\}|\{(p)\}")

_UNBALANCED = (
    "The template has a '{' or '}' without a partner. Write {{ or }} for a literal brace, "
    "and close every placeholder, like {p}."
)


class TemplateError(ValueError):
    """A text template the server cannot fill: using the style would fail with 500 (§5, B12)."""


def split_user_prompt(user_prompt: str) -> tuple[str, str]:
    """The user's prompt split at the first `###` into (prompt, negative prompt)."""
    positive, _, negative = user_prompt.partition(NEGATIVE_SEPARATOR)
    return positive, negative


def merge_image_prompt(template: str, user_prompt: str) -> str:
    """The prompt an image style sends to workers for `user_prompt` (§5 image).

    Every brace of the template is literal except `{p}` and `{np}`, so `{a|b}` wildcards survive. When
    the template has no `###` of its own, a non-empty negative prompt keeps its `###` in front.
    """
    positive, negative = split_user_prompt(user_prompt)
    if negative and NEGATIVE_SEPARATOR not in template:
        negative = NEGATIVE_SEPARATOR + negative
    values = {"p": positive, "np": negative}
    return _IMAGE_PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def merge_text_prompt(template: str, user_prompt: str) -> str:
    """The prompt a text style sends for `user_prompt` (§5 text): `str.format_map`, unknown names empty.

    Raises `TemplateError` where the server would answer 500.
    """
    try:
        return template.format_map(defaultdict(str, p=user_prompt))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as err:
        problem = text_template_problem(template) or f"The template cannot be filled in ({err})."
        raise TemplateError(problem) from err


def text_template_problem(template: str) -> str | None:
    """Why a text template is unsafe, in plain words, or None when it is fine.

    Beyond what makes 5.1.5 fail (unbalanced braces, `{0}`, `{p.x}`), placeholders must be bare names,
    as 5.1.13 requires (`StylePromptFieldInvalid`, §10). Whether `{p}` is present is checked elsewhere.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return _UNBALANCED
    for _literal, field, spec, conversion in parsed:
        if field is not None:
            problem = _field_problem(field, spec, conversion)
            if problem is not None:
                return problem
    return None


def _field_problem(field: str, spec: str | None, conversion: str | None) -> str | None:
    if field == "":
        return "The template has an empty placeholder {}. Name it, like {p}, or write {{}} for braces."
    if field[0].isdigit():
        return f"Placeholders cannot be numbers, like {{{field}}}. Use {{p}} for the user's prompt."
    if "." in field or "[" in field:
        return f"The placeholder {{{field}}} reaches inside a value. Only plain names like {{p}} work."
    if not field.isidentifier():
        return f"'{field}' is not a usable placeholder name. Use letters, digits and '_', like {{p}}."
    if spec or conversion:
        return f"The placeholder {{{field}}} carries a format. Write it plain, like {{{field}}}."
    return None


def placeholder_spans(template: str, *, kind: StyleKind = StyleKind.IMAGE) -> list[tuple[int, int, str]]:
    """(start, end, "p" | "np") of every placeholder the server fills, for highlighting.

    Image templates fill `{p}` and `{np}` wherever they appear; text templates only fill `{p}`, and
    `{{p}}` there is literal text.
    """
    if StyleKind(kind) is StyleKind.IMAGE:
        return [(m.start(), m.end(), m.group(1)) for m in _IMAGE_PLACEHOLDER.finditer(template)]
    return [(m.start(), m.end(), "p") for m in _TEXT_TOKEN.finditer(template) if m.group(1)]
