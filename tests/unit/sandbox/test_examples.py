"""Image style examples and 5.1.5's primary-flag bugs (REFERENCE §2.7, B5)."""

from __future__ import annotations

import httpx
import pytest

from horde_style_studio.sandbox import SandboxApp

from .helpers import CURATOR, MOD, PLAIN, image_payload, rc_of, seeded

URL = "https://images.example/one.webp"


async def _empty_style(client: httpx.AsyncClient) -> str:
    created = await client.post("/v2/styles/image", json=image_payload(), headers=CURATOR)
    style_id: str = created.json()["id"]
    return style_id


async def _examples(client: httpx.AsyncClient, style_id: str) -> list[dict[str, object]]:
    examples: list[dict[str, object]] = (await client.get(f"/v2/styles/image/{style_id}")).json()["examples"]
    return examples


@pytest.mark.parametrize(("behaviour", "status"), [("modern", 200), ("v5_1_5", 500)])
async def test_first_example_posted_as_primary(client: httpx.AsyncClient, status: int) -> None:
    style_id = await _empty_style(client)
    response = await client.post(
        f"/v2/styles/image/{style_id}/example", json={"url": URL, "primary": True}, headers=CURATOR
    )
    assert response.status_code == status
    assert len(await _examples(client, style_id)) == (1 if status == 200 else 0)


async def test_first_example_becomes_primary_anyway(client: httpx.AsyncClient) -> None:
    style_id = await _empty_style(client)
    response = await client.post(
        f"/v2/styles/image/{style_id}/example", json={"url": URL, "primary": False}, headers=CURATOR
    )
    assert response.json() == {"id": response.json()["id"], "message": "OK", "warnings": []}
    assert [e["primary"] for e in await _examples(client, style_id)] == [True]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("http://images.example/one.png", 400),
        ("ftp://images.example/one.png", 400),
        ("https://images.example/one.png", 200),
        # No TLS on loopback: the sandbox also takes URLs on its own origin.
        ("http://sandbox.test/sandbox-images/my-upload.png", 200),
        # Image hosts on this machine (a published folder, an S3 server on loopback), however the app's
        # Settings spell their address: the links the app attaches start with that address.
        ("http://127.0.0.1:8123/pics/a.png", 200),
        ("http://localhost/pics/a.png", 200),
        ("http://LOCALHOST:9000/bucket/a.png", 200),
        ("http://[::1]:9000/bucket/a.png", 200),
        ("http://127.0.0.2:9000/a.png", 200),
        # ...but not a name that merely starts like one, nor a private address elsewhere.
        ("http://localhost.images.example/a.png", 400),
        ("http://127.0.0.1.images.example/a.png", 400),
        ("http://192.168.1.10:9000/a.png", 400),
        # A prefix match would take this one: its host is images.example, "localhost:" is a user name.
        ("http://localhost:x@images.example/a.png", 400),
    ],
)
async def test_example_urls(client: httpx.AsyncClient, url: str, status: int) -> None:
    style_id = await _empty_style(client)
    response = await client.post(
        f"/v2/styles/image/{style_id}/example", json={"url": url, "primary": False}, headers=CURATOR
    )
    assert response.status_code == status
    if status == 400:
        assert response.json() == {"message": "The url has to start with 'https://'", "rc": "BadRequest"}


@pytest.mark.parametrize(
    ("behaviour", "full_rc", "dup_rc"),
    [("modern", "TooManyStyleExamples", "ExampleURLAlreadyInUse"), ("v5_1_5", "Forbidden", "BadRequest")],
)
async def test_example_limits_have_collapsed_rcs_on_5_1_5(
    client: httpx.AsyncClient, full_rc: str, dup_rc: str
) -> None:
    style_id = await _empty_style(client)
    path = f"/v2/styles/image/{style_id}/example"
    await client.post(path, json={"url": URL, "primary": False}, headers=CURATOR)
    duplicate = await client.post(path, json={"url": URL, "primary": False}, headers=CURATOR)
    assert rc_of(duplicate) == (400, dup_rc)
    assert duplicate.json()["message"] == f"The url '{URL}'is already used for this style."
    for n in range(2, 5):
        await client.post(
            path, json={"url": f"https://images.example/{n}.png", "primary": False}, headers=CURATOR
        )
    fifth = await client.post(
        path, json={"url": "https://images.example/5.png", "primary": False}, headers=CURATOR
    )
    assert rc_of(fifth) == (403, full_rc)


