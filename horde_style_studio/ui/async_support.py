"""How async work runs under Qt: the qasync loop, and a registry that owns every task.

All loop-specific code lives here so that a later switch (e.g. to QtAsyncio, once it can run httpx) stays
local. DESIGN.md "qasync, the rules that bite" explains the shape: the main coroutine, not Qt, ends the loop.

asyncio and qasync are imported when first used, not with this module: the app paints its first frame with
Qt's own event loop before either is loaded (issue 18: asyncio with ssl, socket and qasync cost 35-45 ms of
start-up), and the studio's registry holds the tasks asked for until then.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import sys
import threading
from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio

    from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

T = TypeVar("T")


def loop_running() -> bool:
    """Whether an asyncio event loop runs on this thread; False, importing nothing, while asyncio is not
    loaded."""
    loaded = sys.modules.get("asyncio")
    return loaded is not None and loaded._get_running_loop() is not None  # asyncio's check that never raises


class TaskRegistry:
    """Keeps a reference to every task it starts until the task ends.

    A named task replaces the running task of the same name (the previous search is cancelled when the user
    types again). An exception a task did not handle goes to ``sys.excepthook``, the app's one path for
    unexpected errors; cancellation is not an error.

    A registry made ``held`` (the studio's, when built before the event loop runs) keeps what it is asked to
    start, in order, until :meth:`release` starts it on the running loop.
    """

    def __init__(self, *, held: bool = False) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._named: dict[str, asyncio.Task[Any]] = {}
        self._held: list[tuple[Coroutine[Any, Any, Any], str | None]] | None = [] if held else None

    def __len__(self) -> int:
        return len(self._tasks) + len(self._held or ())

    def start(self, coro: Coroutine[Any, Any, object], *, name: str | None = None) -> None:
        """Run ``coro`` as a tracked task (later, if held); with ``name``, cancel the previous one of that
        name first."""
        if self._held is None:
            self.task(coro, name=name)
            return
        if name is not None:
            self.cancel(name)
        self._held.append((coro, name))

    def task(self, coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
        """:meth:`start` at once, on the running loop, for a caller that awaits the task itself."""
        import asyncio

        if name is not None:
            self.cancel(name)
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        if name is not None:
            self._named[name] = task
        task.add_done_callback(self._finished)
        return task

    def release(self) -> None:
        """Start what was held, in the order it was asked for; from now on everything starts at once."""
        held, self._held = self._held or [], None
        for coro, name in held:
            self.task(coro, name=name)

    def running(self, name: str) -> bool:
        if any(held == name for _, held in self._held or ()):
            return True
        task = self._named.get(name)
        return task is not None and not task.done()

    def cancel(self, name: str) -> None:
        if self._held:
            for entry in [entry for entry in self._held if entry[1] == name]:
                self._held.remove(entry)
                entry[0].close()  # never started: nothing of it ran
        task = self._named.pop(name, None)
        if task is not None:
            task.cancel()

    async def cancel_all(self) -> None:
        """Cancel every task and wait until all of them have ended."""
        import asyncio

        for coro, _name in self._held or ():
            coro.close()
        if self._held:
            self._held.clear()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        self._named.clear()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        for name, named in list(self._named.items()):
            if named is task:
                del self._named[name]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            sys.excepthook(type(exc), exc, exc.__traceback__)


def run_on_qt_loop(app: QCoreApplication, main: Callable[[], Coroutine[Any, Any, int]]) -> int:
    """Run ``main()`` to completion on a qasync loop over ``app`` and return its exit code.

    ``asyncio.Runner`` rather than ``asyncio.run(loop_factory=...)``, which only exists from Python 3.12.
    """
    import asyncio

    # PySide6 is loaded (``app`` is its application) before qasync, so qasync binds PySide6 even when
    # another Qt binding is installed (DESIGN qasync rule 1).
    import qasync

    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(main())


class ThreadImports:
    """Imports modules on a thread of its own, so that loading a large stack (httpx, pydantic's models,
    keyring) never holds up the UI thread's event loop (issue 18: the window answers while the server's side
    is built). Only modules that import no Qt belong here: Qt's Python types are set up on the UI thread.

    A module that fails to import here is left out of ``sys.modules`` by Python, so the UI thread's own
    import of it raises the real error where it is used. ``ahead``: slow work without Qt done on the same
    thread after the imports (each is called; one that fails is done again, and raises, where it is used).
    """

    def __init__(self, names: Sequence[str], ahead: Sequence[Callable[[], object]] = ()) -> None:
        self._names = tuple(names)
        self._ahead = tuple(ahead)
        self._thread = threading.Thread(target=self._run, name="hss-imports", daemon=True)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._done: asyncio.Future[None] | None = None
        # Each module, once the thread is done with it (imported, or failed to).
        self._reached = {name: threading.Event() for name in self._names}
        self._arrivals: dict[str, asyncio.Future[None]] = {}

    def start(self) -> None:
        import asyncio

        self._loop = asyncio.get_running_loop()
        self._done = self._loop.create_future()
        self._arrivals = {name: self._loop.create_future() for name in self._names}
        self._thread.start()

    async def imported(self, name: str) -> None:
        """Until the thread is done with ``name``, one of its modules (at once when never started)."""
        arrival = self._arrivals.get(name)
        if arrival is not None:
            import asyncio

            await asyncio.shield(arrival)

    def wait_for(self, name: str) -> None:
        """Block until the thread is done with ``name`` (at once when it never started): before the UI thread
        imports that module itself, so that two threads never import one package at once."""
        reached = self._reached.get(name)
        if reached is not None and self._thread.ident is not None:
            reached.wait()

    async def finished(self) -> None:
        """Until every module is imported and the thread has ended (at once when never started)."""
        if self._done is not None:
            import asyncio

            await asyncio.shield(self._done)
            self.wait()  # it said so as its last word: ending takes no time

    def wait(self) -> None:
        """Block until the thread has ended: before the UI thread imports the same stacks itself, so that
        two threads never import one package in opposite orders."""
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        try:
            for name in self._names:
                try:
                    importlib.import_module(name)
                except Exception:  # the UI thread's own import raises it where it is used
                    log.debug("importing %s ahead failed", name, exc_info=True)
                self._arrive(name)
            for work in self._ahead:
                try:
                    work()
                except Exception:  # done again where it is used, which raises it there
                    log.debug("%r ahead failed", work, exc_info=True)
        finally:
            for name in self._names:  # also those an error above left behind: nobody waits for ever
                self._arrive(name)
            self._tell(self._done)

    def _arrive(self, name: str) -> None:
        reached = self._reached[name]
        if not reached.is_set():
            reached.set()
            self._tell(self._arrivals.get(name))

    def _tell(self, waiting: asyncio.Future[None] | None) -> None:
        loop = self._loop
        if loop is not None and waiting is not None:
            # A loop closed meanwhile has no one left waiting.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_resolve, waiting)


def _resolve(done: asyncio.Future[None]) -> None:
    if not done.done():
        done.set_result(None)
