"""The prompt a style produces, built exactly as the 5.1.5 server builds it (§5)."""

from __future__ import annotations

import re
import string
from typing import Final

from horde_style_studio.domain.kinds import StyleKind

NEGATIVE_SEPARATOR: Final = "###"

_IMAGE_PLACEHOLDER = re.compile(r"\{(p|np)\}")
# Scanned left to right, so a doubled brace is consumed before it can look like a placeholder.
_TEXT_TOKEN = re.compile(r"\{\{|\}\}|\{(p)\}")

# The longest merged prompt worked out here. The server caps the template and the user's prompt (§2.2), but
# a template repeating {p} a thousand times still multiplies them; a preview never needs more than this.
MAX_MERGED_CHARS: Final = 200_000

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
    Raises `TemplateError` when the result would be longer than `MAX_MERGED_CHARS`.
    """
    positive, negative = split_user_prompt(user_prompt)
    if negative and NEGATIVE_SEPARATOR not in template:
        negative = NEGATIVE_SEPARATOR + negative
    values = {"p": positive, "np": negative}
    pieces: list[str] = []
    start = 0
    for match in _IMAGE_PLACEHOLDER.finditer(template):
        pieces += [template[start : match.start()], values[match.group(1)]]
        start = match.end()
    pieces.append(template[start:])
    return _bounded(pieces)


def merge_text_prompt(template: str, user_prompt: str) -> str:
    """The prompt a text style sends for `user_prompt` (§5 text): as `str.format_map` with unknown names
    empty, but only bare names are filled.

    The server hands the template to `format_map` as is, so `{p:>99999999999}` would ask Python for a
    hundred-gigabyte string; here a format spec, a conversion or an index is refused before anything is
    built, and the result is bounded. Raises `TemplateError` where the server would answer 500, for any
    field that is not a bare name, and when the result would be longer than `MAX_MERGED_CHARS`.
    """
    problem = text_template_problem(template)
    if problem is not None:
        raise TemplateError(problem)
    pieces: list[str] = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        pieces.append(literal)
        if field is not None:
            pieces.append(user_prompt if field == "p" else "")
    return _bounded(pieces)


def _bounded(pieces: list[str]) -> str:
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > MAX_MERGED_CHARS:
            raise TemplateError(
                f"The merged prompt would be longer than {MAX_MERGED_CHARS:,} characters: the template "
                "repeats {p} too often for a prompt this long."
            )
    return "".join(pieces)


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
