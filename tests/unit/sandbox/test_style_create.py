"""Creating styles: the server's order of checks, its error bodies and its quirks (REFERENCE §2.2, §9)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from horde_style_studio.sandbox import DEMO_USERS, SandboxApp

from .helpers import ANON, CURATOR, PLAIN, TRUSTED, image_payload, rc_of, text_payload

DELETED = {"apikey": next(u.key for u in DEMO_USERS if u.deleted)}


async def test_create_then_read_back(client: httpx.AsyncClient) -> None:
    created = await client.post(
        "/v2/styles/image", json=image_payload(models=["b", "a", "b"]), headers=CURATOR
    )
    assert created.status_code == 200
    assert created.json()["message"] == "OK"
    style = (await client.get(f"/v2/styles/image/{created.json()['id']}")).json()
    assert style["creator"] == "sandbox_curator#1"
    assert sorted(style["models"]) == ["a", "b"]  # stored as a set
    assert style["examples"] == []
    assert style["info"] == "A foggy harbour look for tests."


async def test_schema_errors_are_bundled_without_rc(client: httpx.AsyncClient) -> None:
    bad = image_payload(info="short", params={"width": 4000, "sampler_name": "k_fancy"}, public=None)
    response = await client.post("/v2/styles/image", json=bad, headers=CURATOR)
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "info": "'short' is too short",
            "params.width": "4000 is greater than the maximum of 3072",
            "params.sampler_name": response.json()["errors"]["params.sampler_name"],
            "public": "None is not of type 'boolean'",
        },
        "message": "Input payload validation failed",
    }
    assert response.json()["errors"]["params.sampler_name"].startswith("'k_fancy' is not one of [")
    nameless = await client.post("/v2/styles/image", json={"models": ["x"]}, headers=CURATOR)
    assert nameless.json()["errors"] == {"name": "'name' is a required property"}


async def test_missing_key_is_a_parser_400_not_a_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/v2/styles/image", json=image_payload())
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"apikey": "The API Key corresponding to a registered user. Missing "
                   "required parameter in the HTTP headers"},
        "message": "Input payload validation failed",
    }  # fmt: skip


async def test_body_must_be_json(client: httpx.AsyncClient) -> None:
    response = await client.post("/v2/styles/image", content=b"name=x", headers=CURATOR)
    assert response.status_code == 400
    assert "Content-Type was not 'application/json'" in response.json()["message"]


@pytest.mark.parametrize(
    ("payload", "headers", "status", "rc", "message"),
    [
        (image_payload(models=[]), CURATOR, 400, "BadRequest", "A style has to specify at least one model."),
        (image_payload(models=list("abcdef")), CURATOR, 400, "BadRequest",
         "A style can only use a maximum of 5 models."),
        (image_payload(tags=[f"t{n}" for n in range(11)]), CURATOR, 400, "BadRequest",
         "A style can be tagged a maximum of 10 times."),
        (image_payload(), {"apikey": "wrong-key-wrong-key-00"}, 401, "InvalidAPIKey", None),
        (image_payload(), PLAIN, 403, "StylesRequiresCustomizer", None),
        # The role check comes before the anonymous check, so anonymous gets the role rc too (§12).
        (image_payload(), ANON, 403, "StylesRequiresCustomizer", None),
        (image_payload(name="my badword style"), CURATOR, 400, "BadRequest", "style name contains profanity"),
        (image_payload(), DELETED, 403, "DeletedUser", None),
        (image_payload(name="Moody Film Noir"), TRUSTED, 400, "BadRequest",
         "Style with name 'Moody Film Noir' already exists for user 'sandbox_trusted#4'. "
         "Please use PATCH to modify an existing style."),
    ],
)  # fmt: skip
async def test_create_refusals(
    client: httpx.AsyncClient,
    payload: dict[str, Any],
    headers: dict[str, str],
    status: int,
    rc: str,
    message: str | None,
) -> None:
    response = await client.post("/v2/styles/image", json=payload, headers=headers)
    assert rc_of(response) == (status, rc)
    if message is not None:
        assert response.json()["message"] == message


async def test_trusted_users_may_create_styles(client: httpx.AsyncClient) -> None:
    response = await client.post("/v2/styles/text", json=text_payload(), headers=TRUSTED)
    assert response.status_code == 200


async def test_duplicate_check_is_global_even_against_collections(client: httpx.AsyncClient) -> None:
    # The curator has no style called "Print Shop", but some user has a collection of that name (B3).
    response = await client.post("/v2/styles/image", json=image_payload(name="Print Shop"), headers=CURATOR)
    assert rc_of(response) == (400, "BadRequest")
    assert "already exists for user 'sandbox_curator#1'" in response.json()["message"]


@pytest.mark.parametrize(
    ("behaviour", "rc"), [("modern", "StylePromptMissingVars"), ("v5_1_5", "BadRequest")]
)
async def test_prompt_without_np_has_the_collapsed_rc_on_5_1_5(client: httpx.AsyncClient, rc: str) -> None:
    response = await client.post(
        "/v2/styles/image", json=image_payload(prompt="{p}, no negative"), headers=CURATOR
    )
    assert rc_of(response) == (400, rc)
    assert response.json()["message"].endswith("signified with '{np}'")


async def test_param_validator_rcs_are_specific_in_both(client: httpx.AsyncClient) -> None:
    loras = [{"name": f"lora{n}"} for n in range(6)]
    response = await client.post(
        "/v2/styles/image", json=image_payload(params={"loras": loras}), headers=CURATOR
    )
    assert rc_of(response) == (400, "TooManyLoras")
    overflow = text_payload(params={"max_length": 512, "max_context_length": 256})
    assert rc_of(await client.post("/v2/styles/text", json=overflow, headers=CURATOR)) == (
        400,
        "TokenOverflow",
    )


async def test_profane_tag_fails_after_the_style_was_saved(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    payload = image_payload(name="Half Made Style", tags=["calm", "badword"])
    response = await client.post("/v2/styles/image", json=payload, headers=CURATOR)
    assert rc_of(response) == (400, "BadRequest")
    # B12: the row exists, with neither models nor tags.
    saved = (await client.get("/v2/styles/image_by_name/Half Made Style")).json()
    assert (saved["models"], saved["tags"]) == ([], [])


async def test_names_are_html_escaped_like_bleach(client: httpx.AsyncClient) -> None:
    created = await client.post(
        "/v2/styles/image", json=image_payload(name="Salt & <Pepper>"), headers=CURATOR
    )
    style = (await client.get(f"/v2/styles/image/{created.json()['id']}")).json()
    assert style["name"] == "Salt &amp; &lt;Pepper&gt;"


@pytest.mark.parametrize(
    ("behaviour", "warnings"),
    [
        ("modern", ["CfgScaleMismatch", "StepsTooMany"]),
        ("v5_1_5", [None, None]),
    ],
)
async def test_model_warnings(client: httpx.AsyncClient, warnings: list[str | None]) -> None:
    flux = image_payload(
        models=["Flux.1-Schnell fp8 (Compact)"], params={"steps": 30, "sampler_name": "k_euler"}
    )
    response = await client.post("/v2/styles/image", json=flux, headers=CURATOR)
    # 5.1.5 marshals its warning enums into empty objects (REFERENCE §12).
    assert sorted(w["code"] or "" for w in response.json()["warnings"]) == sorted(w or "" for w in warnings)
