"""Health badges' checks: unserved models, dead primary links, no examples, no {p}, escaped names."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.health import HealthKind, style_health
from horde_style_studio.domain.styles import ImageStyle, TextStyle
from horde_style_studio.sandbox import create_app
from horde_style_studio.sandbox.seed_vocab import IMAGE_MODELS
from horde_style_studio.services.images import ImageFetcher
from horde_style_studio.workflows.health import HealthChecker

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
ALIVE, DEAD = "https://img.example/alive.png", "https://img.example/gone.png"
SERVED, UNSERVED = IMAGE_MODELS[0], IMAGE_MODELS[4]  # the sandbox leaves every fifth model unserved


def _image(**fields: object) -> ImageStyle:
    data: dict[str, object] = {
        "id": "img-1",
        "name": "Healthy",
        "prompt": "{p}, ink###{np}",
        "models": [SERVED],
        "tags": ["ink"],
        "examples": [{"id": "e1", "url": ALIVE, "primary": True}],
        **fields,
    }
    return ImageStyle.model_validate(data)


def _kinds(style: ImageStyle | TextStyle, **live: object) -> set[HealthKind]:
    return {issue.kind for issue in style_health(style, **live)}  # type: ignore[arg-type]


@pytest.fixture
async def checker() -> AsyncIterator[HealthChecker]:
    def images(request: httpx.Request) -> httpx.Response:
        if str(request.url) == ALIVE:
            return httpx.Response(200, content=PNG, headers={"content-type": "image/png"})
        return httpx.Response(404)

    fetcher = ImageFetcher(transport=httpx.MockTransport(images))
    transport = httpx.ASGITransport(app=create_app("modern"))
    async with HordeClientSession("http://sandbox.test/api", transport=transport, retry=NO_RETRY) as session:
        yield HealthChecker(session, fetcher)
    await fetcher.aclose()


async def test_a_healthy_style_has_no_issues(checker: HealthChecker) -> None:
    assert await checker.check([_image()]) == {"img-1": []}


async def test_live_checks_find_unserved_models_and_dead_links(checker: HealthChecker) -> None:
    sick = _image(id="img-2", models=[SERVED, UNSERVED], examples=[{"id": "e", "url": DEAD, "primary": True}])

    issues = (await checker.check([sick]))["img-2"]

    assert {issue.kind for issue in issues} == {HealthKind.UNSERVED_MODEL, HealthKind.DEAD_LINK}
    assert UNSERVED in str(issues[0])


def test_offline_checks_reuse_the_editors_rules() -> None:
    assert _kinds(_image(examples=[])) == {HealthKind.NO_EXAMPLES}
    assert _kinds(_image(prompt="just ink###{np}")) == {HealthKind.NO_PROMPT_SLOT}
    assert _kinds(_image(name="Noir &amp; Neon")) == {HealthKind.ESCAPED_TEXT}
    assert _kinds(_image(tags=["b&w"])) == {HealthKind.ESCAPED_TEXT}
    # The read models refuse more than §2.2's ten tags, so a stored style past them is built unvalidated.
    too_many_tags = _image().model_copy(update={"tags": [f"t{n}" for n in range(11)]})
    assert _kinds(too_many_tags) == {HealthKind.EDIT_REFUSED}
    text = TextStyle.model_validate({"id": "t", "name": "Butler", "prompt": "Be terse.", "models": ["m"]})
    assert _kinds(text) == {HealthKind.NO_PROMPT_SLOT}  # text styles have no examples to miss
    assert _kinds(_image(models=[UNSERVED]), served_models=frozenset({SERVED})) == {HealthKind.UNSERVED_MODEL}
