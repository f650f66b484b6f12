"""Fixtures for the library tests: a library file in a temp dir, hand-made styles, and the sandbox Horde."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY, RetryPolicy
from horde_style_studio.domain.styles import ImageStyle, TextStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app

BASE = "http://sandbox.test/api"
BEHAVIOURS = ["modern", "v5_1_5"]
T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


class FakeClock:
    """Wall time that only moves when something sleeps on it (or a test advances it)."""

    def __init__(self, start: float = T0.timestamp()) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def image_style(name: str, **fields: Any) -> ImageStyle:
    data: dict[str, Any] = {
        "id": f"img-{name.lower().replace(' ', '-')}",
        "name": name,
        "prompt": "{p}###{np}",
        "creator": "someone#9",
        **fields,
    }
    return ImageStyle.model_validate(data)


def text_style(name: str, **fields: Any) -> TextStyle:
    data: dict[str, Any] = {
        "id": f"txt-{name.lower().replace(' ', '-')}",
        "name": name,
        "prompt": "{p}",
        "creator": "someone#9",
        **fields,
    }
    return TextStyle.model_validate(data)


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def library(library_dir: Path) -> Iterator[StyleLibrary]:
    lib = StyleLibrary.open(library_dir / "library.sqlite")
    assert lib.recovered is None
    yield lib
    lib.close()


@pytest.fixture(params=BEHAVIOURS)
def behaviour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def sandbox(behaviour: str) -> SandboxApp:
    return create_app(behaviour)  # type: ignore[arg-type]  # the fixture's params are valid Behaviours


SessionFactory = Callable[..., HordeClientSession]


@pytest.fixture
async def session_for(sandbox: SandboxApp) -> AsyncIterator[SessionFactory]:
    """Sessions against ``sandbox``; every one is closed after the test."""
    opened: list[HordeClientSession] = []

    def make(
        api_key: str | None = CUSTOMIZER_KEY, retry: RetryPolicy = NO_RETRY, **kw: Any
    ) -> HordeClientSession:
        transport = httpx.ASGITransport(app=sandbox)
        session = HordeClientSession(BASE, api_key=api_key, transport=transport, retry=retry, **kw)
        opened.append(session)
        return session

    yield make
    for session in opened:
        await session.aclose()
