"""``find_user`` and ``users/{id}``: roles, the user's styles and the odd status codes (REFERENCE §6, §12)."""

from __future__ import annotations

import httpx

from horde_style_studio.sandbox import SandboxApp

from .helpers import CURATOR, MOD, PLAIN, TRUSTED, rc_of, seeded


async def test_find_user_with_own_key_lists_private_styles(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    me = (await client.get("/v2/find_user", headers=CURATOR)).json()
    assert (me["username"], me["id"], me["customizer"], me["trusted"]) == (
        "sandbox_curator#1",
        1,
        True,
        False,
    )
    draft = seeded(app, "Curator Draft: Neon Linocut")
    assert {"name": f"sandbox_curator#1::style::{draft.name}", "id": draft.id, "type": "image"} in me[
        "styles"
    ]
    assert "sharedkey_ids" in me


async def test_roles_of_the_demo_accounts(client: httpx.AsyncClient) -> None:
    plain = (await client.get("/v2/find_user", headers=PLAIN)).json()
    moderator = (await client.get("/v2/find_user", headers=MOD)).json()
    trusted = (await client.get("/v2/find_user", headers=TRUSTED)).json()
    assert (plain["customizer"], plain["trusted"], plain["moderator"]) == (False, False, False)
    assert moderator["moderator"] is True
    assert trusted["trusted"] is True


async def test_find_user_key_errors(client: httpx.AsyncClient) -> None:
    assert rc_of(await client.get("/v2/find_user")) == (401, "InvalidAPIKey")
    # A wrong key is a 404 here, not a 401 (REFERENCE §12).
    assert rc_of(await client.get("/v2/find_user", headers={"apikey": "nope-nope-nope-nope-00"})) == (
        404,
        "UserNotFound",
    )


async def test_a_shared_key_finds_its_owner(client: httpx.AsyncClient, app: SandboxApp) -> None:
    key = next(iter(app.state_store.shared_keys.values()))
    found = (await client.get("/v2/find_user", headers={"apikey": key.id})).json()
    assert found["username"] == "sandbox_curator#1 (Shared Key: Curator showcase key)"
    assert "sharedkey_ids" not in found


async def test_user_by_id_privileges(client: httpx.AsyncClient, app: SandboxApp) -> None:
    draft = seeded(app, "Curator Draft: Neon Linocut")
    public_view = (await client.get("/v2/users/1")).json()
    own_view = (await client.get("/v2/users/1", headers=CURATOR)).json()
    mod_view = (await client.get("/v2/users/1", headers=MOD)).json()
    assert draft.id not in [s["id"] for s in public_view["styles"]]
    assert draft.id in [s["id"] for s in own_view["styles"]]
    assert draft.id in [s["id"] for s in mod_view["styles"]]
    assert rc_of(await client.get("/v2/users/1", headers={"apikey": "bad"})) == (401, "InvalidAPIKey")


async def test_user_ids_are_digits_only(client: httpx.AsyncClient) -> None:
    response = await client.get("/v2/users/sandbox_curator%231")
    assert response.json() == {"message": "User with ID 'sandbox_curator#1' not found.", "rc": "UserNotFound"}
    assert rc_of(await client.get("/v2/users/999")) == (404, "UserNotFound")
