from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import RetryPolicy
from tests.unit.api.mock_server import BASE, KEY, Scripted


class SleepRecorder:
    """Stands in for asyncio.sleep so backoff is observable and tests stay fast."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def server() -> Scripted:
    return Scripted()


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
async def session(server: Scripted, sleeps: SleepRecorder) -> AsyncIterator[HordeClientSession]:
    async with HordeClientSession(
        BASE, api_key=KEY, transport=server.transport(), retry=RetryPolicy(attempts=3), sleep=sleeps
    ) as s:
        yield s
