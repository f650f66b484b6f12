"""The server's ``ParamValidator`` checks and model warnings for style params (REFERENCE §2.2, §4)."""

from __future__ import annotations

from typing import Any

from .constants import KNOWN_POST_PROCESSORS, KNOWN_UPSCALERS
from .errors import HordeError, bad_request, forbidden

StyleWarning = tuple[str, str]
"""A warning's ``code`` and ``message``."""

# A few model-reference requirements, enough for realistic warnings on seed models.
_REQUIREMENTS: dict[str, dict[str, Any]] = {
    "Flux.1-Schnell fp8 (Compact)": {"max_steps": 8, "cfg_scale": 1, "samplers": ["k_euler"]},
    "SDXL-Lightning": {"max_steps": 10, "max_cfg_scale": 2.5},
    "Pony Diffusion XL": {"clip_skip": 2},
}
_BASELINES: dict[str, str] = {
    "Flux.1-Schnell fp8 (Compact)": "flux_1",
    "AlbedoBase XL (SDXL)": "stable_diffusion_xl",
    "Juggernaut XL": "stable_diffusion_xl",
    "DreamShaper XL": "stable_diffusion_xl",
    "Pony Diffusion XL": "stable_diffusion_xl",
    "SDXL-Lightning": "stable_diffusion_xl",
    "Deliberate": "stable diffusion 1",
    "stable_diffusion": "stable diffusion 1",
    "Dreamshaper": "stable diffusion 1",
    "AbsoluteReality": "stable diffusion 1",
    "Anything Diffusion": "stable diffusion 1",
    "Realistic Vision": "stable diffusion 1",
}
_SD = ("stable diffusion 1", "stable_diffusion_xl")
WARNING_TEXT = {
    "ClipSkipMismatch": "The clip skip does not match the requirements of one of the requested models.",
    "StepsTooFew": "The steps specified for this generation are too few for this model.",
    "StepsTooMany": "The steps specified for this generation are too many for this model.",
    "CfgScaleMismatch": "The cfg scale does not match the requirements of one of the requested models.",
    "CfgScaleTooSmall": "The cfg scale specified for this generation is too small for this model.",
    "CfgScaleTooLarge": "The cfg scale specified for this generation is too large for this model.",
    "SamplerMismatch": "The requested sampler is not compatible with one of the requested models.",
}


def image_warnings(params: dict[str, Any], models: list[str]) -> list[StyleWarning]:
    codes: list[str] = []
    for model in models:
        req = _REQUIREMENTS.get(model, {})
        steps, cfg = params.get("steps", 30), params.get("cfg_scale", 7.5)
        checks = {
            "ClipSkipMismatch": "clip_skip" in req and req["clip_skip"] != params.get("clip_skip", 1),
            "StepsTooMany": "max_steps" in req and req["max_steps"] < steps,
            "CfgScaleMismatch": "cfg_scale" in req and req["cfg_scale"] != cfg,
            "CfgScaleTooLarge": "max_cfg_scale" in req and req["max_cfg_scale"] < cfg,
            "SamplerMismatch": "samplers" in req
            and params.get("sampler_name", "k_euler_a") not in req["samplers"],
        }
        codes.extend(code for code, hit in checks.items() if hit and code not in codes)
    return [(code, WARNING_TEXT[code]) for code in codes]


def validate_image_params(params: dict[str, Any], models: list[str]) -> list[StyleWarning]:
    warnings = image_warnings(params, models)
    baselines = [_BASELINES.get(m, "") for m in models]
    if params.get("hires_fix") is True and any(b.startswith("flux_1") for b in baselines):
        raise HordeError(400, "HiRes Fix does not work with Flux currently.", rc="HiResMismatch")
    loras = params.get("loras", [])
    if len(loras) > 5:
        raise HordeError(400, "You cannot request more than 5 loras per generation.", rc="TooManyLoras")
    if any(lora.get("is_version") and not str(lora.get("name", "")).isdigit() for lora in loras):
        message = "explicit LoRa version requests have to be a version ID (i.e integer)."
        raise HordeError(400, message, rc="BadLoraVersion")
    if len(params.get("tis", [])) > 20:
        message = "You cannot request more than 20 Textual Inversions per generation."
        raise HordeError(400, message, rc="TooManyTIs")
    if params.get("transparent") is True and any(b not in _SD for b in baselines):
        message = "Generating Transparent images is only possible for Stable Diffusion 1.5 and XL models."
        raise HordeError(400, message, rc="InvalidTransparencyModel")
    _check_models_and_pp(params, models)
    return warnings


def _check_models_and_pp(params: dict[str, Any], models: list[str]) -> None:
    if any(m in KNOWN_POST_PROCESSORS for m in models):
        raise HordeError(400, "This model is not supported in this mode the moment", rc="UnexpectedModelName")
    if len([pp for pp in params.get("post_processing", []) if pp in KNOWN_UPSCALERS]) > 1:
        raise HordeError(400, "Cannot use more than 1 upscaler at a time.", rc="TooManyUpscalers")
    cfg = params.get("cfg_scale")
    if isinstance(cfg, float) and round(cfg, 2) != cfg:
        raise HordeError(400, "cfg_scale must be rounded to 2 decimal places", rc="BadCFGDecimals")


def validate_text_params(params: dict[str, Any]) -> list[StyleWarning]:
    max_length, context = params.get("max_length", 80), params.get("max_context_length", 1024)
    if _is_number(max_length) and _is_number(context) and context < max_length:
        raise HordeError(400, "You cannot request more tokens than your context length.", rc="TokenOverflow")
    if "sampler_order" in params and len(set(params["sampler_order"])) < 7:
        message = (
            "When sending a custom sampler order, you need to specify all possible samplers in the order"
        )
        raise HordeError(400, message, rc="MissingFullSamplerOrder")
    stops = set(params.get("stop_sequence", []))
    if len(stops) > 128:
        message = "Too many stop sequences specified (max allowed is 128)."
        raise HordeError(400, message, rc="TooManyStopSequences")
    if sum(len(s) for s in stops) > 2000:
        message = "Your total stop sequence length exceeds the allowed limit (2000 chars)."
        raise HordeError(400, message, rc="ExcessiveStopSequence")
    return []


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_for_special(params: dict[str, Any], models: list[str]) -> None:
    # No sandbox account has the special role, so any special field or model is refused.
    if params.get("special"):
        raise bad_request("Only special users can send a special field.", "SpecialFieldNeedsSpecialUser")
    if any("horde_special" in m for m in models):
        raise forbidden("Only special users can request a special model.", "SpecialModelNeedsSpecialUser")


_MISSING = (
    "A style prompt must include a dedicated spot where the user's {which} prompt will be added, "
    "signified with '{mark}'"
)


def validate_prompt(prompt: str, *, image: bool) -> None:
    if "{p}" not in prompt:
        raise bad_request(_MISSING.format(which="positive", mark="{p}"), "StylePromptMissingVars")
    if image and "{np}" not in prompt:
        raise bad_request(_MISSING.format(which="negative", mark="{np}"), "StylePromptMissingVars")
