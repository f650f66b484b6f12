"""Reading styles: paging, sorting, filters, lookups and what each server shows (REFERENCE §2.1-§2.8)."""

from __future__ import annotations

import httpx
import pytest

from horde_style_studio.sandbox import Behaviour, SandboxApp

from .helpers import CURATOR, PLAIN, rc_of, seeded


def _popular_public(app: SandboxApp) -> list[str]:
    rows = [s for s in app.state_store.styles.values() if s.kind == "image" and s.public]
    return [s.id for s in sorted(rows, key=lambda s: (-s.use_count, s.created))]


@pytest.mark.parametrize(("behaviour", "second_page_start"), [("modern", 25), ("v5_1_5", 1)])
async def test_page_two_starts_where_each_server_puts_it(
    client: httpx.AsyncClient, app: SandboxApp, second_page_start: int
) -> None:
    expected = _popular_public(app)
    page1 = [s["id"] for s in (await client.get("/v2/styles/image")).json()]
    page2 = [s["id"] for s in (await client.get("/v2/styles/image", params={"page": 2})).json()]
    assert page1 == expected[:25]
    # 5.1.5 treats page as a row offset (B1): page 2 skips one style, not 25.
    assert page2 == expected[second_page_start : second_page_start + 25]


@pytest.mark.parametrize(("behaviour", "status"), [("modern", 200), ("v5_1_5", 500)])
async def test_page_zero(client: httpx.AsyncClient, status: int) -> None:
    response = await client.get("/v2/styles/image", params={"page": 0})
    assert response.status_code == status
    if status == 500:
        assert response.json() == {"message": "Internal Server Error"}


async def test_lists_hold_only_public_styles(
    client: httpx.AsyncClient, app: SandboxApp, behaviour: Behaviour
) -> None:
    private = {s.id for s in app.state_store.styles.values() if not s.public}
    pages = range(1, 9) if behaviour == "modern" else range(1, 200, 25)
    seen: set[str] = set()
    for page in pages:
        # Walked oldest first: under sort=popular 5.1.5 reorders equal use counts between pages (§12).
        params: dict[str, str | int] = {"page": page, "sort": "age"}
        seen |= {s["id"] for s in (await client.get("/v2/styles/image", params=params)).json()}
    assert len(seen) == len(_popular_public(app))
    assert seen.isdisjoint(private)


