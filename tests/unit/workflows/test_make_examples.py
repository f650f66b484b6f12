"""Make examples from a trial: upload to a real S3 server (moto on loopback) or a published folder, wait for
the link to answer, attach through the examples endpoints with exactly one primary."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from horde_style_studio.api import HordeClientSession
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.domain.trials import Trial, TrialResult
from horde_style_studio.sandbox import SandboxApp, create_app
from horde_style_studio.sandbox.workers import WorkerSettings
from horde_style_studio.services.image_hosts import (
    FolderHost,
    ImageHost,
    ImageHostError,
    S3Host,
    S3Keys,
    host_from_settings,
    link_fetcher,
    load_s3_keys,
    store_s3_keys,
)
from horde_style_studio.services.images import FetchPolicy, ImageFetcher
from horde_style_studio.services.secrets import SecretStore
from horde_style_studio.services.settings import ImageHostSettings
from horde_style_studio.workflows.make_examples import ExampleMaker, MakeExamplesError
from horde_style_studio.workflows.trials import TrialRunner, reference_requests
from tests.unit.sandbox_jobs import FakeTime, sandbox_session

BUCKET = "style-examples"
KEYS = S3Keys("testing-access-key", "testing-secret-key")


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@pytest.fixture(params=["modern", "v5_1_5"])
def app(request: pytest.FixtureRequest, clock: FakeTime) -> SandboxApp:
    return create_app(request.param, workers=WorkerSettings(clock=clock, queue_seconds=2, run_seconds=2))


@pytest.fixture
async def session(app: SandboxApp) -> AsyncIterator[HordeClientSession]:
    async with sandbox_session(app) as s:
        yield s


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS.access_key_id,
        aws_secret_access_key=KEYS.secret_access_key,
    )
    client.create_bucket(Bucket=BUCKET)
    # A public bucket, as an R2 public bucket or a bucket policy makes one: anyone may read its objects.
    statement = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{BUCKET}/*",
    }
    client.put_bucket_policy(
        Bucket=BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    )
    yield endpoint
    server.stop()


@pytest.fixture
def published(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over http on loopback, as GitHub Pages would serve a pushed folder."""
    root = tmp_path / "published"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # the base class names it so
            return

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()
    server.server_close()


async def _pictures(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime, style_id: str
) -> list[TrialResult]:
    fetcher = ImageFetcher(
        FetchPolicy(http_origins=frozenset({"http://sandbox.test"})), transport=httpx.ASGITransport(app)
    )
    runner = TrialRunner(session, fetcher, sleep=clock.sleep)
    results: list[TrialResult] = []
    for label, request in reference_requests(style_id):
        trial = await runner.run(Trial(StyleKind.IMAGE, label, request))
        results.extend(trial.results)
    await fetcher.aclose()
    return results


def _empty_own_style(app: SandboxApp) -> str:
    style = next(s for s in app.state_store.styles.values() if s.kind == "image" and s.user_id == 1)
    style.examples.clear()
    return style.id


async def _attach(
    session: HordeClientSession,
    app: SandboxApp,
    clock: FakeTime,
    host: ImageHost,
    picks: int,
    primary: int,
    *,
    sandbox: bool = True,
) -> ImageStyle:
    style_id = _empty_own_style(app)
    pictures = ((await _pictures(session, app, clock, style_id)) * 2)[:picks]
    style = await session.get_style(StyleKind.IMAGE, style_id)
    fetcher = link_fetcher(host, sandbox=sandbox)
    try:
        maker = ExampleMaker(session, host, fetcher, sleep=clock.sleep, clock=clock, publish_wait=120)
        return await maker.make(style, pictures, primary)
    finally:
        await fetcher.aclose()


