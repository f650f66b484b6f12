"""A style's generation parameters (`params`), image and text, with the server's bounds and rules.

Bounds and cross-field rules always apply. Membership in the server's current catalogues (samplers,
post-processors, workflows) is only checked when validating with `AUTHORING_CONTEXT`: a newer server may
return names this client has never heard of, and reading its styles must not fail because of that.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Final, Literal

from pydantic import ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from horde_style_studio.domain.base import HordeModel

KNOWN_SAMPLERS: Final[tuple[str, ...]] = (
    "k_lms", "k_heun", "k_euler", "k_euler_a", "k_dpm_2", "k_dpm_2_a", "k_dpm_fast", "k_dpm_adaptive",
    "k_dpmpp_2s_a", "k_dpmpp_2m", "dpmsolver", "k_dpmpp_sde", "DDIM", "lcm",
)  # fmt: skip
UPSCALERS: Final[tuple[str, ...]] = (
    "RealESRGAN_x4plus", "RealESRGAN_x2plus", "RealESRGAN_x4plus_anime_6B", "NMKD_Siax", "4x_AnimeSharp",
    "4xNomos8kSC", "4xLSDIRplus", "4xNomosWebPhoto_RealPLKSR", "4xNomos2_realplksr_dysample",
    "4xNomos2_hq_dat2", "2xModernSpanimationV1",
)  # fmt: skip
FACEFIXERS: Final[tuple[str, ...]] = ("GFPGAN", "CodeFormers", "GFPGANv1.3", "RestoreFormer")
KNOWN_POST_PROCESSORS: Final[tuple[str, ...]] = (*FACEFIXERS, *UPSCALERS, "strip_background")
KNOWN_WORKFLOWS: Final[tuple[str, ...]] = ("qr_code",)

MAX_LORAS: Final = 5
MAX_TIS: Final = 20
TEXT_SAMPLER_COUNT: Final = 7
MAX_STOP_SEQUENCES: Final = 128
MAX_STOP_SEQUENCE_CHARS: Final = 2000
# horde/validation.py compares against this when max_context_length is missing (TokenOverflow, §4.2).
# Its default max_length (80) needs no constant: no allowed context length is below 80.
SERVER_DEFAULT_MAX_CONTEXT_LENGTH: Final = 1024

AUTHORING_CONTEXT: Final[Mapping[str, bool]] = {"authoring": True}
"""Pass as `context=` to also check names against the catalogues above (what a user is about to send)."""

# Texts in params are short names (samplers, LoRAs): the cap keeps hostile ones out of a library (issue 14).
_PARAMS_CONFIG = ConfigDict(extra="allow", populate_by_name=True, str_max_length=10_000)


def rule_error(message: str) -> PydanticCustomError:
    """A validation error whose text is already a sentence for a person (see `problems`)."""
    # The message goes through the context, so braces in user input are never treated as a template.
    return PydanticCustomError("horde_rule", "{message}", {"message": message})


def _authoring(info: ValidationInfo) -> bool:
    return isinstance(info.context, Mapping) and bool(info.context.get("authoring"))


def _check_known(value: str | None, known: tuple[str, ...], what: str, info: ValidationInfo) -> None:
    if value is not None and _authoring(info) and value not in known:
        raise rule_error(f"'{value}' is not {what} the AI Horde knows. Choose one of: {', '.join(known)}.")


Strength = Annotated[float, Field(ge=-5.0, le=5.0)]
UnitInterval = Annotated[float, Field(ge=0.0, le=1.0)]


class LoraSpec(HordeModel):
    """One LoRA a style applies (`params.loras[]`)."""

    model_config = _PARAMS_CONFIG

    name: str = Field(min_length=1, max_length=255)
    model: Strength | None = None
    clip: Strength | None = None
    inject_trigger: str | None = Field(default=None, min_length=1, max_length=30)
    is_version: bool | None = None

    @model_validator(mode="after")
    def _version_needs_digits(self) -> LoraSpec:
        # BadLoraVersion: the server uses str.isdigit(), so mirror exactly that test.
        if self.is_version and not self.name.isdigit():
            raise rule_error(
                f"LoRA '{self.name}' is marked as a version, so its name must be a CivitAI version id "
                "made of digits only."
            )
        return self


class TISpec(HordeModel):
    """One textual inversion a style applies (`params.tis[]`)."""

    model_config = _PARAMS_CONFIG

    name: str = Field(min_length=1, max_length=255)
    inject_ti: Literal["prompt", "negprompt"] | None = None
    strength: Strength | None = None


class ImageParams(HordeModel):
    """Image style params (§4.1). None means unset; unknown keys are kept because the server stores them."""

    model_config = _PARAMS_CONFIG

    sampler_name: str | None = None
    cfg_scale: float | None = Field(default=None, ge=0, le=100)
    denoising_strength: float | None = Field(default=None, ge=0.01, le=1)
    hires_fix_denoising_strength: float | None = Field(default=None, ge=0.01, le=1)
    height: int | None = Field(default=None, ge=64, le=3072, multiple_of=64)
    width: int | None = Field(default=None, ge=64, le=3072, multiple_of=64)
    steps: int | None = Field(default=None, ge=1, le=500)
    post_processing: list[str] | None = None
    karras: bool | None = None
    tiling: bool | None = None
    hires_fix: bool | None = None
    transparent: bool | None = None
    clip_skip: int | None = Field(default=None, ge=1, le=12)
    facefixer_strength: UnitInterval | None = None
    loras: list[LoraSpec] | None = None
    tis: list[TISpec] | None = None
    special: dict[str, Any] | None = None
    workflow: str | None = None

    @field_validator("sampler_name")
    @classmethod
    def _known_sampler(cls, value: str | None, info: ValidationInfo) -> str | None:
        _check_known(value, KNOWN_SAMPLERS, "a sampler", info)
        return value

    @field_validator("workflow")
    @classmethod
    def _known_workflow(cls, value: str | None, info: ValidationInfo) -> str | None:
        _check_known(value, KNOWN_WORKFLOWS, "a workflow", info)
        return value

    @field_validator("cfg_scale")
    @classmethod
    def _two_decimals(cls, value: float | None) -> float | None:
        # BadCFGDecimals: the server rejects any value that round(x, 2) changes.
        if value is not None and round(value, 2) != value:
            raise rule_error(f"CFG scale can have at most 2 decimals (got {value}).")
        return value

    @field_validator("post_processing")
    @classmethod
    def _post_processing_rules(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        if value is None:
            return None
        for name in value:
            _check_known(name, KNOWN_POST_PROCESSORS, "a post-processor", info)
        repeated = sorted({name for name in value if value.count(name) > 1})
        if repeated:
            raise rule_error(f"Each post-processor can be listed only once ({', '.join(repeated)} repeats).")
        upscalers = [name for name in value if name in UPSCALERS]
        if len(upscalers) > 1:
            raise rule_error(
                f"Only one upscaler can be used at a time (this style has {len(upscalers)}: "
                f"{', '.join(upscalers)})."
            )
        return value

    @field_validator("loras")
    @classmethod
    def _lora_count(cls, value: list[LoraSpec] | None) -> list[LoraSpec] | None:
        if value is not None and len(value) > MAX_LORAS:
            raise rule_error(f"A style can use at most {MAX_LORAS} LoRAs (this one has {len(value)}).")
        return value

    @field_validator("tis")
    @classmethod
    def _ti_count(cls, value: list[TISpec] | None) -> list[TISpec] | None:
        if value is not None and len(value) > MAX_TIS:
            raise rule_error(
                f"A style can use at most {MAX_TIS} textual inversions (this one has {len(value)})."
            )
        return value


class TextParams(HordeModel):
    """Text style params (§4.2), including `max_length` and `max_context_length`, which 5.1.5 stores and
    applies but never returns (B11). None means unset; unknown keys are kept."""

    model_config = _PARAMS_CONFIG

    frmtadsnsp: bool | None = None
    frmtrmblln: bool | None = None
    frmtrmspch: bool | None = None
    frmttriminc: bool | None = None
    singleline: bool | None = None
    use_default_badwordsids: bool | None = None
    rep_pen: float | None = Field(default=None, ge=1, le=3)
    rep_pen_range: int | None = Field(default=None, ge=0, le=4096)
    rep_pen_slope: float | None = Field(default=None, ge=0, le=10)
    temperature: float | None = Field(default=None, ge=0, le=5)
    tfs: UnitInterval | None = None
    top_a: UnitInterval | None = None
    top_k: int | None = Field(default=None, ge=0, le=200)
    top_p: float | None = Field(default=None, ge=0.001, le=1)
    typical: UnitInterval | None = None
    min_p: UnitInterval | None = None
    smoothing_factor: float | None = Field(default=None, ge=0, le=10)
    dynatemp_range: float | None = Field(default=None, ge=0, le=5)
    dynatemp_exponent: float | None = Field(default=None, ge=0, le=5)
    sampler_order: list[int] | None = None
    stop_sequence: list[str] | None = None
    max_length: int | None = Field(default=None, ge=16, le=4096)
    # Declared after max_length so its validator sees it; validate_default so the check also runs when
    # only max_length is set (the server then compares against its own default context length).
    max_context_length: int | None = Field(default=None, ge=80, le=1048576, validate_default=True)

    @field_validator("sampler_order")
    @classmethod
    def _full_sampler_order(cls, value: list[int] | None) -> list[int] | None:
        # MissingFullSamplerOrder: the server counts distinct entries.
        if value is not None and len(set(value)) < TEXT_SAMPLER_COUNT:
            raise rule_error(
                f"A sampler order must list all {TEXT_SAMPLER_COUNT} samplers "
                f"(this one lists {len(set(value))} different ones)."
            )
        return value

    @field_validator("stop_sequence")
    @classmethod
    def _stop_sequence_limits(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        distinct = set(value)  # the server de-duplicates before counting and measuring
        if len(distinct) > MAX_STOP_SEQUENCES:
            raise rule_error(
                f"A style can have at most {MAX_STOP_SEQUENCES} stop sequences "
                f"(this one has {len(distinct)})."
            )
        total = sum(len(sequence) for sequence in distinct)
        if total > MAX_STOP_SEQUENCE_CHARS:
            raise rule_error(
                f"Stop sequences can add up to at most {MAX_STOP_SEQUENCE_CHARS} characters "
                f"(these add up to {total})."
            )
        return value

    @field_validator("max_context_length")
    @classmethod
    def _context_holds_output(cls, value: int | None, info: ValidationInfo) -> int | None:
        max_length = info.data.get("max_length")
        if max_length is None:
            return value  # unset, or already reported as invalid
        context = value if value is not None else SERVER_DEFAULT_MAX_CONTEXT_LENGTH
        if context < max_length:
            shown = str(value) if value is not None else f"{context}, the server's default when unset"
            raise rule_error(
                f"The max context length ({shown}) must be at least the max length ({max_length})."
            )
        return value
