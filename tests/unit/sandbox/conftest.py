"""Fixtures: every test not parametrised on ``behaviour`` runs against both imitated servers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from horde_style_studio.sandbox import Behaviour, SandboxApp, create_app

from .helpers import connect


@pytest.fixture(params=["modern", "v5_1_5"])
def behaviour(request: pytest.FixtureRequest) -> Behaviour:
    value: Behaviour = request.param
    return value


@pytest.fixture
def app(behaviour: Behaviour) -> SandboxApp:
    return create_app(behaviour)


@pytest.fixture
async def client(app: SandboxApp) -> AsyncIterator[httpx.AsyncClient]:
    async with connect(app) as client:
        yield client