async def test_examples_go_through_an_s3_bucket_with_exactly_one_primary(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime, s3_server: str
) -> None:
    host = S3Host(
        endpoint=s3_server, bucket=BUCKET, region="us-east-1", public_base=f"{s3_server}/{BUCKET}", keys=KEYS
    )
    style = await _attach(session, app, clock, host, picks=3, primary=1)

    assert len(style.examples) == 3
    assert [ex.primary for ex in style.examples].count(True) == 1
    held = app.state_store.styles[style.id].examples  # what the server really holds
    assert [bool(ex.primary) for ex in held] == [ex.primary for ex in style.examples]
    primary = next(ex for ex in style.examples if ex.primary)
    assert primary.url == style.examples[1].url
    for example in style.examples:
        assert example.url.startswith(f"{s3_server}/{BUCKET}/")
        assert "/sandbox-r2/" not in example.url  # never a Horde result link
    async with httpx.AsyncClient() as anyone:  # no keys: the link works for everyone
        for example in style.examples:
            assert (await anyone.get(example.url)).content.startswith(b"\x89PNG")


async def test_a_folder_host_attaches_only_once_the_link_answers(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime, published: tuple[Path, str], tmp_path: Path
) -> None:
    public_root, public_url = published
    work = tmp_path / "work"  # what the app writes; "publishing" copies it to what the server shows
    host = FolderHost(work, public_url)
    pushes: list[int] = []

    def publish_from_the_third_wait() -> None:
        if not work.exists():
            return  # still generating the pictures
        pushes.append(1)
        if len(pushes) >= 3:  # publishing lags: only from the third wait on
            shutil.copytree(work, public_root, dirs_exist_ok=True)

    clock.on_sleep.append(publish_from_the_third_wait)
    attached_before_push: list[int] = []

    def count_attached() -> None:
        if work.exists():
            attached_before_push.append(app.faults.count("POST", r"/example$"))

    clock.on_sleep.append(count_attached)
    style = await _attach(session, app, clock, host, picks=2, primary=0)

    assert len(style.examples) == 2
    assert style.examples[0].primary
    assert not style.examples[1].primary
    assert len(pushes) >= 3
    assert attached_before_push[:3] == [0, 0, 0]


async def test_a_link_that_never_answers_attaches_nothing(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime, published: tuple[Path, str], tmp_path: Path
) -> None:
    host = FolderHost(tmp_path / "never-published", published[1])
    with pytest.raises(MakeExamplesError, match="does not show the picture yet"):
        await _attach(session, app, clock, host, picks=1, primary=0)
    assert app.faults.count("POST", r"/example$") == 0


async def test_outside_the_sandbox_a_host_on_this_machine_is_refused_before_attaching(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime, published: tuple[Path, str]
) -> None:
    public_root, public_url = published
    host = FolderHost(public_root, public_url)  # published at once: the link would answer
    with pytest.raises(MakeExamplesError, match="https://"):
        await _attach(session, app, clock, host, picks=1, primary=0, sandbox=False)
    assert app.faults.count("POST", r"/example$") == 0


async def test_too_many_picks_are_refused_before_any_upload(
    session: HordeClientSession, app: SandboxApp, clock: FakeTime, tmp_path: Path
) -> None:
    host = FolderHost(tmp_path / "out", "https://example.invalid/pics")
    with pytest.raises(MakeExamplesError, match="at most 4"):
        await _attach(session, app, clock, host, picks=5, primary=0)
    assert not (tmp_path / "out").exists()


def test_s3_keys_live_in_the_keyring_and_settings_name_the_host() -> None:
    secrets = SecretStore.memory_only("test")
    settings = ImageHostSettings(
        kind="s3", endpoint="http://127.0.0.1:9", bucket="b", public_url="https://cdn/b"
    )
    with pytest.raises(ImageHostError, match="access keys"):
        host_from_settings(settings, secrets)
    store_s3_keys(secrets, KEYS)
    assert load_s3_keys(secrets) == KEYS
    host = host_from_settings(settings, secrets)
    assert KEYS.secret_access_key not in repr(host)
    assert KEYS.secret_access_key not in repr(load_s3_keys(secrets))
    assert "secret" not in settings.model_dump_json()
