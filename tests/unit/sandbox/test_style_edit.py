"""Editing and deleting styles: 5.1.5's disguised PUT and broken text PATCH against 5.1.13 (§2.5, B2, B4)."""

from __future__ import annotations

import httpx
import pytest

from horde_style_studio.sandbox import SandboxApp

from .helpers import ANON, CURATOR, MOD, PLAIN, rc_of, seeded


@pytest.mark.parametrize(("behaviour", "status"), [("modern", 200), ("v5_1_5", 400)])
async def test_patch_without_name(client: httpx.AsyncClient, app: SandboxApp, status: int) -> None:
    noir = seeded(app, "Moody Film Noir")
    response = await client.patch(
        f"/v2/styles/image/{noir.id}", json={"info": "Rainy streets at night."}, headers=CURATOR
    )
    assert response.status_code == status
    if status == 400:
        assert response.json()["errors"] == {
            "name": "The name of the style. Missing required parameter in the JSON body"
        }


@pytest.mark.parametrize("behaviour", ["v5_1_5"])
async def test_5_1_5_patch_resets_what_it_was_not_sent(client: httpx.AsyncClient, app: SandboxApp) -> None:
    draft = seeded(app, "Curator Draft: Neon Linocut")
    draft.nsfw, old_info = True, draft.info
    response = await client.patch(f"/v2/styles/image/{draft.id}", json={"name": draft.name}, headers=CURATOR)
    assert response.status_code == 200
    after = (await client.get(f"/v2/styles/image/{draft.id}")).json()
    # B2: the private draft went public, the prompt and tags reset; info and params were kept.
    assert (after["public"], after["nsfw"], after["prompt"], after["tags"]) == (True, False, "{p}{np}", [])
    assert after["info"] == old_info


@pytest.mark.parametrize("behaviour", ["modern"])
async def test_modern_patch_is_partial(client: httpx.AsyncClient, app: SandboxApp) -> None:
    draft = seeded(app, "Curator Draft: Neon Linocut")
    before = (await client.get(f"/v2/styles/image/{draft.id}")).json()
    response = await client.patch(
        f"/v2/styles/image/{draft.id}", json={"info": "Still a draft."}, headers=CURATOR
    )
    assert response.status_code == 200
    after = (await client.get(f"/v2/styles/image/{draft.id}")).json()
    assert after == {**before, "info": "Still a draft."}


async def test_patch_replaces_params_whole(client: httpx.AsyncClient, app: SandboxApp) -> None:
    noir = seeded(app, "Moody Film Noir")
    full = (await client.get(f"/v2/styles/image/{noir.id}")).json()
    payload = {
        **{k: full[k] for k in ("name", "info", "prompt", "public", "nsfw", "tags")},
        "params": {"steps": 12},
    }
    assert (
        await client.patch(f"/v2/styles/image/{noir.id}", json=payload, headers=CURATOR)
    ).status_code == 200
    after = (await client.get(f"/v2/styles/image/{noir.id}")).json()
    assert after["params"] == {"steps": 12}
    assert after["tags"] == full["tags"]


@pytest.mark.parametrize(("behaviour", "status"), [("modern", 200), ("v5_1_5", 500)])
async def test_text_patch(client: httpx.AsyncClient, app: SandboxApp, status: int) -> None:
    text = seeded(app, "Hard-Boiled Narrator")
    payload = {"name": text.name, "prompt": "Narrate like a tired detective.\n{p}", "models": text.models}
    response = await client.patch(f"/v2/styles/text/{text.id}", json=payload, headers=CURATOR)
    assert response.status_code == status
    prompt = (await client.get(f"/v2/styles/text/{text.id}")).json()["prompt"]
    # B4: every 5.1.5 text PATCH ends in 500 and nothing is committed.
    assert (prompt == payload["prompt"]) is (status == 200)


@pytest.mark.parametrize(
    ("behaviour", "status", "rc"), [("modern", 200, None), ("v5_1_5", 400, "BadRequest")]
)
async def test_patch_with_a_shared_key(
    client: httpx.AsyncClient, app: SandboxApp, status: int, rc: str | None
) -> None:
    key = next(iter(app.state_store.shared_keys))
    water = seeded(app, "Watercolour Botanical")
    payload = {"name": water.name, "sharedkey": key}
    response = await client.patch(f"/v2/styles/image/{water.id}", json=payload, headers=CURATOR)
    assert response.status_code == status
    if rc:
        assert response.json() == {"message": "This shared key does not exist", "rc": rc}


