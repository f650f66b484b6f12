"""Offline validation that mirrors the server and reports every problem at once, in plain words.

Nulls count as "not set": payloads never carry them (`HordeModel.to_payload`), so they are not problems.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import pydantic
from pydantic import ConfigDict

from horde_style_studio.domain.base import HordeModel, StyleKind
from horde_style_studio.domain.params import AUTHORING_CONTEXT, KNOWN_POST_PROCESSORS, ImageParams, TextParams
from horde_style_studio.domain.problems import Problem, problems_from_validation_error, shown
from horde_style_studio.domain.prompt import placeholder_spans, text_template_problem

__all__ = [
    "MAX_EXAMPLES",
    "Problem",
    "problems_from_validation_error",
    "validate_collection",
    "validate_example_url",
    "validate_style",
]

MAX_EXAMPLES: Final = 4
MAX_NAME: Final = 100
MAX_INFO: Final = 1000
MIN_INFO_ON_CREATE: Final = 10
MIN_PROMPT: Final[Mapping[StyleKind, int]] = {StyleKind.IMAGE: 7, StyleKind.TEXT: 3}
MAX_PROMPT_WORDS: Final = 7500
MAX_MODELS: Final = 5
MAX_TAGS: Final = 10
MAX_TAG: Final = 25
SHARED_KEY_LENGTH: Final = 36

_STYLE_FIELDS: Final = ("name", "info", "prompt", "models", "tags", "public", "nsfw", "params", "sharedkey")
# The text swagger model has no `sharedkey` (§2.2), and text styles never use one.
_ALLOWED: Final[Mapping[StyleKind, frozenset[str]]] = {
    StyleKind.IMAGE: frozenset(_STYLE_FIELDS),
    StyleKind.TEXT: frozenset(_STYLE_FIELDS) - {"sharedkey"},
}
_PARAMS_MODELS: Final[Mapping[StyleKind, type[ImageParams] | type[TextParams]]] = {
    StyleKind.IMAGE: ImageParams,
    StyleKind.TEXT: TextParams,
}


class _StyleShape(HordeModel):
    """Only the JSON types of a style payload, strictly, as the server's JSON schema checks them."""

    model_config = ConfigDict(extra="ignore", strict=True)

    name: str | None = None
    info: str | None = None
    prompt: str | None = None
    models: list[str] | None = None
    tags: list[str] | None = None
    public: bool | None = None
    nsfw: bool | None = None
    params: dict[str, Any] | None = None
    sharedkey: str | None = None


class _CollectionShape(HordeModel):
    model_config = ConfigDict(extra="ignore", strict=True)

    name: str | None = None
    info: str | None = None
    public: bool | None = None
    styles: list[str] | None = None


def validate_style(kind: StyleKind, data: Mapping[str, Any], *, creating: bool = True) -> list[Problem]:
    """Every problem the server would refuse `data` for (create, or the full-object PATCH of §2.5)."""
    kind = StyleKind(kind)
    if not isinstance(data, Mapping):
        return [Problem("", "A style must be a set of named fields.")]
    values, problems = _typed_values(_StyleShape, data)
    what = "an image style" if kind is StyleKind.IMAGE else "a text style"
    problems += _unknown_fields(data, _ALLOWED[kind], what)
    if not _failed(problems, "name"):
        problems += _name_problems(values)
    problems += _info_problems(values, creating)
    problems += _prompt_problems(kind, values.get("prompt"))
    if not _failed(problems, "models"):
        problems += _model_problems(values, creating)
    problems += _tag_problems(values.get("tags"))
    problems += _params_problems(kind, values.get("params"))
    if kind is StyleKind.IMAGE:
        problems += _shared_key_problems(values.get("sharedkey"), creating)
    return _in_field_order(problems)


def validate_collection(data: Mapping[str, Any]) -> list[Problem]:
    """Every problem the server would refuse a collection payload for (§3)."""
    if not isinstance(data, Mapping):
        return [Problem("", "A collection must be a set of named fields.")]
    values, problems = _typed_values(_CollectionShape, data)
    problems += _unknown_fields(data, frozenset(_CollectionShape.model_fields), "a collection")
    if not _failed(problems, "name"):
        problems += _name_problems(values)
    info = values.get("info")
    if info is not None and not 1 <= len(info) <= MAX_INFO:
        problems.append(_between("info", "Description", 1, MAX_INFO, info))
    styles = values.get("styles")
    if not styles and not _failed(problems, "styles"):
        problems.append(Problem("styles", "A collection has to include at least one style."))
    for index, entry in enumerate(styles or []):
        if not entry.strip():
            problems.append(Problem(f"styles.{index}", f"Style {index + 1} cannot be empty."))
    return problems


def validate_example_url(url: str) -> Problem | None:
    """§2.7: the server only accepts example images given as https:// links."""
    if not url.startswith("https://"):
        return Problem("url", f"Example images must be https:// links (got {shown(url)}).")
    if len(url) == len("https://"):
        return Problem("url", "The example link has nothing after https://.")
    return None


