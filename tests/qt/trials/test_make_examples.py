"""Make examples in the running app, in sandbox mode: an own image style's reference set is generated, the
curator checks up to four pictures and selects the primary, the app uploads them to the image host set up in
the Trials menu (a published folder, or an S3 bucket served on loopback by moto) and attaches them; the
Examples tab then shows them loading, with exactly one primary, never "Broken"."""

from __future__ import annotations

import asyncio
import functools
import http.server
import json
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app
from horde_style_studio.sandbox.workers import WorkerSettings
from horde_style_studio.ui.composition import Studio
from horde_style_studio.ui.examples.gallery_model import Health, Role
from horde_style_studio.ui.trials.window import TrialWindow
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start_synced

BUCKET = "style-examples"
ACCESS, SECRET = "testing-access-key", "testing-secret-key"


class SandboxAndLoopback(httpx.AsyncBaseTransport):
    """The sandbox Horde in-process (``sandbox.test``), every other address over the real network: the image
    host's links are real loopback servers, fetched as the app fetches any link."""

    def __init__(self, app: SandboxApp) -> None:
        self.sandbox = httpx.ASGITransport(app=app)
        self.network = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "sandbox.test":
            return await self.sandbox.handle_async_request(request)
        return await self.network.handle_async_request(request)

    async def aclose(self) -> None:
        return  # shared by the app's clients: the test closes the network side once they are all done


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """``root`` served over http on loopback, as GitHub Pages serves a pushed folder; its ``pics`` URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # the base class names it so
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name="published-folder")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/pics"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture
def published(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A published folder on loopback: its root and the public URL of its ``pics``."""
    root = tmp_path / "published"
    root.mkdir()
    with serving(root) as public:
        yield root, public