async def test_example_permissions(client: httpx.AsyncClient, app: SandboxApp) -> None:
    noir, narrator = seeded(app, "Moody Film Noir"), seeded(app, "Hard-Boiled Narrator")
    body = {"url": URL, "primary": False}
    assert rc_of(await client.post(f"/v2/styles/image/{noir.id}/example", json=body, headers=PLAIN)) == (
        403,
        "Forbidden",
    )
    assert (
        await client.post(f"/v2/styles/image/{noir.id}/example", json=body, headers=MOD)
    ).status_code == 200
    text = await client.post(f"/v2/styles/image/{narrator.id}/example", json=body, headers=CURATOR)
    assert text.json() == {"message": "Cannot add image examples to text styles.", "rc": "BadRequest"}


async def test_patch_without_primary_can_make_two_primaries(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    noir = seeded(app, "Moody Film Noir")
    second = noir.examples[1]
    # primary defaults to 1, which is not "is True": the old primary stays primary (B5).
    response = await client.patch(
        f"/v2/styles/image/{noir.id}/example/{second.id}",
        json={"url": "https://images.example/2.png"},
        headers=CURATOR,
    )
    assert response.status_code == 200
    assert [e["primary"] for e in await _examples(client, noir.id)] == [True, True, False]


async def test_patch_without_url_fails_the_https_check(client: httpx.AsyncClient, app: SandboxApp) -> None:
    noir = seeded(app, "Moody Film Noir")
    response = await client.patch(
        f"/v2/styles/image/{noir.id}/example/{noir.examples[1].id}", json={"primary": True}, headers=CURATOR
    )
    assert rc_of(response) == (400, "BadRequest")


async def test_explicit_primary_moves_the_flag(client: httpx.AsyncClient, app: SandboxApp) -> None:
    noir = seeded(app, "Moody Film Noir")
    third = noir.examples[2]
    payload = {"url": "https://images.example/3.png", "primary": True}
    await client.patch(f"/v2/styles/image/{noir.id}/example/{third.id}", json=payload, headers=CURATOR)
    assert [e["primary"] for e in await _examples(client, noir.id)] == [False, False, True]
    demote = {"url": "https://images.example/3.png", "primary": False}
    last = await client.patch(f"/v2/styles/image/{noir.id}/example/{third.id}", json=demote, headers=CURATOR)
    assert last.json() == {
        "message": "You cannot remove the last primary example of this style",
        "rc": "BadRequest",
    }


async def test_deleting_the_primary_makes_every_other_example_primary(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    noir = seeded(app, "Moody Film Noir")
    primary = noir.examples[0]
    response = await client.delete(f"/v2/styles/image/{noir.id}/example/{primary.id}", headers=CURATOR)
    assert response.json() == {"message": "OK"}
    assert [e["primary"] for e in await _examples(client, noir.id)] == [True, True]


async def test_unknown_example_has_the_spaced_rc(client: httpx.AsyncClient, app: SandboxApp) -> None:
    noir = seeded(app, "Moody Film Noir")
    missing = "6f0b1f5e-0000-4000-8000-000000000000"
    response = await client.delete(f"/v2/styles/image/{noir.id}/example/{missing}", headers=CURATOR)
    assert response.json() == {
        "message": f"Style example with ID '{missing}' not found.",
        "rc": "Style exampleNotFound",
    }
