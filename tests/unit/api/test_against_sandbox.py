"""Every endpoint of the client against the sandbox Horde, in both server behaviours."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.errors import (
    BadRequestError,
    ForbiddenError,
    NotFoundError,
    RoleRequiredError,
    TextPatchUnsupportedError,
)
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.collections import CollectionWrite
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle, ImageStyleWrite, TextStyleWrite
from horde_style_studio.sandbox import CUSTOMIZER_KEY, USER_KEY, create_app
from horde_style_studio.workflows import examples_primary

BEHAVIOURS = ["modern", "v5_1_5"]
BASE = "http://sandbox.test/api"


@pytest.fixture(params=BEHAVIOURS)
def behaviour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def transport(behaviour: str) -> httpx.ASGITransport:
    return httpx.ASGITransport(app=create_app(behaviour))  # type: ignore[arg-type]  # a plain ASGI callable


@pytest.fixture
async def customizer(transport: httpx.ASGITransport) -> AsyncIterator[HordeClientSession]:
    async with HordeClientSession(BASE, api_key=CUSTOMIZER_KEY, transport=transport, retry=NO_RETRY) as s:
        yield s


@pytest.fixture
async def user(transport: httpx.ASGITransport) -> AsyncIterator[HordeClientSession]:
    async with HordeClientSession(BASE, api_key=USER_KEY, transport=transport, retry=NO_RETRY) as s:
        yield s


def _image_payload(name: str = "Studio Test Neon") -> ImageStyleWrite:
    return ImageStyleWrite.model_validate(
        {
            "name": name,
            "info": "A neon test style made by the client tests.",
            "prompt": "{p}, neon glow###blurry, {np}",
            "params": {
                "width": 1024,
                "height": 768,
                "steps": 30,
                "cfg_scale": 6.5,
                "sampler_name": "k_euler",
                "loras": [{"name": "123456", "model": 0.8, "is_version": True}],
            },
            "tags": ["neon", "test"],
            "models": ["AlbedoBase XL (SDXL)"],
            "public": True,
            "nsfw": False,
        }
    )


def _text_payload(name: str = "Studio Test Narrator") -> TextStyleWrite:
    return TextStyleWrite.model_validate(
        {
            "name": name,
            "info": "Narrates in a calm voice for the client tests.",
            "prompt": "You are a calm narrator. {p}",
            "params": {"temperature": 0.7, "max_length": 200, "max_context_length": 2048},
            "tags": ["narration"],
            "models": ["koboldcpp/LLaMA2-13B-Psyfighter2"],
        }
    )


async def test_lists_walk_every_seed_style_once(customizer: HordeClientSession) -> None:
    images = await customizer.list_styles(StyleKind.IMAGE, all_pages=True)
    texts = await customizer.list_styles(StyleKind.TEXT, all_pages=True)
    collections = await customizer.list_collections(all_pages=True)
    assert len(images) >= 140
    assert len({s.id for s in images}) == len(images)
    assert len(texts) >= 25
    assert len({c.id for c in collections}) == len(collections) >= 10
    assert all(s.public for s in images)


async def test_filters_and_sort(customizer: HordeClientSession) -> None:
    first = (await customizer.list_styles(StyleKind.IMAGE))[0]
    tag, model = first.tags[0], first.models[0]
    tagged = await customizer.list_styles(StyleKind.IMAGE, tag=tag, all_pages=True)
    assert tagged
    assert all(tag in s.tags for s in tagged)
    modelled = await customizer.list_styles(StyleKind.IMAGE, model=model, all_pages=True)
    assert all(model in s.models for s in modelled)
    popular = await customizer.list_styles(StyleKind.IMAGE)
    assert [s.use_count for s in popular] == sorted((s.use_count for s in popular), reverse=True)


async def test_get_by_id_and_by_name(customizer: HordeClientSession) -> None:
    listed = (await customizer.list_styles(StyleKind.IMAGE))[3]
    by_id = await customizer.get_style(StyleKind.IMAGE, listed.id)
    by_name = await customizer.get_style_by_name(StyleKind.IMAGE, listed.name)
    assert by_id.id == by_name.id == listed.id
    with pytest.raises(NotFoundError):
        await customizer.get_style(StyleKind.IMAGE, "00000000-0000-4000-8000-000000000000")


async def test_image_style_create_patch_delete(customizer: HordeClientSession) -> None:
    created = await customizer.create_style(StyleKind.IMAGE, _image_payload())
    assert created.id
    style = await customizer.get_style(StyleKind.IMAGE, created.id)
    assert style.name == "Studio Test Neon"
    assert set(style.tags) == {"neon", "test"}

    patch = ImageStyleWrite.from_style(style)
    patch.info = "Changed by the client tests, all else kept."
    await customizer.patch_style(StyleKind.IMAGE, created.id, patch)
    patched = await customizer.get_style(StyleKind.IMAGE, created.id)
    # Full-object PATCH keeps what 5.1.5 would otherwise reset (§2.5 B2).
    assert patched.info == "Changed by the client tests, all else kept."
    assert patched.prompt == style.prompt
    assert set(patched.tags) == {"neon", "test"}
    assert patched.params.width == 1024

    await customizer.delete_style(StyleKind.IMAGE, created.id)
    with pytest.raises(NotFoundError):
        await customizer.get_style(StyleKind.IMAGE, created.id)


async def test_text_style_patch_per_behaviour(customizer: HordeClientSession, behaviour: str) -> None:
    created = await customizer.create_style(StyleKind.TEXT, _text_payload())
    assert created.id
    style = await customizer.get_style(StyleKind.TEXT, created.id)
    patch = TextStyleWrite.from_style(style)
    patch.prompt = "You are an excited narrator. {p}"
    if behaviour == "v5_1_5":
        with pytest.raises(TextPatchUnsupportedError, match="delete and recreate"):
            await customizer.patch_style(StyleKind.TEXT, created.id, patch)
        unchanged = await customizer.get_style(StyleKind.TEXT, created.id)
        assert unchanged.prompt == "You are a calm narrator. {p}"
    else:
        await customizer.patch_style(StyleKind.TEXT, created.id, patch)
        changed = await customizer.get_style(StyleKind.TEXT, created.id)
        assert changed.prompt == "You are an excited narrator. {p}"


async def test_plain_user_cannot_author_styles(user: HordeClientSession) -> None:
    with pytest.raises(RoleRequiredError):
        await user.create_style(StyleKind.IMAGE, _image_payload("Not Allowed"))


async def test_examples_keep_exactly_one_primary(customizer: HordeClientSession) -> None:
    created = await customizer.create_style(StyleKind.IMAGE, _image_payload("Studio Test Examples"))
    assert created.id
    sid = created.id
    urls = [f"https://img.example.org/{n}.png" for n in range(3)]
    first = await customizer.add_example(sid, urls[0])
    await customizer.add_example(sid, urls[1])
    third = await customizer.add_example(sid, urls[2], primary=True)
    style = await customizer.get_style(StyleKind.IMAGE, sid)
    assert isinstance(style, ImageStyle)
    assert [ex.id for ex in style.examples if ex.primary] == [third.id]

    await customizer.delete_example(sid, str(third.id))
    fixed = await examples_primary.read_settled(customizer, sid)
    assert len(fixed.examples) == 2
    assert sum(ex.primary for ex in fixed.examples) == 1

    await customizer.patch_example(sid, str(first.id), url="https://img.example.org/new.png", primary=True)
    final = await examples_primary.read_settled(customizer, sid)
    assert [ex.url for ex in final.examples if ex.primary] == ["https://img.example.org/new.png"]


async def test_collections_by_id_are_sent_by_name(user: HordeClientSession) -> None:
    styles = (await user.list_styles(StyleKind.IMAGE))[:3]
    created = await user.create_collection(
        CollectionWrite(
            name="Client Test Picks", info="Three picks for tests.", styles=[s.id for s in styles]
        )
    )
    assert created.id
    collection = await user.get_collection(created.id)
    assert collection.type is StyleKind.IMAGE
    assert {m.id for m in collection.styles} == {s.id for s in styles}

    # A rename without members is refused before sending: a read to fill them in may be 30 s stale (§1).
    with pytest.raises(BadRequestError, match="must list the member styles"):
        await user.patch_collection(created.id, CollectionWrite(name="Client Test Renamed", styles=[]))
    await user.patch_collection(
        created.id, CollectionWrite(name="Client Test Renamed", styles=[s.id for s in styles])
    )
    renamed = await user.get_collection(created.id)
    assert renamed.name == "Client Test Renamed"
    assert {m.id for m in renamed.styles} == {s.id for s in styles}
    by_name = await user.get_collection_by_name("Client Test Renamed")
    assert by_name.id == created.id

    await user.delete_collection(created.id)
    with pytest.raises(NotFoundError):
        await user.get_collection(created.id)


async def test_someone_elses_collection_cannot_be_patched(
    user: HordeClientSession, customizer: HordeClientSession
) -> None:
    styles = (await user.list_styles(StyleKind.IMAGE))[:1]
    created = await customizer.create_collection(CollectionWrite(name="Curator Only", styles=[styles[0].id]))
    assert created.id
    with pytest.raises(ForbiddenError):
        await user.patch_collection(created.id, CollectionWrite(name="Hijacked", styles=[styles[0].id]))


async def test_accounts_and_roles(customizer: HordeClientSession, user: HordeClientSession) -> None:
    me = await customizer.find_user()
    assert me.can_author_styles
    plain = await user.find_user()
    assert not plain.can_author_styles
    assert plain.can_build_collections
    by_id = await user.get_user(me.id)
    assert by_id.username == me.username


async def test_wrong_key_is_not_found_and_never_echoed(transport: httpx.ASGITransport) -> None:
    wrong = "wrongwrongwrongwrong00"
    async with HordeClientSession(BASE, api_key=wrong, transport=transport, retry=NO_RETRY) as s:
        with pytest.raises(NotFoundError) as caught:
            await s.find_user()
    assert wrong not in str(caught.value)
    assert wrong not in repr(caught.value)


async def test_models_and_contract(customizer: HordeClientSession, behaviour: str) -> None:
    image_models = await customizer.models_status(StyleKind.IMAGE)
    text_models = await customizer.models_status(StyleKind.TEXT)
    assert image_models
    assert text_models
    assert all(m.count > 0 for m in image_models)
    contract = await customizer.style_contract()
    assert (contract is None) == (behaviour == "v5_1_5")
    assert await customizer.server_flavour() == ("5.1.5" if behaviour == "v5_1_5" else "5.1.13")
