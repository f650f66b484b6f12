"""An editor against the sandbox Horde (both behaviours), with a library file of its own."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import httpx
import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.users import UserDetails
from horde_style_studio.library import StyleLibrary
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.ui.editor.tab import report
from horde_style_studio.ui.shared.messages import MessageView
from tests.qt.helpers import message_surface

SANDBOX_URL = "http://sandbox.test/api"
CURATOR = UserDetails(username="sandbox_curator#1", id=1, customizer=True)
PLAIN_USER = UserDetails(username="sandbox_user#2", id=2)

IMAGE_DOC: dict[str, Any] = {
    "name": "Rain-Soaked Neon",
    "info": "City streets at night after rain, neon reflections.",
    "prompt": "{p}, rain-soaked neon street###{np}, blurry",
    "public": True,
    "nsfw": False,
    "tags": ["city", "neon"],
    "models": ["AlbedoBase XL (SDXL)"],
    "params": {
        "sampler_name": "k_dpmpp_2m",
        "steps": 28,
        "cfg_scale": 6.5,
        "width": 1216,
        "height": 832,
        "loras": [{"name": "247778", "model": 0.8, "clip": 1.0, "is_version": True}, {"name": "add_detail"}],
        "tis": [{"name": "72437", "inject_ti": "negprompt", "strength": 1.0}],
    },
}
TEXT_DOC: dict[str, Any] = {
    "name": "Hardboiled Narrator",
    "info": "Turns any prompt into a hardboiled detective monologue.",
    "prompt": "You are a hardboiled detective. Narrate: {p}",
    "public": True,
    "nsfw": False,
    "tags": ["noir"],
    "models": ["koboldcpp/Fimbulvetr-11B-v2"],
    "params": {"max_length": 300, "max_context_length": 4096, "temperature": 0.8},
}


@pytest.fixture(params=["modern", "v5_1_5"])
def sandbox(request: pytest.FixtureRequest) -> SandboxApp:
    return create_app(request.param)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[StyleLibrary]:
    lib = StyleLibrary.open(tmp_path / "data" / "library.sqlite")
    yield lib
    lib.close()


SessionFactory = Callable[[str], HordeClientSession]


@pytest.fixture
def session_for(
    qtbot: QtBot, sandbox: SandboxApp, qasync_loop: asyncio.AbstractEventLoop
) -> Iterator[SessionFactory]:
    opened: list[HordeClientSession] = []

    def make(key: str = CUSTOMIZER_KEY) -> HordeClientSession:
        transport = httpx.ASGITransport(app=sandbox)
        client = HordeClientSession(SANDBOX_URL, api_key=key, transport=transport, retry=NO_RETRY)
        opened.append(client)
        return client

    yield make
    for client in opened:
        closing = asyncio.ensure_future(client.aclose())
        qtbot.waitUntil(closing.done)


@pytest.fixture
def session(session_for: SessionFactory) -> HordeClientSession:
    return session_for(CUSTOMIZER_KEY)


@pytest.fixture
def presenter(
    session: HordeClientSession, library: StyleLibrary, tasks: TaskRegistry
) -> Iterator[EditorPresenter]:
    made = EditorPresenter(session, library, tasks)
    made.set_account(CURATOR)
    yield made
    made.close()


@pytest.fixture
def shown(qtbot: QtBot) -> MessageView:
    """The app's one message surface, as the editor tab reports to it."""
    return message_surface(qtbot)


@pytest.fixture
def page(qtbot: QtBot, presenter: EditorPresenter, shown: MessageView) -> Iterator[EditorPage]:
    made = EditorPage(presenter)
    report(presenter, shown.bridge)
    presenter.new_style(presenter.state.kind)
    yield made
    made.close()
    # Deleted now, not just closed: every later test re-applies the app's stylesheet to each live widget.
    shiboken6.delete(made)


class Editing(NamedTuple):
    """The Editor tab's parts against the sandbox, for a test that needs the whole of it."""

    page: EditorPage
    presenter: EditorPresenter
    tasks: TaskRegistry
    sandbox: SandboxApp
    shown: MessageView


@pytest.fixture
def editing(
    page: EditorPage, presenter: EditorPresenter, tasks: TaskRegistry, sandbox: SandboxApp, shown: MessageView
) -> Editing:
    return Editing(page, presenter, tasks, sandbox, shown)


def wait_idle(qtbot: QtBot, tasks: TaskRegistry, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: len(tasks) == 0, timeout=timeout)


def run(qtbot: QtBot, tasks: TaskRegistry, signal: Any, action: Callable[[], object]) -> list[Any]:
    """Do ``action`` and wait for ``signal``, then for every task to end; the signal's arguments."""
    with qtbot.waitSignal(signal, timeout=5000) as blocker:
        action()
    wait_idle(qtbot, tasks)
    return list(blocker.args or [])
