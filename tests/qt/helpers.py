"""Running the app's composition root inside a test, and fake Hordes for the failure cases."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httpx
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.ui.composition import Studio
from horde_style_studio.ui.shared.messages import MessageBridge, MessageView


def start(qtbot: QtBot, studio: Studio) -> asyncio.Task[int]:
    """Run ``studio`` as the app's main coroutine would, until its window is up and everything it builds
    after the first paint is built (sign-in under way)."""
    with qtbot.waitSignal(studio.ready):
        task = asyncio.get_event_loop().create_task(studio.run())
    assert studio.window.isVisible()
    return task


def start_synced(qtbot: QtBot, studio: Studio) -> asyncio.Task[int]:
    """:func:`start`, then wait until the first library refresh (after sign-in) is done."""
    with qtbot.waitSignal(studio.library_sync.refreshed, timeout=30_000):
        return start(qtbot, studio)  # the wait ends the with block before the task is handed back


def close(qtbot: QtBot, studio: Studio, task: asyncio.Task[int]) -> int:
    """Close the window the way a user does and wait for the shutdown to finish; the exit code."""
    studio.window.close()
    qtbot.waitUntil(task.done, timeout=5000)
    return task.result()


@dataclass
class Running:
    """A studio running as the app's main coroutine runs it (see :func:`start`)."""

    studio: Studio
    task: asyncio.Task[int]

    def close(self, qtbot: QtBot) -> int:
        """:func:`close` for this run."""
        return close(qtbot, self.studio, self.task)


def answering(status: int, body: Any) -> httpx.MockTransport:
    """A Horde that answers every request with ``status`` and the JSON ``body``."""
    return httpx.MockTransport(lambda request: httpx.Response(status, json=body))


def unreachable() -> httpx.MockTransport:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused", request=request)

    return httpx.MockTransport(refuse)


class Hanging(httpx.MockTransport):
    """A Horde that accepts requests and never answers; ``arrived`` counts the requests that came in."""

    def __init__(self) -> None:
        self.arrived = 0
        super().__init__(self._hang)

    async def _hang(self, request: httpx.Request) -> httpx.Response:
        self.arrived += 1
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


class Gated(httpx.AsyncBaseTransport):
    """Passes requests to ``inner`` only once ``open()`` is called; ``arrived`` counts the waiting ones."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.arrived = 0
        self._gate = asyncio.Event()

    def open(self) -> None:
        self._gate.set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.arrived += 1
        await self._gate.wait()
        return await self.inner.handle_async_request(request)


def message_surface(qtbot: QtBot) -> MessageView:
    """The app's message view over a host widget of its own; ``view.bridge`` is what presenters report to."""
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(800, 600)
    return MessageView(MessageBridge(host), host)


def said(view: MessageView) -> str:
    """Every message the view shows, in one string."""
    return "\n".join(text for _, text in view.messages())


def questions() -> list[QMessageBox]:
    """The question boxes on screen now."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def press(label: str) -> None:
    """Answer the one question on screen with its button ``label``."""
    [box] = questions()
    [button] = [b for b in box.buttons() if b.text() == label]
    button.click()
