"""Collections: typing by name only, PATCH refusals and other 5.1.5 bugs against 5.1.13 (REFERENCE §3, B6)."""

from __future__ import annotations

import httpx
import pytest

from horde_style_studio.sandbox import SandboxApp

from .helpers import ANON, CURATOR, MOD, PLAIN, rc_of, seeded

MIXED = "Cannot mix image and text styles in the same collection"


def _image_ids(app: SandboxApp, count: int) -> list[str]:
    return [s.id for s in app.state_store.styles.values() if s.kind == "image"][:count]


async def test_create_with_a_by_name_member(client: httpx.AsyncClient, app: SandboxApp) -> None:
    styles = ["style::sandbox_curator#1::Moody Film Noir", *_image_ids(app, 2)]
    created = await client.post(
        "/v2/collections", json={"name": "My Noirs", "info": "Mine.", "styles": styles}, headers=PLAIN
    )
    assert created.json() == {"id": created.json()["id"], "message": "OK", "warnings": []}
    body = (await client.get(f"/v2/collections/{created.json()['id']}")).json()
    # info is stored but never returned (B6).
    assert (body["type"], body["info"], body["public"], body["use_count"]) == ("image", None, True, 0)
    assert body["styles"][0] == {
        "name": "sandbox_curator#1::style::Moody Film Noir",
        "id": seeded(app, "Moody Film Noir").id,
    }


@pytest.mark.parametrize(("behaviour", "status"), [("modern", 200), ("v5_1_5", 500)])
async def test_all_uuid_members(client: httpx.AsyncClient, app: SandboxApp, status: int) -> None:
    response = await client.post(
        "/v2/collections", json={"name": "Ids Only", "styles": _image_ids(app, 3)}, headers=PLAIN
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("behaviour", "status", "rc"), [("modern", 400, "StyleMismatch"), ("v5_1_5", 200, None)]
)
async def test_mixed_types_by_uuid_slip_through_on_5_1_5(
    client: httpx.AsyncClient, app: SandboxApp, status: int, rc: str | None
) -> None:
    styles = ["Moody Film Noir", seeded(app, "Haiku Poet").id]
    response = await client.post("/v2/collections", json={"name": "Mixed", "styles": styles}, headers=PLAIN)
    assert response.status_code == status
    if rc:
        assert response.json() == {"message": MIXED, "rc": rc}


@pytest.mark.parametrize(("behaviour", "rc"), [("modern", "StyleMismatch"), ("v5_1_5", "BadRequest")])
async def test_mixed_types_by_name(client: httpx.AsyncClient, rc: str) -> None:
    styles = ["Moody Film Noir", "Haiku Poet"]
    response = await client.post("/v2/collections", json={"name": "Mixed", "styles": styles}, headers=PLAIN)
    assert response.json() == {"message": MIXED, "rc": rc}


@pytest.mark.parametrize(("behaviour", "status"), [("modern", 200), ("v5_1_5", 400)])
async def test_patch_without_a_by_name_style(client: httpx.AsyncClient, app: SandboxApp, status: int) -> None:
    noir_nights = next(c for c in app.state_store.collections.values() if c.name == "Noir Nights")
    response = await client.patch(
        f"/v2/collections/{noir_nights.id}", json={"public": False}, headers=CURATOR
    )
    assert response.status_code == status
    if status == 400:
        assert response.json() == {"message": MIXED, "rc": "BadRequest"}
    with_name = {"public": False, "styles": ["Moody Film Noir"]}
    assert (
        await client.patch(f"/v2/collections/{noir_nights.id}", json=with_name, headers=CURATOR)
    ).status_code == 200
    assert (await client.get(f"/v2/collections/{noir_nights.id}")).json()["public"] is False


async def test_create_refusals(client: httpx.AsyncClient) -> None:
    empty = await client.post("/v2/collections", json={"name": "Empty", "styles": []}, headers=PLAIN)
    assert empty.json() == {"message": "A collection has to include at least 1 style", "rc": "BadRequest"}
    unknown = await client.post(
        "/v2/collections", json={"name": "Ghosts", "styles": ["No Such Style"]}, headers=PLAIN
    )
    assert unknown.json() == {
        "message": "A style with name 'No Such Style' cannot be found",
        "rc": "BadRequest",
    }
    anonymous = await client.post(
        "/v2/collections", json={"name": "Anon", "styles": ["Moody Film Noir"]}, headers=ANON
    )
    assert rc_of(anonymous) == (403, "StylesAnonForbidden")
    nameless = await client.post("/v2/collections", json={"styles": ["Moody Film Noir"]}, headers=PLAIN)
    assert nameless.json()["errors"] == {"name": "Missing required parameter in the JSON body"}


async def test_duplicate_collection_name_is_a_500(client: httpx.AsyncClient) -> None:
    # The "Cute Corner" collection already belongs to the plain user; no check, a unique constraint (B6).
    response = await client.post(
        "/v2/collections", json={"name": "Cute Corner", "styles": ["Moody Film Noir"]}, headers=PLAIN
    )
    assert response.status_code == 500


async def test_by_name_finds_a_style_first(client: httpx.AsyncClient, app: SandboxApp) -> None:
    style = (await client.get("/v2/collection_by_name/Moody Film Noir")).json()
    assert style["id"] == seeded(app, "Moody Film Noir").id
    assert (style["type"], style["styles"]) == (None, None)
    prefixed = await client.get("/v2/collection_by_name/collection::Moody Film Noir")
    assert rc_of(prefixed) == (404, "CollectionNotFound")
    found = (await client.get("/v2/collection_by_name/collection::Noir Nights")).json()
    assert found["name"] == "Noir Nights"


async def test_list_filters_and_paging(client: httpx.AsyncClient, app: SandboxApp) -> None:
    public = [c for c in app.state_store.collections.values() if c.public]
    listed = (await client.get("/v2/collections")).json()
    assert {c["id"] for c in listed} == {c.id for c in public}
    text = (await client.get("/v2/collections", params={"type": "text"})).json()
    assert text
    assert all(c["type"] == "text" for c in text)
    bad = await client.get("/v2/collections", params={"type": "video"})
    assert bad.json() == {"message": "'type' needs to be one of ['all', 'image', 'text']", "rc": "BadRequest"}


async def test_owner_only_patch_owner_or_moderator_delete(client: httpx.AsyncClient, app: SandboxApp) -> None:
    noir_nights = next(c for c in app.state_store.collections.values() if c.name == "Noir Nights")
    patch = {"styles": ["Moody Film Noir"]}
    refused = await client.patch(f"/v2/collections/{noir_nights.id}", json=patch, headers=MOD)
    assert refused.json() == {
        "message": "This Collection is not owned by user sandbox_mod#3",
        "rc": "Forbidden",
    }
    assert rc_of(await client.delete(f"/v2/collections/{noir_nights.id}", headers=PLAIN)) == (
        403,
        "Forbidden",
    )
    assert (await client.delete(f"/v2/collections/{noir_nights.id}", headers=MOD)).json() == {"message": "OK"}
    assert rc_of(await client.get(f"/v2/collections/{noir_nights.id}")) == (404, "CollectionNotFound")
