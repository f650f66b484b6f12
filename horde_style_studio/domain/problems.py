"""Validation problems in plain words, and the translation of pydantic errors into them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import pydantic
from pydantic_core import ErrorDetails


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with what the user is about to send.

    `field` is a dotted path such as `"params.width"` or `"params.loras.0.name"` ("" for the whole
    object); `message` is a sentence a person understands.
    """

    field: str
    message: str


_LABELS: Final[Mapping[str, str]] = {
    "name": "Name", "info": "Description", "prompt": "Prompt template", "public": "Public",
    "nsfw": "NSFW", "tags": "Tags", "models": "Models", "sharedkey": "Shared key", "params": "Params",
    "styles": "Styles", "url": "Example URL", "primary": "Primary",
    "sampler_name": "Sampler", "cfg_scale": "CFG scale", "denoising_strength": "Denoising strength",
    "hires_fix_denoising_strength": "Hires fix denoising strength", "height": "Height", "width": "Width",
    "steps": "Steps", "post_processing": "Post-processing", "karras": "Karras", "tiling": "Tiling",
    "hires_fix": "Hires fix", "transparent": "Transparent", "clip_skip": "CLIP skip",
    "facefixer_strength": "Face fixer strength", "loras": "LoRAs", "tis": "Textual inversions",
    "special": "Special", "workflow": "Workflow", "model": "model strength", "clip": "CLIP strength",
    "inject_trigger": "trigger", "is_version": "'is version'", "inject_ti": "injection",
    "strength": "strength", "rep_pen": "Repetition penalty", "rep_pen_range": "Repetition penalty range",
    "rep_pen_slope": "Repetition penalty slope", "temperature": "Temperature",
    "tfs": "Tail free sampling", "top_a": "Top-a", "top_k": "Top-k", "top_p": "Top-p",
    "typical": "Typical sampling", "min_p": "Min-p", "smoothing_factor": "Smoothing factor",
    "dynatemp_range": "Dynamic temperature range", "dynatemp_exponent": "Dynamic temperature exponent",
    "sampler_order": "Sampler order", "stop_sequence": "Stop sequences", "max_length": "Max length",
    "max_context_length": "Max context length", "frmtadsnsp": "Add leading space",
    "frmtrmblln": "Remove blank lines", "frmtrmspch": "Remove special characters",
    "frmttriminc": "Trim incomplete sentences", "singleline": "Single line",
    "use_default_badwordsids": "Default bad words",
}  # fmt: skip
# What one entry of a list field is called: "loras", 2 reads "LoRA 3".
_ITEM_LABELS: Final[Mapping[str, str]] = {
    "loras": "LoRA", "tis": "Textual inversion", "tags": "Tag", "models": "Model", "styles": "Style",
    "stop_sequence": "Stop sequence", "post_processing": "Post-processor",
    "sampler_order": "Sampler order entry",
}  # fmt: skip
_TYPE_WORDS: Final[Mapping[str, str]] = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
    "dict_type": "an object", "model_type": "an object", "model_attributes_type": "an object",
    "finite_number": "a finite number",
}  # fmt: skip
_SIDE_FIELDS: Final = frozenset({"width", "height"})
_SIDE_ERRORS: Final = frozenset({"greater_than_equal", "less_than_equal", "multiple_of"})


def shown(value: Any) -> str:
    """A short rendering of what the user gave, for "(got ...)"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a bound of 5.0 reads "5"
    return str(value)


def field_label(loc: tuple[int | str, ...]) -> str:
    """A human name for a location, e.g. ("params", "loras", 0, "name") gives "LoRA 1 name"."""
    if len(loc) > 1 and loc[0] == "params":
        loc = loc[1:]  # "Width", not "Params width"
    words: list[str] = []
    for index, part in enumerate(loc):
        if isinstance(part, str):
            word = _LABELS.get(part, part.replace("_", " "))
            # Inside a sentence "Name" becomes "name", but "CLIP strength" keeps its capitals.
            words.append(word if not words or word[:2].isupper() else word[0].lower() + word[1:])
            continue
        list_name = loc[index - 1] if index else None
        item = _ITEM_LABELS.get(list_name) if isinstance(list_name, str) else None
        if item is not None:
            words[-1] = f"{item} {part + 1}"
        else:
            words.append(f"entry {part + 1}")
    label = " ".join(words) or "This value"
    return label[0].upper() + label[1:]


def _length_message(label: str, error: ErrorDetails, longest: bool) -> str:
    ctx = error.get("ctx", {})
    value = error["input"]
    have = len(value) if isinstance(value, str | list | tuple) else 0
    if isinstance(value, str):
        if not longest and ctx.get("min_length") == 1:
            return f"{label} cannot be empty."
        bound = ctx["max_length"] if longest else ctx["min_length"]
        word = "most" if longest else "least"
        return f"{label} must be at {word} {bound} characters long (this one has {have})."
    bound = ctx["max_length"] if longest else ctx["min_length"]
    word = "most" if longest else "least"
    return f"{label} can hold at {word} {bound} entries (this one has {have})."


def _bound_message(word: str, key: str) -> Callable[[str, ErrorDetails], str]:
    def render(label: str, error: ErrorDetails) -> str:
        return f"{label} must be {word} {shown(error.get('ctx', {}).get(key))} (got {shown(error['input'])})."

    return render


_RENDERERS: Final[Mapping[str, Callable[[str, ErrorDetails], str]]] = {
    "missing": lambda label, _e: f"{label} is required.",
    "extra_forbidden": lambda label, _e: f"{label} is not a field the server knows.",
    "greater_than_equal": _bound_message("at least", "ge"),
    "greater_than": _bound_message("more than", "gt"),
    "less_than_equal": _bound_message("at most", "le"),
    "less_than": _bound_message("less than", "lt"),
    "multiple_of": _bound_message("a multiple of", "multiple_of"),
    "string_too_short": lambda label, e: _length_message(label, e, longest=False),
    "too_short": lambda label, e: _length_message(label, e, longest=False),
    "string_too_long": lambda label, e: _length_message(label, e, longest=True),
    "too_long": lambda label, e: _length_message(label, e, longest=True),
    "literal_error": lambda label, e: (
        f"{label} must be {e.get('ctx', {}).get('expected')} (got {shown(e['input'])})."
    ),
    "enum": lambda label, e: f"{label} must be {e.get('ctx', {}).get('expected')} (got {shown(e['input'])}).",
    "horde_rule": lambda _label, e: e["msg"],
}


def message_for(error: ErrorDetails) -> str:
    """The plain-words sentence for one pydantic error; never pydantic's own text."""
    loc = tuple(error["loc"])
    label = field_label(loc)
    kind = error["type"]
    if loc and loc[-1] in _SIDE_FIELDS and kind in _SIDE_ERRORS:
        return f"{label} must be a multiple of 64 between 64 and 3072 (got {shown(error['input'])})."
    if kind in _TYPE_WORDS:
        return f"{label} must be {_TYPE_WORDS[kind]} (got {shown(error['input'])})."
    render = _RENDERERS.get(kind)
    if render is not None:
        return render(label, error)
    return f"{label} is not valid (got {shown(error['input'])})."


def problems_from_validation_error(err: pydantic.ValidationError, *, prefix: str = "") -> list[Problem]:
    """One `Problem` per pydantic error, with `prefix` (e.g. "params") put in front of each path."""
    problems: list[Problem] = []
    for error in err.errors(include_url=False):
        path = ".".join(str(part) for part in error["loc"])
        field = ".".join(part for part in (prefix, path) if part)
        problems.append(Problem(field, message_for(error)))
    return problems
