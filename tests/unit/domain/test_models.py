"""Read models tolerate what servers send; write payloads never carry nulls or the shared key on PATCH."""

from __future__ import annotations

from typing import Any

import pytest

from horde_style_studio.domain.collections import Collection, CollectionWrite
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.responses import ErrorBody, ModifyResult
from horde_style_studio.domain.status import StyleContract
from horde_style_studio.domain.styles import (
    ImageStyle,
    ImageStyleWrite,
    StyleExample,
    TextStyle,
    TextStyleWrite,
    primary_example,
    style_read_model,
    style_write_model,
)

IMAGE_STYLE: dict[str, Any] = {
    "id": "6d0b8a52-3a3a-4c9f-9f2c-0d6c1c3c0a11",
    "name": "impasto",
    "info": "thick oil paint, visible strokes",
    "prompt": "{p}, impasto impressionism###no blur, {np}",
    "params": {
        "sampler_name": "k_euler_a",
        "cfg_scale": 7.5,
        "width": 832,
        "height": 1216,
        "steps": 30,
        "karras": True,
        "post_processing": ["RealESRGAN_x4plus", "GFPGAN"],
        "loras": [{"name": "123456", "model": 0.8, "is_version": True}],
        "tis": [{"name": "7808", "inject_ti": "negprompt", "strength": 1}],
        "seed": "kept-because-the-server-stores-it",
    },
    "public": False,
    "nsfw": True,
    "tags": ["painting", "oil"],
    "models": ["AlbedoBase XL (SDXL)", "Juggernaut XL"],
    "use_count": 12,
    "creator": "db0#1",
    "examples": [
        {"id": "e1", "url": "https://example.org/1.webp", "primary": False},
        {"id": "e2", "url": "https://example.org/2.webp", "primary": True},
    ],
    "shared_key": {"id": "00000000-0000-0000-0000-000000000000", "name": "house key", "kudos": 5000},
}


