"""Trying styles (issue 15): requests spent polling per minute of waiting, against polling once a second;
and the longest UI stall while a four-image trial (with its unstyled comparison) runs, limit 50 ms."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

import httpx

from tests.benchmarks.results import Result, note

POLLS_PER_MINUTE_LIMIT = 20.0
NAIVE_POLLS_PER_MINUTE = 60.0  # one check a second: the floor the check route's 1 s cache allows
STALL_LIMIT_MS = 50.0


def _polls_per_minute(wait_seconds: float) -> float:
    from horde_style_studio.api import HordeClientSession
    from horde_style_studio.domain.jobs import JobRequest
    from horde_style_studio.sandbox import CUSTOMIZER_KEY, create_app
    from horde_style_studio.sandbox.workers import WorkerSettings

    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    settings = WorkerSettings(clock=lambda: now[0], queue_seconds=wait_seconds - 5, run_seconds=5)
    app = create_app("modern", workers=settings)

    async def run() -> None:
        transport = httpx.ASGITransport(app)
        async with HordeClientSession(
            "http://sandbox.test/api", api_key=CUSTOMIZER_KEY, transport=transport
        ) as s:
            job = await s.submit(JobRequest(prompt="a lighthouse"))
            await s.wait(job, sleep=sleep)

    asyncio.run(run())
    return app.faults.count("GET", r"/generate/(check|status)/") / (now[0] / 60)


def _longest_stalls_ms(
    work: Callable[[], Awaitable[object]], warm_up: Callable[[], Awaitable[object]], idle_seconds: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The longest gap between 5 ms timer ticks on the Qt event loop while idle (the baseline), then while
    ``work`` runs, each with the most CPU time the UI thread itself spent within one gap. One qasync loop for
    both: a second loop over the same QApplication confuses qasync.

    The gap is what the user sees; on a busy machine it includes time the thread waited for a core. The CPU
    time within a gap is the app's own work holding the loop, whatever else the machine does."""
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    gaps: list[tuple[float, float]] = []
    last = [time.perf_counter(), time.thread_time()]

    def tick() -> None:
        current, cpu = time.perf_counter(), time.thread_time()  # the tick runs on the UI thread
        gaps.append((current - last[0], cpu - last[1]))
        last[:] = [current, cpu]

    timer = QTimer(interval=5)
    timer.timeout.connect(tick)

    async def measured(job: Callable[[], Awaitable[object]]) -> tuple[float, float]:
        gaps.clear()
        last[:] = [time.perf_counter(), time.thread_time()]
        timer.start()
        await job()
        timer.stop()
        seen = gaps[1:] or [(0.0, 0.0)]
        return 1000 * max(wall for wall, _ in seen), 1000 * max(cpu for _, cpu in seen)

    async def body() -> tuple[tuple[float, float], tuple[float, float]]:
        await asyncio.sleep(0.5)  # first paint of the window, before anything is measured
        await warm_up()
        idle = await measured(lambda: asyncio.sleep(idle_seconds))
        return idle, await measured(work)

    # As the app runs (ui.async_support.run_on_qt_loop): a Runner's task, so httpx finds its loop.
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(body())


@contextmanager
def _sandbox_in_its_own_process() -> Iterator[str]:
    """``horde-styles sandbox`` in a child process; yields its base URL. In this process, its painting of
    the results would compete with the window for the GIL, a stall the real Horde never causes."""
    child = subprocess.Popen(
        [sys.executable, "-c", "from horde_style_studio.cli.main import main; main()",
         "sandbox", "--queue-seconds", "2", "--run-seconds", "1.5"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        lines = iter(child.stdout.readline, "")
        yield next(line for line in lines if line.startswith("HORDE_BASE_URL=")).strip().split("=", 1)[1]
    finally:
        child.terminate()
        child.wait(10)


def main() -> list[Result]:
    from horde_style_studio.api import HordeClientSession
    from horde_style_studio.domain.base import StyleKind
    from horde_style_studio.sandbox import CUSTOMIZER_KEY, create_app
    from horde_style_studio.ui.async_support import TaskRegistry
    from horde_style_studio.ui.trials.presenter import Subject, TrialPresenter
    from horde_style_studio.ui.trials.window import TrialWindow
    from horde_style_studio.workflows.trials import result_fetcher

    results: list[Result] = []
    for minutes in (1, 5):
        per_minute = _polls_per_minute(60.0 * minutes)
        results.append(
            Result.of(
                f"trial_polls_per_minute_waiting_{minutes}min",
                per_minute,
                "requests/min",
                POLLS_PER_MINUTE_LIMIT,
                NAIVE_POLLS_PER_MINUTE,
            ).emit()
        )

    # The served sandbox seeds the same styles, with the same ids, as one made here.
    style_id = next(
        s.id for s in create_app("modern").state_store.styles.values() if s.kind == "image" and s.user_id == 1
    )
    note("serving the sandbox on loopback, in its own process, for the four-image trial")
    with _sandbox_in_its_own_process() as base_url:
        from PySide6.QtWidgets import QApplication

        QApplication.instance() or QApplication([])
        # Built before the clock starts, as the app builds its session and windows before a trial. Left open
        # for the process exit: closing httpx pools from this loop trips qasync (anyio sees no running
        # loop); the app closes its session inside its own main task instead.
        session = HordeClientSession(base_url, api_key=CUSTOMIZER_KEY)
        fetcher = result_fetcher(base_url)
        presenter = TrialPresenter(session, TaskRegistry(), fetcher, threshold=lambda: 1e9)
        window = TrialWindow(presenter)
        window.resize(1280, 800)
        window.prompt.setText("a lighthouse")
        window.count.setValue(4)
        window.show()

        async def warm_up() -> object:
            # What the app has done before any trial: the connections' TLS setup (it loads the CA bundle,
            # which holds the GIL for a couple of hundred ms), the first answers, the style in the library.
            await session.server_flavour()
            await fetcher._open()
            window.show_subject(Subject.of_style(await session.get_style(StyleKind.IMAGE, style_id)))
            return None

        async def four_images() -> object:
            done = asyncio.Event()
            presenter.busy.connect(lambda busy: None if busy else done.set())
            window.try_button.click()
            await done.wait()
            assert len(window.styled.results()) == 4, window.status.text()
            assert len(window.plain.results()) == 4, window.status.text()
            return None

        (baseline, idle_busy), (stall, busy) = _longest_stalls_ms(four_images, warm_up, 3.0)
        results.append(
            Result.of("trial_four_images_longest_ui_stall", stall, "ms", STALL_LIMIT_MS, baseline).emit()
        )
        results.append(
            Result.of("trial_four_images_longest_ui_busy", busy, "ms cpu", STALL_LIMIT_MS, idle_busy).emit()
        )
    return results