@pytest.fixture
def s3_bucket() -> Iterator[str]:
    """A public bucket on an S3 server on loopback (moto's server mode, spoken to with boto3)."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id=ACCESS, aws_secret_access_key=SECRET)  # fmt: skip
    client.create_bucket(Bucket=BUCKET)
    anyone_reads = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{BUCKET}/*"}  # fmt: skip
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps({"Version": "2012-10-17",
                                                               "Statement": [anyone_reads]}))  # fmt: skip
    yield endpoint
    server.stop()


def _started(qtbot: QtBot, make_studio: StudioFactory, app: SandboxApp) -> tuple[Studio, asyncio.Task[int]]:
    studio = make_studio(SandboxAndLoopback(app), sandbox_key=CUSTOMIZER_KEY)
    task = start_synced(qtbot, studio)
    studio.settings.update(studio.settings.current.replace(kudos_confirm_above=100_000))
    qtbot.waitUntil(lambda: studio.account.account is not None, timeout=10_000)
    return studio, task


def _own_style_without_examples(app: SandboxApp) -> str:
    served = {m.name for m in app.state_store.active_models if m.count > 0}
    style = next(
        s for s in app.state_store.styles.values()
        if s.kind == "image" and s.user_id == 1 and set(s.models) & served
    )  # fmt: skip
    style.examples.clear()
    return style.id


def _set_up_host(qtbot: QtBot, studio: Studio, fields: dict[str, str], kind: str) -> None:
    """Trials ▸ Image host and trials…, filled in as a user would."""
    dialog = studio.trials.open_host_settings()
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    for name, text in fields.items():
        getattr(dialog, name).setText(text)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    with qtbot.waitSignal(studio.settings.changed, timeout=5_000):
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert studio.settings.current.image_host.kind == kind


def _make_examples(qtbot: QtBot, studio: Studio, app: SandboxApp, style_id: str) -> TrialWindow:
    window = studio.trials.open_for_ids([style_id])
    assert isinstance(window, TrialWindow)
    assert window.examples_button.isVisibleTo(window)  # an own image style
    window.prompt.setText("a red bicycle against a wall")  # the curator's own prompt joins the set
    with qtbot.waitSignal(window.presenter.busy, check_params_cb=lambda busy: not busy, timeout=30_000):
        window.reference_button.click()
    grid = window.styled.grid
    assert grid.count() == 4  # person, place, thing and the own prompt, all on one seed, in that order
    assert [grid.item(r).text().split(" · ")[0] for r in range(4)] == ["person", "place", "thing", "own 1"]
    assert len({r.seed for r in window.styled.results()}) == 1
    for row in (0, 2, 3):
        grid.item(row).setCheckState(Qt.CheckState.Checked)
    grid.setCurrentItem(grid.item(2))  # the selected picture becomes the primary
    with qtbot.waitSignal(window.presenter.examples_made, timeout=60_000) as made:
        window.examples_button.click()
    attached = made.args[0]
    assert isinstance(attached, ImageStyle)
    held = app.state_store.styles[style_id].examples  # what the server really holds
    assert len(held) == 3
    assert [bool(ex.primary) for ex in held].count(True) == 1
    assert "3 example(s), 1 primary" in window.status.text()
    return window


def _examples_tab_shows_them_loading(qtbot: QtBot, studio: Studio, app: SandboxApp, style_id: str) -> None:
    presenter = studio.examples.presenter
    with qtbot.waitSignal(presenter.style_loaded, timeout=10_000):
        presenter.open_style(style_id)
    model = presenter.model
    qtbot.waitUntil(
        lambda: all(model.index(r, 0).data(Role.HEALTH) != Health.CHECKING for r in range(model.rowCount())),
        timeout=20_000,
    )
    health = [model.index(r, 0).data(Role.HEALTH) for r in range(model.rowCount())]
    details = [model.item(r).detail for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert health == [Health.LOADS] * 3, details
    assert [model.index(r, 0).data(Role.PRIMARY) for r in range(3)].count(True) == 1
    # Browse's card shows the primary example, through the thumbnail pipeline's own downloads.
    primary = next(ex.url for ex in app.state_store.styles[style_id].examples if ex.primary)
    thumbnails = studio.thumbnails
    qtbot.waitUntil(
        lambda: thumbnails.pixmap(primary) is not None or thumbnails.failed(primary), timeout=10_000
    )
    assert not thumbnails.failed(primary)


def _no_horde_result_links(app: SandboxApp, style_id: str, public: str) -> None:
    for example in app.state_store.styles[style_id].examples:
        assert example.url.startswith(public + "/")
        assert "/sandbox-r2/" not in example.url  # a Horde result link expires: never an example


class MadeOnFolder(NamedTuple):
    """The app running on a sandbox, with examples made for one own style through a published folder."""

    app: SandboxApp
    studio: Studio
    task: asyncio.Task[int]
    style_id: str


def _made_on_folder(qtbot: QtBot, make_studio: StudioFactory, published: tuple[Path, str]) -> MadeOnFolder:
    root, public = published
    app = create_app("modern", workers=WorkerSettings(queue_seconds=0.3, run_seconds=0.3))
    studio, task = _started(qtbot, make_studio, app)
    style_id = _own_style_without_examples(app)
    _set_up_host(qtbot, studio, {"folder": str(root / "pics"), "public_url": public}, "folder")
    _make_examples(qtbot, studio, app, style_id)
    return MadeOnFolder(app, studio, task, style_id)


def test_examples_made_through_a_published_folder_show_in_the_examples_tab(
    qtbot: QtBot, make_studio: StudioFactory, published: tuple[Path, str]
) -> None:
    root, public = published
    app, studio, task, style_id = _made_on_folder(qtbot, make_studio, published)
    _no_horde_result_links(app, style_id, public)
    assert len(list((root / "pics").rglob("*.png"))) == 3
    _examples_tab_shows_them_loading(qtbot, studio, app, style_id)
    assert close(qtbot, studio, task) == 0
    run_until(qtbot, studio_transport(studio).network.aclose())


def test_after_switching_image_hosts_the_examples_on_the_earlier_one_still_load(
    qtbot: QtBot, make_studio: StudioFactory, published: tuple[Path, str], tmp_path: Path
) -> None:
    app, studio, task, style_id = _made_on_folder(qtbot, make_studio, published)
    other = tmp_path / "other"
    other.mkdir()
    with serving(other) as other_public:
        # The user moves on to another published folder on another loopback port; the first one still
        # serves what was made on it.
        _set_up_host(qtbot, studio, {"folder": str(other / "pics"), "public_url": other_public}, "folder")
        _examples_tab_shows_them_loading(qtbot, studio, app, style_id)
        assert close(qtbot, studio, task) == 0
    run_until(qtbot, studio_transport(studio).network.aclose())


def test_examples_made_through_an_s3_bucket_show_in_the_examples_tab(
    qtbot: QtBot, make_studio: StudioFactory, s3_bucket: str
) -> None:
    app = create_app("modern", workers=WorkerSettings(queue_seconds=0.3, run_seconds=0.3))
    studio, task = _started(qtbot, make_studio, app)
    style_id = _own_style_without_examples(app)
    public = f"{s3_bucket}/{BUCKET}"
    fields = {"endpoint": s3_bucket, "bucket": BUCKET, "region": "us-east-1", "public_url": public,
              "access": ACCESS, "secret": SECRET}  # fmt: skip
    _set_up_host(qtbot, studio, fields, "s3")
    qtbot.waitUntil(lambda: studio.secrets.get("image-host::s3::access-key-id") == ACCESS, timeout=5_000)

    _make_examples(qtbot, studio, app, style_id)

    _no_horde_result_links(app, style_id, public)
    _examples_tab_shows_them_loading(qtbot, studio, app, style_id)
    assert close(qtbot, studio, task) == 0
    run_until(qtbot, studio_transport(studio).network.aclose())


def studio_transport(studio: Studio) -> SandboxAndLoopback:
    transport = studio.config.transport
    assert isinstance(transport, SandboxAndLoopback)
    return transport


def run_until(qtbot: QtBot, coro: Coroutine[Any, Any, None]) -> None:
    task = asyncio.get_event_loop().create_task(coro)
    qtbot.waitUntil(task.done, timeout=10_000)