async def test_sort_age_is_oldest_first_and_bad_sort_names_model_state(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    oldest = min(
        (s for s in app.state_store.styles.values() if s.kind == "text" and s.public), key=lambda s: s.created
    )
    first = (await client.get("/v2/styles/text", params={"sort": "age"})).json()[0]
    assert first["id"] == oldest.id
    bad = await client.get("/v2/styles/image", params={"sort": "newest"})
    assert bad.status_code == 400
    assert bad.json() == {
        "message": "'model_state' needs to be one of ['popular', 'age']",
        "rc": "BadRequest",
    }


async def test_non_integer_page_is_a_parser_error(client: httpx.AsyncClient) -> None:
    response = await client.get("/v2/styles/image", params={"page": "two"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"page": "Which page of results to return. Each page has 25 styles. "
                   "invalid literal for int() with base 10: 'two'"},
        "message": "Input payload validation failed",
    }  # fmt: skip


async def test_tag_and_model_filters_are_exact(client: httpx.AsyncClient) -> None:
    noir = (await client.get("/v2/styles/image", params={"tag": "cinematic"})).json()
    assert noir
    assert all("cinematic" in s["tags"] for s in noir)
    assert (await client.get("/v2/styles/image", params={"tag": "cinema"})).json() == []
    flux = (await client.get("/v2/styles/image", params={"model": "Deliberate"})).json()
    assert flux
    assert all("Deliberate" in s["models"] for s in flux)
    assert (await client.get("/v2/styles/image", params={"model": "deliberate"})).json() == []


async def test_private_style_is_readable_by_id_without_a_key(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    draft = seeded(app, "Curator Draft: Neon Linocut")
    response = await client.get(f"/v2/styles/image/{draft.id}")
    assert response.status_code == 200
    assert response.json()["public"] is False


@pytest.mark.parametrize("missing", ["6f0b1f5e-0000-4000-8000-000000000000", "not-a-uuid"])
async def test_unknown_ids_give_the_spaced_not_found_rc(client: httpx.AsyncClient, missing: str) -> None:
    image = await client.get(f"/v2/styles/image/{missing}")
    assert image.status_code == 404
    assert image.json() == {
        "message": f"Image style with ID '{missing}' not found.",
        "rc": "Image styleNotFound",
    }
    assert rc_of(await client.get(f"/v2/styles/text/{missing}")) == (404, "Text styleNotFound")


@pytest.mark.parametrize(("behaviour", "rc"), [("modern", "StyleGetMistmatch"), ("v5_1_5", "BadRequest")])
async def test_wrong_type_is_400_with_the_collapsed_rc_on_5_1_5(
    client: httpx.AsyncClient, app: SandboxApp, rc: str
) -> None:
    text = seeded(app, "Haiku Poet")
    response = await client.get(f"/v2/styles/image/{text.id}")
    assert response.json() == {
        "message": "Style was found but was of the wrong type: text != image",
        "rc": rc,
    }


@pytest.mark.parametrize(
    "spelling",
    [
        "Moody Film Noir",
        "sandbox_curator%231::Moody Film Noir",
        "style::sandbox_curator%231::Moody Film Noir",
        # The server's own alias::style::name order drops the user filter but still finds it (§2.4).
        "sandbox_curator%231::style::Moody Film Noir",
        "nobody%23999::Moody Film Noir",
    ],
)
async def test_by_name_spellings(client: httpx.AsyncClient, app: SandboxApp, spelling: str) -> None:
    response = await client.get(f"/v2/styles/image_by_name/{spelling}")
    assert response.status_code == 200
    assert response.json()["id"] == seeded(app, "Moody Film Noir").id


async def test_by_name_not_found_echoes_the_name(client: httpx.AsyncClient) -> None:
    response = await client.get("/v2/styles/image_by_name/No Such Style")
    assert response.json() == {"message": "Style with ID 'No Such Style' not found.", "rc": "StyleNotFound"}


@pytest.mark.parametrize(("behaviour", "shown"), [("modern", True), ("v5_1_5", False)])
async def test_text_max_length_is_hidden_on_5_1_5(
    client: httpx.AsyncClient, app: SandboxApp, shown: bool
) -> None:
    text = seeded(app, "Haiku Poet")
    params = (await client.get(f"/v2/styles/text/{text.id}")).json()["params"]
    assert ("max_length" in params) is shown
    assert ("max_context_length" in params) is shown
    assert params["temperature"] == text.params["temperature"]


async def test_unknown_image_params_are_stored_but_not_served(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    hidden = next(s for s in app.state_store.styles.values() if "seed" in s.params)
    params = (await client.get(f"/v2/styles/image/{hidden.id}")).json()["params"]
    assert "seed" not in params
    assert params["steps"] == hidden.params["steps"]


@pytest.mark.parametrize(("behaviour", "present"), [("modern", True), ("v5_1_5", False)])
async def test_modern_styles_carry_null_contract_fields(client: httpx.AsyncClient, present: bool) -> None:
    for style in (await client.get("/v2/styles/text")).json():
        assert ("parameter_policy" in style) is present
        assert ("template_fields" in style) is present
        if present:
            assert style["parameter_policy"] is None
            assert style["template_fields"] is None


@pytest.mark.parametrize("behaviour", ["v5_1_5"])
async def test_5_1_5_shows_the_shared_key_to_everyone(client: httpx.AsyncClient, app: SandboxApp) -> None:
    noir = seeded(app, "Moody Film Noir")
    body = (await client.get(f"/v2/styles/image/{noir.id}", headers=PLAIN)).json()
    assert body["shared_key"]["id"] == noir.sharedkey_id
    assert body["shared_key"]["username"] == "sandbox_curator#1"


@pytest.mark.parametrize("behaviour", ["modern"])
async def test_modern_shows_the_shared_key_only_to_the_owner(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    noir = seeded(app, "Moody Film Noir")
    anonymous = await client.get(f"/v2/styles/image/{noir.id}")
    stranger = await client.get(f"/v2/styles/image/{noir.id}", headers=PLAIN)
    owner = await client.get(f"/v2/styles/image/{noir.id}", headers=CURATOR)
    listed = (await client.get("/v2/styles/image_by_name/Moody Film Noir")).json()
    assert anonymous.json()["shared_key"] is None
    assert listed["shared_key"] is None
    assert stranger.json()["shared_key"] is None
    assert owner.json()["shared_key"]["id"] == noir.sharedkey_id
    assert owner.headers["cache-control"] == "private, no-store"
    assert "cache-control" not in anonymous.headers


@pytest.mark.parametrize(("behaviour", "status"), [("modern", 200), ("v5_1_5", 404)])
async def test_style_contract_tells_the_servers_apart(client: httpx.AsyncClient, status: int) -> None:
    response = await client.get("/v2/status/style_contract")
    assert response.status_code == status
    if status == 200:
        assert response.json()["text"]["context_fit_modes"] == ["ignore", "reject", "grow"]


async def test_every_response_names_the_node(client: httpx.AsyncClient, behaviour: Behaviour) -> None:
    response = await client.get("/v2/styles/text")
    assert response.headers["horde-node"].endswith("5.1.13" if behaviour == "modern" else "5.1.5")
    unknown = await client.get("/v2/no_such_route")
    assert unknown.status_code == 404
    assert "message" in unknown.json()


async def test_the_lists_follow_use_counts_visibility_and_new_styles_as_they_change(
    client: httpx.AsyncClient, app: SandboxApp
) -> None:
    async def page_one() -> list[str]:
        return [s["id"] for s in (await client.get("/v2/styles/image")).json()]

    before = await page_one()
    climber = app.state_store.styles[_popular_public(app)[40]]
    climber.use_count = 10**9
    assert (await page_one())[0] == climber.id
    climber.public = False
    assert climber.id not in await page_one()
    app.state_store.delete_style(app.state_store.styles[before[0]])
    assert before[0] not in await page_one()
    assert await page_one() == _popular_public(app)[:25]
