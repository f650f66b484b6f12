"""Fixtures for the Examples tab: a sandbox Horde per behaviour, a session signed in as its customizer, and
the tab's presenters on the qasync test loop (see ``tests/qt/conftest.py``)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyleWrite
from horde_style_studio.library import StyleLibrary
from horde_style_studio.sandbox import CUSTOMIZER_KEY, Behaviour, SandboxApp, create_app
from horde_style_studio.services.images import FetchPolicy, ImageFetcher
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.examples.link_check import LinkChecker
from horde_style_studio.ui.examples.presenter import ExamplesPresenter
from tests.qt.examples.images import SMALL_CAP, ImageHost

T = TypeVar("T")
SANDBOX_URL = "http://sandbox.test/api"
SANDBOX_ORIGIN = "http://sandbox.test"


def run(qtbot: QtBot, coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` on the qasync test loop and return its result."""
    task = asyncio.get_event_loop().create_task(coro)
    qtbot.waitUntil(task.done, timeout=10_000)
    return task.result()


@pytest.fixture(params=["modern", "v5_1_5"])
def behaviour(request: pytest.FixtureRequest) -> Behaviour:
    value: Behaviour = request.param
    return value


@pytest.fixture
def sandbox(behaviour: Behaviour) -> SandboxApp:
    return create_app(behaviour)


@pytest.fixture
def host(sandbox: SandboxApp) -> ImageHost:
    return ImageHost(sandbox)


@pytest.fixture
def tasks(qasync_loop: asyncio.AbstractEventLoop, qtbot: QtBot) -> Iterator[TaskRegistry]:
    registry = TaskRegistry()
    yield registry
    run(qtbot, registry.cancel_all())


@pytest.fixture
def session(host: ImageHost, tasks: TaskRegistry, qtbot: QtBot) -> Iterator[HordeClientSession]:
    client = HordeClientSession(SANDBOX_URL, api_key=CUSTOMIZER_KEY, transport=host, retry=NO_RETRY)
    yield client
    run(qtbot, client.aclose())


@pytest.fixture
def fetcher(host: ImageHost, tasks: TaskRegistry, qtbot: QtBot) -> Iterator[ImageFetcher]:
    policy = FetchPolicy(max_bytes=SMALL_CAP, http_origins=frozenset({SANDBOX_ORIGIN}))
    images = ImageFetcher(policy, transport=host)
    yield images
    run(qtbot, images.aclose())


@pytest.fixture
def library() -> Iterator[StyleLibrary]:
    lib = StyleLibrary.in_memory()
    yield lib
    lib.close()


@pytest.fixture
def presenter(
    session: HordeClientSession,
    library: StyleLibrary,
    fetcher: ImageFetcher,
    tasks: TaskRegistry,
    qtbot: QtBot,
) -> ExamplesPresenter:
    examples = ExamplesPresenter(session, library, fetcher, tasks)
    examples.set_user(run(qtbot, session.find_user()))
    return examples


@pytest.fixture
def links(session: HordeClientSession, fetcher: ImageFetcher, tasks: TaskRegistry) -> LinkChecker:
    return LinkChecker(session, fetcher, tasks)


def new_image_style(qtbot: QtBot, session: HordeClientSession, name: str = "Harbour Fog Test") -> str:
    """A fresh image style of the signed-in customizer, without examples; its id."""
    payload = ImageStyleWrite(
        name=name, info="A foggy harbour look for tests.", prompt="{p}, harbour fog###{np}",
        models=["Deliberate"],
    )
    result = run(qtbot, session.create_style(StyleKind.IMAGE, payload))
    assert result.id
    return result.id
