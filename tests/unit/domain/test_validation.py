"""Offline validation reports every problem at once, in sentences a person understands."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.params import ImageParams
from horde_style_studio.domain.validation import (
    MAX_EXAMPLES,
    Problem,
    problems_from_validation_error,
    validate_collection,
    validate_example_url,
    validate_style,
)

IMAGE: dict[str, Any] = {
    "name": "impasto",
    "info": "thick oil paint, visible strokes",
    "prompt": "{p}, impasto###blurry, {np}",
    "models": ["AlbedoBase XL (SDXL)"],
    "tags": ["painting"],
    "public": True,
    "nsfw": False,
    "params": {"width": 1024, "height": 1024, "sampler_name": "k_euler_a", "cfg_scale": 6.5},
    "sharedkey": "00000000-0000-0000-0000-000000000000",
}
TEXT: dict[str, Any] = {
    "name": "story",
    "info": "writes short stories",
    "prompt": "### Instruction: {p}\n### Response:",
    "models": ["koboldcpp/Llama-3"],
    "params": {"temperature": 0.7, "max_length": 200, "max_context_length": 4096},
}
# Pydantic's own phrasing, which must never reach a person.
RAW_PYDANTIC = ("Input should", "Value error", "validation error", "type=")


def _fields(problems: list[Problem]) -> list[str]:
    return [problem.field for problem in problems]


def _only(problems: list[Problem], field: str) -> Problem:
    matching = [problem for problem in problems if problem.field == field]
    assert len(matching) == 1, problems
    return matching[0]


def test_valid_styles_have_no_problems() -> None:
    assert validate_style(StyleKind.IMAGE, IMAGE) == []
    assert validate_style(StyleKind.TEXT, TEXT) == []
    assert validate_style(StyleKind.IMAGE, {"name": "minimal", "models": ["m"]}) == []


DROP = object()  # in a fix: remove the key

# (kind, change, field, words the message must contain, a fixing change)
STYLE_CASES: list[tuple[StyleKind, dict[str, Any], str, str, dict[str, Any]]] = [
    (StyleKind.IMAGE, {"name": None}, "name", "name is required", {"name": "n"}),
    (StyleKind.IMAGE, {"name": "  "}, "name", "cannot be empty", {"name": "n"}),
    (StyleKind.IMAGE, {"name": "n" * 101}, "name", "this one has 101", {"name": "n" * 100}),
    (StyleKind.IMAGE, {"info": "too short"}, "info", "between 10 and 1000", {"info": "long enough"}),
    (StyleKind.IMAGE, {"info": "i" * 1001}, "info", "this one has 1001", {"info": "i" * 1000}),
    (StyleKind.IMAGE, {"prompt": "{p}{np}"[:6]}, "prompt", "at least 7 characters", {"prompt": "{p} {np}"}),
    (StyleKind.IMAGE, {"prompt": "a photo of {p}"}, "prompt", "{np}", {"prompt": "a photo of {p}{np}"}),
    (StyleKind.IMAGE, {"prompt": "a photo###{np}"}, "prompt", "{p}", {"prompt": "a {p}###{np}"}),
    (StyleKind.IMAGE, {"prompt": "{p}{np} " + "w " * 7500}, "prompt", "7500 words", {"prompt": "{p}{np}"}),
    (StyleKind.TEXT, {"prompt": "{x}"}, "prompt", "must contain {p}", {"prompt": "{p}"}),
    (StyleKind.TEXT, {"prompt": "{{p}} is literal"}, "prompt", "must contain {p}", {"prompt": "{p} is not"}),
    (StyleKind.TEXT, {"prompt": "{p} {"}, "prompt", "without a partner", {"prompt": "{p} {{"}),
    (StyleKind.TEXT, {"prompt": "{p} }"}, "prompt", "without a partner", {"prompt": "{p} }}"}),
    (StyleKind.TEXT, {"prompt": "{p} {0}"}, "prompt", "cannot be numbers", {"prompt": "{p} {{0}}"}),
    (StyleKind.TEXT, {"prompt": "{p.upper}"}, "prompt", "reaches inside", {"prompt": "{p}"}),
    (StyleKind.TEXT, {"prompt": "{p!r}"}, "prompt", "carries a format", {"prompt": "{p}"}),
    (StyleKind.IMAGE, {"models": []}, "models", "at least one model", {"models": ["m"]}),
    (StyleKind.IMAGE, {"models": None}, "models", "at least one model", {"models": ["m"]}),
    (StyleKind.IMAGE, {"models": list("abcdef")}, "models", "at most 5 models", {"models": list("abcde")}),
    (StyleKind.IMAGE, {"models": ["m", ""]}, "models.1", "Model 2 cannot be empty", {"models": ["m", "n"]}),
    (StyleKind.IMAGE, {"models": ["GFPGAN"]}, "models.0", "post-processor", {"models": ["Deliberate"]}),
    (
        StyleKind.IMAGE,
        {"tags": ["t"] * 12},
        "tags",
        "at most 10 tags (this one has 12)",
        {"tags": ["t"] * 10},
    ),
    (StyleKind.IMAGE, {"tags": ["t" * 26]}, "tags.0", "between 1 and 25", {"tags": ["t" * 25]}),
    (StyleKind.IMAGE, {"tags": [""]}, "tags.0", "Tag 1", {"tags": ["t"]}),
    (StyleKind.IMAGE, {"public": "yes"}, "public", "true or false", {"public": False}),
    (StyleKind.IMAGE, {"nsfw": 1}, "nsfw", "true or false", {"nsfw": True}),
    (StyleKind.IMAGE, {"tags": "painting"}, "tags", "must be a list", {"tags": ["painting"]}),
    (StyleKind.IMAGE, {"params": []}, "params", "must be an object", {"params": {}}),
    (StyleKind.IMAGE, {"sharedkey": "abc"}, "sharedkey", "36-character", {"sharedkey": "a" * 36}),
    (StyleKind.IMAGE, {"votes": 3}, "votes", "not a field", {"votes": DROP}),
    (
        StyleKind.TEXT,
        {"sharedkey": "a" * 36},
        "sharedkey",
        "not a field of a text style",
        {"sharedkey": DROP},
    ),
]


@pytest.mark.parametrize(("kind", "change", "field", "words", "fix"), STYLE_CASES)
def test_style_rule(
    kind: StyleKind, change: dict[str, Any], field: str, words: str, fix: dict[str, Any]
) -> None:
    broken = (IMAGE if kind is StyleKind.IMAGE else TEXT) | change
    messages = [problem.message for problem in validate_style(kind, broken) if problem.field == field]
    assert any(words in message for message in messages), messages
    fixed = {key: value for key, value in (broken | fix).items() if value is not DROP}
    assert validate_style(kind, fixed) == []


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"width": 1000}, "params.width", "Width must be a multiple of 64 between 64 and 3072 (got 1000)."),
        ({"height": 4096}, "params.height", "between 64 and 3072 (got 4096)"),
        ({"steps": "30"}, "params.steps", "whole number"),
        ({"steps": True}, "params.steps", "whole number (got true)"),
        ({"cfg_scale": 7.125}, "params.cfg_scale", "at most 2 decimals"),
        ({"sampler_name": "k_unheard_of"}, "params.sampler_name", "not a sampler"),
        ({"post_processing": ["RealESRGAN_x4plus", "NMKD_Siax"]}, "params.post_processing", "one upscaler"),
        ({"loras": [{"name": "x"}] * 6}, "params.loras", "at most 5 LoRAs (this one has 6)"),
        ({"loras": [{"name": "x", "is_version": True}]}, "params.loras.0", "digits only"),
        (
            {"loras": [{"name": "x", "clip": 9}]},
            "params.loras.0.clip",
            "LoRA 1 CLIP strength must be at most 5",
        ),
        ({"tis": [{"name": "t"}] * 21}, "params.tis", "at most 20 textual inversions"),
        ({"tis": [{"strength": 1}]}, "params.tis.0.name", "Textual inversion 1 name is required."),
    ],
)
def test_image_params_problems_speak_plainly(params: dict[str, Any], field: str, words: str) -> None:
    problem = _only(validate_style(StyleKind.IMAGE, IMAGE | {"params": params}), field)
    assert words in problem.message
    assert not any(raw in problem.message for raw in RAW_PYDANTIC)


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"sampler_order": [0, 1, 2]}, "params.sampler_order", "all 7 samplers"),
        ({"stop_sequence": ["x" * 2001]}, "params.stop_sequence", "2000 characters"),
        ({"stop_sequence": [str(n) for n in range(129)]}, "params.stop_sequence", "at most 128"),
        (
            {"max_length": 300, "max_context_length": 200},
            "params.max_context_length",
            "at least the max length",
        ),
        ({"temperature": 9}, "params.temperature", "Temperature must be at most 5 (got 9)."),
    ],
)
def test_text_params_problems_speak_plainly(params: dict[str, Any], field: str, words: str) -> None:
    problem = _only(validate_style(StyleKind.TEXT, TEXT | {"params": params}), field)
    assert words in problem.message


def test_every_problem_is_reported_at_once() -> None:
    broken = {
        "name": "",
        "info": "short",
        "prompt": "{p}",
        "models": [],
        "tags": ["t"] * 11,
        "params": {"width": 1000, "steps": 900, "clip_skip": 0},
        "public": "no",
        "colour": "red",
    }
    problems = validate_style(StyleKind.IMAGE, broken)
    assert _fields(problems) == [
        "name", "info", "prompt", "prompt", "models", "tags", "public",
        "params.width", "params.steps", "params.clip_skip", "colour",
    ]  # fmt: skip
    assert all(problem.message.endswith(".") for problem in problems)
    assert not any(raw in problem.message for raw in RAW_PYDANTIC for problem in problems)


def test_a_wrongly_typed_field_is_reported_once() -> None:
    problems = validate_style(StyleKind.IMAGE, IMAGE | {"name": 5, "models": "m"})
    assert _fields(problems) == ["name", "models"]
    assert problems[0].message == "Name must be text (got 5)."


def test_patch_rules_differ_from_create() -> None:
    patch = {"name": "n", "info": "short"}
    assert validate_style(StyleKind.IMAGE, patch, creating=False) == []  # info 1..1000, models may stay
    assert _fields(validate_style(StyleKind.IMAGE, patch)) == ["info", "models"]
    # §2.5 B4: 5.1.5 refuses a shared key on every PATCH.
    assert (
        "only be attached when the style is created"
        in _only(validate_style(StyleKind.IMAGE, IMAGE, creating=False), "sharedkey").message
    )
    assert _fields(validate_style(StyleKind.IMAGE, {"info": "x"}, creating=False)) == ["name"]


def test_nulls_count_as_unset() -> None:
    assert validate_style(StyleKind.IMAGE, IMAGE | {"info": None, "params": {"width": None}}) == []


def test_not_a_mapping() -> None:
    assert _fields(validate_style(StyleKind.TEXT, ["name"])) == [""]  # type: ignore[arg-type]  # bad input on purpose


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"styles": ["s"]}, "name", "name is required"),
        ({"name": "n" * 101, "styles": ["s"]}, "name", "between 1 and 100"),
        ({"name": "c", "info": "", "styles": ["s"]}, "info", "between 1 and 1000"),
        ({"name": "c", "info": "i" * 1001, "styles": ["s"]}, "info", "between 1 and 1000"),
        ({"name": "c", "styles": []}, "styles", "at least one style"),
        ({"name": "c"}, "styles", "at least one style"),
        ({"name": "c", "styles": ["s", " "]}, "styles.1", "Style 2 cannot be empty"),
        ({"name": "c", "styles": "s"}, "styles", "must be a list"),
        ({"name": "c", "styles": ["s"], "type": "image"}, "type", "not a field of a collection"),
    ],
)
def test_collection_rule(data: dict[str, Any], field: str, words: str) -> None:
    assert words in _only(validate_collection(data), field).message


def test_valid_collection() -> None:
    assert (
        validate_collection({"name": "c", "styles": ["style::db0#1::ink", "6d0b8a52"], "public": False}) == []
    )
    assert validate_collection({"name": "c", "info": "i", "styles": ["s"]}) == []


def test_example_urls_must_be_https() -> None:
    assert validate_example_url("https://example.org/a.webp") is None
    problem = validate_example_url("http://example.org/a.webp")
    assert problem is not None
    assert problem.field == "url"
    assert "https://" in problem.message
    assert validate_example_url("https://") is not None
    assert MAX_EXAMPLES == 4


def test_problems_from_validation_error_prefixes_paths() -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        ImageParams.model_validate({"width": 65, "loras": [{"name": "x", "model": 6}]})
    problems = problems_from_validation_error(caught.value, prefix="params")
    assert _fields(problems) == ["params.width", "params.loras.0.model"]
    assert problems[1].message == "LoRA 1 model strength must be at most 5 (got 6)."
