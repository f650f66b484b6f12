"""Issue 14 item 5 in the app: a trickling host neither holds an example add without a way out nor starves
the thumbnails of other hosts, and a 32-megapixel picture is decoded to a thumbnail within the memory
budget. The hostile hosts are the sandbox's fault modes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.sandbox.images import encode_png
from horde_style_studio.sandbox.server import RunningSandbox, start_in_thread
from horde_style_studio.services.images import FetchPolicy, ImageFetcher, horde_host, origin_of
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.examples.presenter import STOPPED, ExamplesPresenter
from horde_style_studio.ui.shared import decoding, thumb_codec
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache
from tests.qt.examples.conftest import SANDBOX_ORIGIN, new_image_style, run
from tests.qt.examples.test_presenter import open_style


def test_cancel_stops_an_example_add_held_by_a_trickling_host(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp
) -> None:
    sandbox.faults.add("trickle", path="/sandbox-images/slow", times=None, interval=1.0)
    style_id = new_image_style(qtbot, session)
    open_style(qtbot, presenter, style_id)
    with qtbot.waitSignal(presenter.checking, timeout=5000) as checking:
        presenter.add_example(f"{SANDBOX_ORIGIN}/sandbox-images/slow-1.png")
    assert checking.args == [True]
    with (
        qtbot.waitSignal(presenter.busy, check_params_cb=lambda busy: not busy, timeout=3000),
        qtbot.waitSignal(presenter.refused, timeout=3000) as stopped,
    ):
        presenter.cancel_check()
    assert stopped.args == [STOPPED]
    assert not [r for r in sandbox.request_log if r.method == "POST"][1:]  # only the style's own creation


@pytest.fixture
def live() -> Iterator[RunningSandbox]:
    running = start_in_thread()
    yield running
    running.stop()


def test_four_trickling_links_do_not_starve_another_hosts_thumbnail(
    qtbot: QtBot, tasks: TaskRegistry, live: RunningSandbox
) -> None:
    live.app.faults.add("trickle", path="/sandbox-images/slow", times=None, interval=1.0)
    slow_host = origin_of(live.base_url)  # http://127.0.0.1:<port>
    other_host = slow_host.replace("127.0.0.1", "localhost")  # the same server under another name
    policy = FetchPolicy(
        http_origins=frozenset({slow_host, other_host}), trusted_hosts=horde_host(live.base_url), deadline=60
    )
    fetcher = ImageFetcher(policy)

    async def download(url: str) -> bytes:
        return (await fetcher.fetch(url)).data

    thumbnails = ThumbnailCache(download, tasks)
    for n in range(4):
        thumbnails.pixmap(f"{slow_host}/sandbox-images/slow-{n}.png")
    good = f"{other_host}/sandbox-images/good-1.png"
    with qtbot.waitSignal(thumbnails.ready, check_params_cb=lambda url: url == good, timeout=8000):
        thumbnails.pixmap(good)
    assert thumbnails.pixmap(good) is not None
    run(qtbot, tasks.cancel_all())
    run(qtbot, fetcher.aclose())


def test_a_32_megapixel_png_becomes_a_thumbnail_within_the_decode_budget(
    qtbot: QtBot, qasync_loop: asyncio.AbstractEventLoop
) -> None:
    width, height = 8000, 4000
    row = bytes(range(256)) * (width * 3 // 256) + bytes(width * 3 % 256)
    big = encode_png(width, [row] * height)

    async def five() -> list[object]:
        return list(
            await asyncio.gather(
                *(decoding.in_decode_pool(thumb_codec.thumbnail_of, big, 192) for _ in range(5))
            )
        )

    images = run(qtbot, five())
    assert all(image is not None for image in images)
    # Five decodes at once would need 640 MB of pixels; the budget lets one such picture decode at a time.
    assert decoding.DECODE_BUDGET.peak <= decoding.DECODE_BUDGET.limit
    assert decoding.DECODE_BUDGET.peak < 2 * 4 * width * height