def _typed_values(shape: type[HordeModel], data: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The set, well-typed top-level values, and a problem for each value of the wrong type."""
    present = {key: value for key, value in data.items() if value is not None}
    try:
        shape.model_validate(present)
    except pydantic.ValidationError as err:
        problems = problems_from_validation_error(err)
    else:
        problems = []
    wrong = {problem.field.split(".")[0] for problem in problems}
    return {key: value for key, value in present.items() if key not in wrong}, problems


def _failed(problems: list[Problem], field: str) -> bool:
    return any(problem.field.split(".")[0] == field for problem in problems)


def _unknown_fields(data: Mapping[str, Any], allowed: frozenset[str], what: str) -> list[Problem]:
    return [
        Problem(str(key), f"'{key}' is not a field of {what}, so the server would ignore it.")
        for key in data
        if key not in allowed
    ]


def _between(field: str, label: str, low: int, high: int, text: str) -> Problem:
    return Problem(
        field, f"{label} must be between {low} and {high} characters long (this one has {len(text)})."
    )


def _name_problems(values: Mapping[str, Any]) -> list[Problem]:
    # §2.5 B2: 5.1.5 requires the name on PATCH too, so it is required either way.
    name = values.get("name")
    if name is None:
        return [Problem("name", "A name is required.")]
    if not name.strip():
        return [Problem("name", "The name cannot be empty.")]
    if len(name) > MAX_NAME:
        return [_between("name", "The name", 1, MAX_NAME, name)]
    return []


def _info_problems(values: Mapping[str, Any], creating: bool) -> list[Problem]:
    info = values.get("info")
    low = MIN_INFO_ON_CREATE if creating else 1  # the create schema wants 10, PATCH only 1 (§2.2)
    if info is None or low <= len(info) <= MAX_INFO:
        return []
    return [_between("info", "The description", low, MAX_INFO, info)]


def _prompt_problems(kind: StyleKind, prompt: str | None) -> list[Problem]:
    if prompt is None:
        return []  # the server fills in "{p}{np}", which suits both kinds (§2.2)
    problems: list[str] = []
    if len(prompt) < MIN_PROMPT[kind]:
        problems.append(
            f"The prompt template must be at least {MIN_PROMPT[kind]} characters long "
            f"(this one has {len(prompt)})."
        )
    filled = {name for _start, _end, name in placeholder_spans(prompt, kind=kind)}
    # For text this is stricter than the server's substring test: "{{p}}" passes there but is literal.
    if "p" not in filled:
        problems.append("The prompt template must contain {p}, where the user's prompt goes.")
    if kind is StyleKind.IMAGE and "np" not in filled:
        problems.append("The prompt template must contain {np}, where the user's negative prompt goes.")
    if kind is StyleKind.TEXT and (syntax := text_template_problem(prompt)) is not None:
        problems.append(syntax)
    if (words := len(prompt.split())) > MAX_PROMPT_WORDS:
        problems.append(
            f"The prompt template can have at most {MAX_PROMPT_WORDS} words (this one has {words})."
        )
    return [Problem("prompt", message) for message in problems]


def _model_problems(values: Mapping[str, Any], creating: bool) -> list[Problem]:
    models: list[str] | None = values.get("models")
    if not models:
        # §2.5: on PATCH an omitted or empty list keeps the stored models.
        return [Problem("models", "A style has to use at least one model.")] if creating else []
    problems: list[Problem] = []
    if len(models) > MAX_MODELS:
        message = f"A style can use at most {MAX_MODELS} models (this one has {len(models)})."
        problems.append(Problem("models", message))
    for index, model in enumerate(models):
        if not model:
            problems.append(Problem(f"models.{index}", f"Model {index + 1} cannot be empty."))
        elif model in KNOWN_POST_PROCESSORS:  # UnexpectedModelName
            message = f"'{model}' is a post-processor, not a model; add it under post-processing instead."
            problems.append(Problem(f"models.{index}", message))
    return problems


def _tag_problems(tags: list[str] | None) -> list[Problem]:
    if not tags:
        return []
    problems: list[Problem] = []
    if len(tags) > MAX_TAGS:
        message = f"A style can have at most {MAX_TAGS} tags (this one has {len(tags)})."
        problems.append(Problem("tags", message))
    for index, tag in enumerate(tags):
        if not 1 <= len(tag) <= MAX_TAG:
            problems.append(_between(f"tags.{index}", f"Tag {index + 1}", 1, MAX_TAG, tag))
    return problems


def _params_problems(kind: StyleKind, params: Mapping[str, Any] | None) -> list[Problem]:
    if params is None:
        return []
    present = {key: value for key, value in params.items() if value is not None}
    try:
        _PARAMS_MODELS[kind].model_validate(present, strict=True, context=AUTHORING_CONTEXT)
    except pydantic.ValidationError as err:
        return problems_from_validation_error(err, prefix="params")
    return []


def _shared_key_problems(sharedkey: str | None, creating: bool) -> list[Problem]:
    if sharedkey is None:
        return []
    if not creating:
        # §2.5 B4: 5.1.5 answers every PATCH carrying a shared key with 400.
        message = (
            "A shared key can only be attached when the style is created; the server refuses it on edits."
        )
        return [Problem("sharedkey", message)]
    if len(sharedkey) != SHARED_KEY_LENGTH:
        message = (
            f"The shared key must be a {SHARED_KEY_LENGTH}-character key id (this one has {len(sharedkey)})."
        )
        return [Problem("sharedkey", message)]
    return []


def _field_rank(problem: Problem) -> int:
    top = problem.field.split(".")[0]
    return _STYLE_FIELDS.index(top) if top in _STYLE_FIELDS else len(_STYLE_FIELDS)


def _in_field_order(problems: list[Problem]) -> list[Problem]:
    """Problems in the order an editor shows its fields (a stable sort); unknown fields last."""
    return sorted(problems, key=_field_rank)