def _has_none(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_none(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_none(item) for item in value)
    return False


def test_served_nulls_take_defaults() -> None:
    # 5.1.13 style routes stop skipping nulls (§10); 5.1.5 puts them in warnings (§12).
    body = dict.fromkeys(ImageStyle.model_fields) | {"id": "x", "name": "n", "prompt": "{p}{np}"}
    style = ImageStyle.model_validate(body | {"tags": ["a", None], "models": None})
    assert style.info == ""
    assert style.public is True
    assert style.tags == ["a"]
    assert style.models == []
    assert style.examples == []
    assert style.params.to_payload() == {}
    assert style.parameter_policy is None


def test_unknown_fields_are_ignored_but_unknown_params_are_kept() -> None:
    style = ImageStyle.model_validate(IMAGE_STYLE | {"votes": 3, "created": "yesterday"})
    assert not hasattr(style, "votes")
    assert style.params.to_payload()["seed"] == "kept-because-the-server-stores-it"


def test_5_1_13_declarations_are_read() -> None:
    style = TextStyle.model_validate(
        {
            "id": "t",
            "name": "story",
            "prompt": "{p} in the style of {author}",
            "parameter_policy": {"override": "listed", "overridable": ["temperature"], "ceilings": {"n": 4}},
            "template_fields": [{"name": "author", "description": "who", "required": True}],
            "params": {"max_length": 200, "max_context_length": 4096},
        }
    )
    assert style.parameter_policy is not None
    assert style.parameter_policy.ceilings == {"n": 4}
    assert style.template_fields is not None
    assert style.template_fields[0].required is True
    assert style.params.max_length == 200


def test_kind_and_model_lookup() -> None:
    assert ImageStyle.model_validate(IMAGE_STYLE).kind is StyleKind.IMAGE
    assert TextStyle.model_validate({"id": "t", "name": "n", "prompt": "{p}"}).kind is StyleKind.TEXT
    assert style_read_model(StyleKind.TEXT) is TextStyle
    assert style_write_model(StyleKind.IMAGE) is ImageStyleWrite
    assert style_write_model(StyleKind("text")) is TextStyleWrite


def test_primary_example_prefers_the_flagged_one() -> None:
    style = ImageStyle.model_validate(IMAGE_STYLE)
    assert primary_example(style) == StyleExample(id="e2", url="https://example.org/2.webp", primary=True)
    unflagged = style.model_copy(update={"examples": [StyleExample(id="a", url="https://a")]})
    assert primary_example(unflagged) is not None
    assert primary_example(unflagged.model_copy(update={"examples": []})) is None
    assert primary_example(TextStyle.model_validate({"id": "t", "name": "n", "prompt": "{p}"})) is None


def test_round_trip_keeps_every_field_except_the_shared_key() -> None:
    style = ImageStyle.model_validate(IMAGE_STYLE)
    payload = ImageStyleWrite.from_style(style).to_payload()
    for key in ("name", "info", "prompt", "params", "public", "nsfw", "tags", "models"):
        assert payload[key] == IMAGE_STYLE[key], key
    assert "sharedkey" not in payload
    assert "shared_key" not in payload


def test_round_trip_of_a_text_style() -> None:
    body = {
        "id": "t",
        "name": "story",
        "info": "",
        "prompt": "### Instruction: {p}\n### Response:",
        "params": {"temperature": 0.7, "sampler_order": [6, 0, 1, 3, 4, 2, 5], "max_length": 120},
        "tags": ["fiction"],
        "models": ["koboldcpp/Llama-3"],
    }
    payload = TextStyleWrite.from_style(TextStyle.model_validate(body)).to_payload()
    assert payload["params"] == body["params"]
    assert payload["prompt"] == body["prompt"]
    assert "info" not in payload  # "" means unset, and "" would fail the server's 1..1000 check


def test_payloads_never_carry_nulls() -> None:
    write = ImageStyleWrite(name="n", models=["m"])
    payload = write.to_payload()
    assert not _has_none(payload)
    assert payload == {"name": "n", "public": True, "nsfw": False, "tags": [], "models": ["m"], "params": {}}
    assert not _has_none(CollectionWrite(name="c", styles=["style::db0#1::x"]).to_payload())


def test_patch_payload_drops_the_shared_key() -> None:
    write = ImageStyleWrite(name="n", models=["m"], sharedkey="0" * 36)
    assert write.to_payload()["sharedkey"] == "0" * 36
    assert "sharedkey" not in write.to_patch_payload()
    assert write.to_patch_payload()["name"] == "n"


def test_collection_tolerates_null_info_and_type() -> None:
    collection = Collection.model_validate(
        {
            "id": "c",
            "name": "set",
            "type": None,
            "info": None,
            "styles": [{"id": "s1", "name": "a::style::b"}],
        }
    )
    assert collection.type is None
    assert collection.info is None
    assert collection.styles[0].id == "s1"


def test_modify_result_tolerates_null_warnings() -> None:
    result = ModifyResult.model_validate(
        {"id": "x", "message": "OK", "warnings": [{"code": None, "message": None}]}
    )
    assert result.warnings[0].code is None
    assert ModifyResult.model_validate({"message": "OK"}).id is None


@pytest.mark.parametrize(
    ("body", "rc", "errors"),
    [
        ({"message": "Style not found", "rc": "StyleNotFound"}, "StyleNotFound", {}),
        (
            {"message": "Input payload validation failed", "errors": {"params.width": "4000 is too big"}},
            None,
            {"params.width": "4000 is too big"},
        ),
        ({"message": "2 per 1 second"}, None, {}),
    ],
)
def test_error_body_shapes(body: dict[str, Any], rc: str | None, errors: dict[str, str]) -> None:
    parsed = ErrorBody.model_validate(body)
    assert parsed.rc == rc
    assert parsed.errors == errors
    assert parsed.message == body["message"]


def test_style_contract_reads_the_published_document() -> None:
    contract = StyleContract.model_validate(
        {
            "schema_version": 1,
            "text": {
                "placeholders": ["p"],
                "protected_patterns": [{"pattern": r"\{\{\[[A-Z_]+\]\}\}", "description": "instruct"}],
                "ceiling_parameters": {"max_length": {"minimum": 16, "maximum": 4096}},
                "context_fit_modes": ["ignore", "reject", "grow"],
                "style_write_rate_limits": ["20/hour", "2/second"],
                "something_new": True,
            },
            "image": {"placeholders": ["p", "np"], "context_fit_modes": None},
        }
    )
    text = contract.section(StyleKind.TEXT)
    image = contract.section(StyleKind.IMAGE)
    assert text is not None
    assert text.ceiling_parameters["max_length"].maximum == 4096
    assert image is not None
    assert image.placeholders == ["p", "np"]
    assert image.context_fit_modes is None
