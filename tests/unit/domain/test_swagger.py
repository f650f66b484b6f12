"""The read models accept what the 5.1.5 swagger says the server sends."""

from __future__ import annotations

from typing import Any

import pytest

from horde_style_studio.domain.collections import Collection
from horde_style_studio.domain.params import ImageParams, TextParams
from horde_style_studio.domain.responses import ModifyResult
from horde_style_studio.domain.status import ActiveModel
from horde_style_studio.domain.styles import ImageStyle, TextStyle
from horde_style_studio.domain.users import UserDetails
from tests.unit.domain.swagger_instances import build_instance, load_definitions

DEFS = load_definitions()
# The server also demands all 7 distinct samplers (MissingFullSamplerOrder), which no schema states.
FULL_SAMPLER_ORDER = {"params.sampler_order": [6, 0, 1, 3, 4, 2, 5]}


def test_helper_fills_every_property_within_bounds() -> None:
    params = build_instance("ModelStyleInputParamsStable", DEFS)
    assert params["width"] == 64
    assert params["width"] % 64 == 0
    assert params["sampler_name"] == "k_dpmpp_2m"
    assert "steps" in params
    assert set(params) >= {"loras", "tis", "post_processing", "special", "workflow", "transparent"}


def test_image_style_accepts_style_stable() -> None:
    body = build_instance("StyleStable", DEFS)
    style = ImageStyle.model_validate(body)
    assert style.id == body["id"]
    assert style.name == body["name"]
    assert style.prompt == "{p}{np}"
    assert style.examples[0].url == body["examples"][0]["url"]
    assert style.shared_key is not None
    assert style.shared_key.expiry == body["shared_key"]["expiry"]
    assert style.params.to_payload() == body["params"]


def test_text_style_accepts_style_kobold() -> None:
    body = build_instance("StyleKobold", DEFS, FULL_SAMPLER_ORDER)
    style = TextStyle.model_validate(body)
    assert style.creator == "db0#1"
    assert style.params.to_payload() == body["params"]


@pytest.mark.parametrize(
    ("definition", "model"),
    [("ModelStyleInputParamsStable", ImageParams), ("ModelStyleInputParamsKobold", TextParams)],
)
def test_params_models_declare_every_swagger_key(definition: str, model: type[Any]) -> None:
    keys = set(
        build_instance(definition, DEFS, {"sampler_order": FULL_SAMPLER_ORDER["params.sampler_order"]})
    )
    assert keys - set(model.model_fields) == set()


def test_collection_accepts_response_model_collection() -> None:
    body = build_instance("ResponseModelCollection", DEFS)
    collection = Collection.model_validate(body)
    assert collection.type == "image"
    assert collection.styles[0].name == "db0#1::style::my awesome style"


def test_user_details_accepts_swagger_body() -> None:
    body = build_instance("UserDetails", DEFS)
    user = UserDetails.model_validate(body)
    assert user.styles[0].type == "image"
    assert user.kudos_details is not None
    assert user.records is not None


def test_modify_result_accepts_style_modify() -> None:
    result = ModifyResult.model_validate(build_instance("StyleModify", DEFS))
    assert result.warnings[0].code == "NoAvailableWorker"


def test_active_model_accepts_swagger_body() -> None:
    model = ActiveModel.model_validate(build_instance("ActiveModel", DEFS))
    assert model.type == "image"
    assert model.name == "s"
