"""Generation jobs in the sandbox without waiting: one fake clock for the sandbox's workers and the client's
sleeps, and a session on the sandbox for the tests of polling, trials and making examples."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp

BASE = "http://sandbox.test/api"


class FakeTime:
    """The sandbox's clock and the client's sleep in one: sleeping moves the clock (and runs ``on_sleep``),
    nothing waits. ``sleeps`` records every sleep asked for."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now
        self.sleeps: list[float] = []
        self.on_sleep: list[Callable[[], object]] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        for hook in self.on_sleep:
            hook()


@asynccontextmanager
async def sandbox_session(app: SandboxApp, key: str = CUSTOMIZER_KEY) -> AsyncIterator[HordeClientSession]:
    """A session on ``app`` that never retries, so each test sees every answer."""
    transport = httpx.ASGITransport(app)
    async with HordeClientSession(BASE, api_key=key, transport=transport, retry=NO_RETRY) as session:
        yield session
