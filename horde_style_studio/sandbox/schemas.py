"""The request schemas of the style routes, transcribed from the 5.1.5 swagger (REFERENCE §2.2, §3, §4)."""

from __future__ import annotations

from .constants import KNOWN_POST_PROCESSORS, KNOWN_SAMPLERS, StyleKind
from .jsonschema_lite import Schema


def _text(min_length: int = 0, max_length: int | None = None) -> Schema:
    schema: Schema = {"type": "string"}
    if min_length:
        schema["minLength"] = min_length
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def _num(kind: str, low: float, high: float) -> Schema:
    return {"type": kind, "minimum": low, "maximum": high}


_BOOL: Schema = {"type": "boolean"}
_SIZE: Schema = {"type": "integer", "minimum": 64, "maximum": 3072, "multipleOf": 64}

LORA: Schema = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": _text(1, 255),
        "model": _num("number", -5.0, 5.0),
        "clip": _num("number", -5.0, 5.0),
        "inject_trigger": _text(1, 30),
        "is_version": _BOOL,
    },
}
TEXTUAL_INVERSION: Schema = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": _text(1, 255),
        "inject_ti": {"type": "string", "enum": ["prompt", "negprompt"]},
        "strength": _num("number", -5.0, 5.0),
    },
}
IMAGE_PARAMS: Schema = {
    "type": "object",
    "properties": {
        "sampler_name": {"type": "string", "enum": list(KNOWN_SAMPLERS)},
        "cfg_scale": _num("number", 0, 100),
        "denoising_strength": _num("number", 0.01, 1.0),
        "hires_fix_denoising_strength": _num("number", 0.01, 1.0),
        "height": _SIZE,
        "width": _SIZE,
        "post_processing": {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "enum": list(KNOWN_POST_PROCESSORS)},
        },
        "karras": _BOOL,
        "tiling": _BOOL,
        "hires_fix": _BOOL,
        "clip_skip": _num("integer", 1, 12),
        "facefixer_strength": _num("number", 0, 1.0),
        "loras": {"type": "array", "items": LORA},
        "tis": {"type": "array", "items": TEXTUAL_INVERSION},
        "special": {"type": "object"},
        "workflow": {"type": "string", "enum": ["qr_code"]},
        "transparent": _BOOL,
        "steps": _num("integer", 1, 500),
    },
}
TEXT_PARAMS: Schema = {
    "type": "object",
    "properties": {
        "frmtadsnsp": _BOOL,
        "frmtrmblln": _BOOL,
        "frmtrmspch": _BOOL,
        "frmttriminc": _BOOL,
        "rep_pen": _num("number", 1, 3),
        "rep_pen_range": _num("integer", 0, 4096),
        "rep_pen_slope": _num("number", 0, 10),
        "singleline": _BOOL,
        "temperature": _num("number", 0, 5.0),
        "tfs": _num("number", 0.0, 1.0),
        "top_a": _num("number", 0.0, 1.0),
        "top_k": _num("integer", 0, 200),
        "top_p": _num("number", 0.001, 1.0),
        "typical": _num("number", 0.0, 1.0),
        "sampler_order": {"type": "array", "items": {"type": "integer"}},
        "use_default_badwordsids": _BOOL,
        "stop_sequence": {"type": "array", "items": {"type": "string"}},
        "min_p": _num("number", 0.0, 1.0),
        "smoothing_factor": _num("number", 0.0, 10.0),
        "dynatemp_range": _num("number", 0.0, 5.0),
        "dynatemp_exponent": _num("number", 0.0, 5.0),
    },
}
# What a served style's params are marshalled through: anything else stored is hidden (REFERENCE §2.8, B11).
SERVED_IMAGE_PARAMS = frozenset(IMAGE_PARAMS["properties"])
SERVED_TEXT_PARAMS = frozenset(TEXT_PARAMS["properties"])
SERVED_NESTED = {"loras": frozenset(LORA["properties"]), "tis": frozenset(TEXTUAL_INVERSION["properties"])}


def style_input(kind: StyleKind, *, patch: bool) -> Schema:
    """``ModelStyleInput*`` (create: name required, info >= 10) or ``ModelStylePatch*`` (nothing required)."""
    properties: Schema = {
        "name": _text(1, 100),
        "info": _text(1 if patch else 10, 1000),
        # The text create schema says 3, its patch schema 7 (copied from image): kept as the swagger has it.
        "prompt": _text(7 if kind == "image" or patch else 3),
        "params": IMAGE_PARAMS if kind == "image" else TEXT_PARAMS,
        "public": _BOOL,
        "nsfw": _BOOL,
        "tags": {"type": "array", "items": _text(1, 25)},
        "models": {"type": "array", "items": _text(1)},
    }
    if kind == "image":
        properties["sharedkey"] = _text(36, 36)
    schema: Schema = {"type": "object", "properties": properties}
    if not patch:
        schema["required"] = ["name"]
    return schema


COLLECTION_INPUT: Schema = {
    "type": "object",
    "properties": {
        "name": _text(1, 100),
        "info": _text(1, 1000),
        "public": _BOOL,
        "styles": {"type": "array", "items": _text(1)},
    },
}
EXAMPLE_POST: Schema = {
    "type": "object",
    "required": ["url", "primary"],
    "properties": {"url": {"type": "string"}, "primary": _BOOL},
}
EXAMPLE_PATCH: Schema = {"type": "object", "properties": {"url": {"type": "string"}, "primary": _BOOL}}