@pytest.mark.parametrize("behaviour", ["modern"])
@pytest.mark.parametrize(("key_index", "rc"), [(1, "SharedKeyExpired"), (2, "SharedKeyEmpty")])
async def test_modern_refuses_unusable_shared_keys(
    client: httpx.AsyncClient, app: SandboxApp, key_index: int, rc: str
) -> None:
    key = list(app.state_store.shared_keys)[key_index]
    water = seeded(app, "Watercolour Botanical")
    response = await client.patch(f"/v2/styles/image/{water.id}", json={"sharedkey": key}, headers=CURATOR)
    assert rc_of(response) == (400, rc)
    missing = "00000000-0000-4000-8000-000000000000"
    response = await client.patch(
        f"/v2/styles/image/{water.id}", json={"sharedkey": missing}, headers=CURATOR
    )
    assert rc_of(response) == (400, "SharedKeyInvalid")


async def test_only_the_owner_may_patch(client: httpx.AsyncClient, app: SandboxApp) -> None:
    noir = seeded(app, "Moody Film Noir")
    response = await client.patch(f"/v2/styles/image/{noir.id}", json={"name": noir.name}, headers=MOD)
    assert response.json() == {"message": "This Style is not owned by user sandbox_mod#3", "rc": "Forbidden"}


async def test_rename_onto_any_existing_name_is_refused(client: httpx.AsyncClient, app: SandboxApp) -> None:
    noir = seeded(app, "Moody Film Noir")
    response = await client.patch(f"/v2/styles/image/{noir.id}", json={"name": "Film Noir"}, headers=CURATOR)
    assert rc_of(response) == (400, "BadRequest")
    assert response.json()["message"].endswith("Please use a different name if you want to rename.")


async def test_patch_unknown_style(client: httpx.AsyncClient) -> None:
    missing = "6f0b1f5e-0000-4000-8000-000000000000"
    response = await client.patch(f"/v2/styles/image/{missing}", json={"name": "x"}, headers=CURATOR)
    assert response.json() == {"message": f"Style with ID '{missing}' not found.", "rc": "StyleNotFound"}


async def test_delete_rules(client: httpx.AsyncClient, app: SandboxApp) -> None:
    noir, water = seeded(app, "Moody Film Noir"), seeded(app, "Watercolour Botanical")
    assert rc_of(await client.delete(f"/v2/styles/image/{noir.id}", headers=PLAIN)) == (403, "Forbidden")
    assert rc_of(await client.delete(f"/v2/styles/image/{noir.id}", headers=ANON)) == (
        403,
        "StylesAnonForbidden",
    )
    missing_key = await client.delete(f"/v2/styles/image/{noir.id}")
    assert missing_key.json()["errors"] == {
        "apikey": "A User API key Missing required parameter in the HTTP headers"
    }
    assert (await client.delete(f"/v2/styles/image/{noir.id}", headers=MOD)).json() == {"message": "OK"}
    assert (await client.delete(f"/v2/styles/image/{water.id}", headers=CURATOR)).status_code == 200
    assert (await client.get(f"/v2/styles/image/{noir.id}")).status_code == 404


async def test_delete_ignores_the_route_type_and_leaves_collections(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    collection = next(c for c in app.state_store.collections.values() if c.kind == "text")
    member = app.state_store.styles[collection.style_ids[0]]
    owner_key = {"apikey": app.state_store.users[member.user_id].key}
    # A text style deleted through the image route (REFERENCE §12).
    assert (await client.delete(f"/v2/styles/image/{member.id}", headers=owner_key)).status_code == 200
    listed = (await client.get(f"/v2/collections/{collection.id}")).json()["styles"]
    assert member.id not in [s["id"] for s in listed]


@pytest.mark.parametrize("behaviour", ["modern"])
async def test_modern_stores_declarations_and_refuses_bad_ones(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    water = seeded(app, "Watercolour Botanical")
    fields = [{"name": "flower", "description": "Which flower to paint.", "required": True}]
    ok = await client.patch(f"/v2/styles/image/{water.id}", json={"template_fields": fields}, headers=CURATOR)
    assert ok.status_code == 200
    bad = [{"name": "p", "description": "Clashes with the prompt placeholder."}]
    refused = await client.patch(
        f"/v2/styles/image/{water.id}", json={"template_fields": bad, "info": "Changed?"}, headers=CURATOR
    )
    assert rc_of(refused) == (400, "StyleDeclarationInvalid")
    served = (await client.get(f"/v2/styles/image/{water.id}")).json()
    assert served["template_fields"] == fields
    assert served["info"] == water.info != "Changed?"
