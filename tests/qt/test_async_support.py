"""The task registry: references kept, named tasks replaced, everything cancelled on close."""

from __future__ import annotations

import asyncio
import sys
from types import TracebackType

import pytest

from horde_style_studio.ui.async_support import TaskRegistry


async def test_a_named_task_replaces_the_previous_one_of_that_name() -> None:
    tasks = TaskRegistry()
    first = tasks.task(asyncio.sleep(10), name="search")
    other = tasks.task(asyncio.sleep(10), name="other")
    second = tasks.task(asyncio.sleep(0, result="done"), name="search")
    assert await second == "done"
    await asyncio.sleep(0)
    assert first.cancelled()
    assert not other.done()
    assert tasks.running("other")
    assert not tasks.running("search")
    await tasks.cancel_all()


async def test_cancel_all_waits_until_every_task_has_ended() -> None:
    tasks = TaskRegistry()
    cleaned: list[str] = []

    async def slow(name: str) -> None:
        try:
            await asyncio.sleep(10)
        finally:
            await asyncio.sleep(0)  # cleanup that itself awaits
            cleaned.append(name)

    for name in ("a", "b", "c"):
        tasks.start(slow(name))
    await asyncio.sleep(0)
    assert len(tasks) == 3
    await tasks.cancel_all()
    assert sorted(cleaned) == ["a", "b", "c"]
    assert len(tasks) == 0


async def test_unhandled_errors_reach_the_excepthook_and_cancellation_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[BaseException] = []

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        seen.append(exc)

    monkeypatch.setattr(sys, "excepthook", hook)
    tasks = TaskRegistry()

    async def boom() -> None:
        raise RuntimeError("boom")

    failing = tasks.task(boom())
    cancelled = tasks.task(asyncio.sleep(10))
    await asyncio.sleep(0)
    cancelled.cancel()
    await asyncio.gather(failing, cancelled, return_exceptions=True)
    assert [str(e) for e in seen] == ["boom"]
    assert len(tasks) == 0


async def test_a_held_registry_starts_what_it_was_asked_in_order_once_released() -> None:
    """The studio's registry before the event loop runs: a named start still replaces the earlier one of its
    name, which then never runs at all."""
    tasks = TaskRegistry(held=True)
    ran: list[str] = []

    async def work(name: str) -> None:
        ran.append(name)

    tasks.start(work("search 1"), name="search")
    tasks.start(work("thumbnail"))
    tasks.start(work("search 2"), name="search")
    assert (len(tasks), tasks.running("search"), ran) == (2, True, [])
    tasks.release()
    await asyncio.sleep(0)
    assert ran == ["thumbnail", "search 2"]
    await tasks.cancel_all()


async def test_cancelling_a_held_registry_drops_what_never_started() -> None:
    tasks = TaskRegistry(held=True)
    ran: list[str] = []

    async def work() -> None:
        ran.append("ran")

    tasks.start(work(), name="check")
    tasks.cancel("check")
    tasks.start(work())
    await tasks.cancel_all()
    tasks.release()
    await asyncio.sleep(0)
    assert (ran, len(tasks), tasks.running("check")) == ([], 0, False)
