"""Health of a curator's own styles: what makes one fail or look broken to its users.

The same rules as the editor (``validate_style``, ``placeholder_spans``) plus what only the live Horde
knows: which models workers serve now and whether the primary example still loads. Those two facts come
in as arguments, so this stays pure; :mod:`horde_style_studio.workflows.health` gathers them.
"""

from __future__ import annotations

import html
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from horde_style_studio.domain.diff import payload_of
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.prompt import placeholder_spans

if TYPE_CHECKING:
    from horde_style_studio.domain.styles import AnyStyle


class HealthKind(StrEnum):
    UNSERVED_MODEL = "unserved model"
    DEAD_LINK = "dead link"
    NO_EXAMPLES = "no examples"
    NO_PROMPT_SLOT = "no {p}"
    ESCAPED_TEXT = "escaped text"
    EDIT_REFUSED = "edit refused"


@dataclass(frozen=True, slots=True)
class HealthIssue:
    kind: HealthKind
    message: str

    def __str__(self) -> str:
        return self.message


def style_health(
    style: AnyStyle, *, served_models: Collection[str] | None = None, dead_links: Collection[str] = ()
) -> list[HealthIssue]:
    """Every health issue of ``style``. ``served_models`` None: not known yet, so not judged."""
    issues = _model_issues(style, served_models) + _example_issues(style, dead_links)
    if "p" not in {name for _start, _end, name in placeholder_spans(style.prompt, kind=style.kind)}:
        issues.append(
            HealthIssue(HealthKind.NO_PROMPT_SLOT, "The template has no {p}: users' prompts are lost.")
        )
    issues += _escape_issues(style)
    # The editor's own checks on the full object a PATCH would send (§2.5): any of them blocks every edit.
    # With a style in hand the models are loaded; importing here keeps them off the first paint (issue 18).
    from horde_style_studio.domain.validation import validate_style

    for problem in validate_style(style.kind, payload_of(style), creating=False):
        if problem.field != "prompt":
            issues.append(
                HealthIssue(HealthKind.EDIT_REFUSED, f"An edit would be refused: {problem.message}")
            )
    return issues


def _model_issues(style: AnyStyle, served: Collection[str] | None) -> list[HealthIssue]:
    if served is None:
        return []
    missing = [model for model in style.models if model not in served]
    if not missing:
        return []
    everything = (
        " None of its models is served, so the style cannot run." if len(missing) == len(style.models) else ""
    )
    return [HealthIssue(HealthKind.UNSERVED_MODEL, f"No worker serves {', '.join(missing)}.{everything}")]


def _example_issues(style: AnyStyle, dead_links: Collection[str]) -> list[HealthIssue]:
    from horde_style_studio.domain.styles import ImageStyle, primary_example

    if style.kind is not StyleKind.IMAGE or not isinstance(style, ImageStyle):
        return []
    primary = primary_example(style)
    if primary is None:
        return [HealthIssue(HealthKind.NO_EXAMPLES, "No example images: browsers show a blank card.")]
    if primary.url in dead_links:
        return [HealthIssue(HealthKind.DEAD_LINK, "The primary example's link is dead.")]
    return []


def escaped_by_server(text: str) -> bool:
    """Whether the server stores ``text`` HTML-escaped (§2.2 ``ensure_clean``), or already did (§12)."""
    return html.escape(text, quote=False) != text or html.unescape(text) != text


def _escape_issues(style: AnyStyle) -> list[HealthIssue]:
    texts = [("name", style.name)] + [(f"tag '{html.unescape(tag)}'", tag) for tag in style.tags]
    issues = []
    for label, text in texts:
        if escaped_by_server(text):
            message = (
                f"The {label} holds &, < or >, which the server stores escaped (&amp;), so it shows oddly "
                "and cannot be found by that name."
            )
            issues.append(HealthIssue(HealthKind.ESCAPED_TEXT, message))
    return issues
