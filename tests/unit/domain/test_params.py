"""Every params rule of §4 rejects what the server rejects and accepts its neighbour."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

from horde_style_studio.domain.params import (
    AUTHORING_CONTEXT,
    FACEFIXERS,
    KNOWN_POST_PROCESSORS,
    UPSCALERS,
    ImageParams,
    LoraSpec,
    TextParams,
)

# (params, a rejected value, an accepted value)
IMAGE_CASES: list[tuple[str, Any, Any]] = [
    ("width", 1000, 1024),
    ("width", 3136, 3072),
    ("height", 0, 64),
    ("steps", 501, 500),
    ("steps", 0, 1),
    ("cfg_scale", 7.555, 7.55),
    ("cfg_scale", 100.5, 100),
    ("cfg_scale", -1, 0),
    ("denoising_strength", 0.0, 0.01),
    ("hires_fix_denoising_strength", 1.01, 1),
    ("clip_skip", 13, 12),
    ("facefixer_strength", 1.5, 1),
    ("post_processing", ["RealESRGAN_x4plus", "4x_AnimeSharp"], ["RealESRGAN_x4plus", "GFPGAN"]),
    ("post_processing", ["GFPGAN", "GFPGAN"], ["GFPGAN", "CodeFormers"]),
    ("loras", [{"name": str(n)} for n in range(6)], [{"name": str(n)} for n in range(5)]),
    ("loras", [{"name": "Magnagothica", "is_version": True}], [{"name": "12345", "is_version": True}]),
    ("loras", [{"name": "x", "model": 5.5}], [{"name": "x", "model": -5}]),
    ("loras", [{"name": "x", "inject_trigger": "t" * 31}], [{"name": "x", "inject_trigger": "any"}]),
    ("loras", [{"name": ""}], [{"name": "x"}]),
    ("tis", [{"name": "t"}] * 21, [{"name": "t"}] * 20),
    ("tis", [{"name": "t", "inject_ti": "both"}], [{"name": "t", "inject_ti": "negprompt"}]),
    ("tis", [{"name": "t", "strength": -5.1}], [{"name": "t", "strength": -5}]),
]
TEXT_CASES: list[tuple[str, Any, Any]] = [
    ("rep_pen", 0.5, 1),
    ("rep_pen_range", 4097, 4096),
    ("rep_pen_slope", 11, 10),
    ("temperature", 5.1, 5),
    ("top_k", 201, 200),
    ("top_p", 0.0, 0.001),
    ("typical", 1.1, 1),
    ("min_p", -0.1, 0),
    ("smoothing_factor", 10.5, 10),
    ("dynatemp_range", 6, 5),
    ("dynatemp_exponent", -1, 5),
    ("max_length", 15, 16),
    ("max_context_length", 79, 80),
    ("sampler_order", [0, 1, 2, 3, 4, 5, 5], [6, 0, 1, 3, 4, 2, 5]),
    ("stop_sequence", [f"s{n}" for n in range(129)], [f"s{n}" for n in range(128)]),
    ("stop_sequence", ["a" * 1001, "b" * 1000], ["a" * 1000, "b" * 1000]),
]


@pytest.mark.parametrize(("key", "bad", "good"), IMAGE_CASES)
def test_image_rule(key: str, bad: Any, good: Any) -> None:
    with pytest.raises(pydantic.ValidationError):
        ImageParams.model_validate({key: bad})
    assert ImageParams.model_validate({key: good}).to_payload()[key] == good


@pytest.mark.parametrize(("key", "bad", "good"), TEXT_CASES)
def test_text_rule(key: str, bad: Any, good: Any) -> None:
    with pytest.raises(pydantic.ValidationError):
        TextParams.model_validate({key: bad})
    assert TextParams.model_validate({key: good}).to_payload()[key] == good


def test_repeated_stop_sequences_count_once() -> None:
    # The server de-duplicates before counting (horde/validation.py), so 200 copies are one sequence.
    assert TextParams.model_validate({"stop_sequence": ["\n"] * 200}).stop_sequence == ["\n"] * 200


@pytest.mark.parametrize(
    ("lengths", "accepted"),
    [
        ({"max_length": 512, "max_context_length": 256}, False),
        ({"max_length": 512, "max_context_length": 512}, True),
        ({"max_length": 2048}, False),  # the server compares with its default context of 1024
        ({"max_length": 1024}, True),
        ({"max_context_length": 80}, True),  # max_length then defaults to 80
    ],
)
def test_context_must_hold_the_output(lengths: dict[str, int], accepted: bool) -> None:
    if accepted:
        assert TextParams.model_validate(lengths).to_payload() == lengths
    else:
        with pytest.raises(pydantic.ValidationError, match="max context length"):
            TextParams.model_validate(lengths)


def test_unknown_keys_survive_a_round_trip() -> None:
    params = {"seed": "42", "n": 2, "control_type": "canny", "width": 512}
    assert ImageParams.model_validate(params).to_payload() == params
    assert TextParams.model_validate({"n": 3, "top_k": 40}).to_payload() == {"n": 3, "top_k": 40}


@pytest.mark.parametrize(
    ("key", "unknown", "known"),
    [
        ("sampler_name", "k_brand_new", "k_euler_a"),
        ("workflow", "inpaint_magic", "qr_code"),
        ("post_processing", ["SuperScaler9000"], ["RealESRGAN_x2plus"]),
    ],
)
def test_catalogue_names_are_checked_only_when_authoring(key: str, unknown: Any, known: Any) -> None:
    # A newer server may serve names this client never heard of; reading must not fail on them.
    assert ImageParams.model_validate({key: unknown}).to_payload()[key] == unknown
    with pytest.raises(pydantic.ValidationError, match="AI Horde knows"):
        ImageParams.model_validate({key: unknown}, context=AUTHORING_CONTEXT)
    assert ImageParams.model_validate({key: known}, context=AUTHORING_CONTEXT).to_payload()[key] == known


def test_catalogues() -> None:
    assert set(UPSCALERS) | set(FACEFIXERS) | {"strip_background"} == set(KNOWN_POST_PROCESSORS)
    assert not set(UPSCALERS) & set(FACEFIXERS)
    assert all(name.startswith(("RealESRGAN", "NMKD_Siax", "4x", "2x")) for name in UPSCALERS)


def test_lora_version_uses_the_servers_digit_test() -> None:
    assert LoraSpec(name="123", is_version=True).is_version
    assert LoraSpec(name="Magnagothica", is_version=False).name == "Magnagothica"
    with pytest.raises(pydantic.ValidationError, match="digits only"):
        LoraSpec(name="12a", is_version=True)
