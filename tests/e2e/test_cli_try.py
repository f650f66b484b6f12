"""``horde-styles try`` against ``horde-styles sandbox`` in another process (issue 15, "Done when").

Two decodable images, the same again on a second run, text for a text style, and Ctrl+C cancelling the job
on the server: the sandbox's request log file shows the DELETE.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from horde_style_studio.sandbox import create_app
from horde_style_studio.sandbox.images import PNG_SIGNATURE
from tests.e2e.sandbox_process import CLI, environment, running_sandbox


@dataclass(frozen=True)
class Served:
    base_url: str
    key: str
    log: Path
    behaviour: str


def _serve(tmp_path: Path, behaviour: str, queue: float) -> Iterator[Served]:
    log = tmp_path / "requests.jsonl"
    options = ["--behaviour", behaviour, "--request-log", str(log)]
    options += ["--queue-seconds", str(queue), "--run-seconds", "0.5"]
    with running_sandbox(tmp_path / "srv", *options) as running:
        yield Served(running.base_url, running.keys["CUSTOMIZER_KEY"], log, behaviour)


@pytest.fixture(params=["modern", "v5_1_5"])
def quick(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    yield from _serve(tmp_path, str(request.param), queue=0.5)


@pytest.fixture
def slow(tmp_path: Path) -> Iterator[Served]:
    yield from _serve(tmp_path, "modern", queue=120)


def _seed_style(kind: str) -> str:
    # The seed data is the same in every sandbox process: read an id from an in-process copy.
    app = create_app("modern")
    return next(s.id for s in app.state_store.styles.values() if s.kind == kind and s.user_id == 1)


def _try(served: Served, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = environment(home) | {"HORDE_API_KEY": served.key}
    command = [*CLI, "--base-url", served.base_url, "try", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)


def test_the_same_command_twice_writes_the_same_two_images(quick: Served, tmp_path: Path) -> None:
    style = _seed_style("image")
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / run
        done = _try(
            quick,
            tmp_path,
            "image",
            style,
            "a lighthouse",
            "--n",
            "2",
            "--seed",
            "7",
            "--out",
            str(out),
            "--json",
        )
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["job"]
        assert report["kudos"] > 0
        files = [Path(g["file"]) for g in report["generations"]]
        assert len(files) == 2
        for path in files:
            assert path.read_bytes().startswith(PNG_SIGNATURE)
            assert {"id", "seed", "model", "worker", "censored"} <= set(report["generations"][0])
        outputs.append(sorted(path.read_bytes() for path in files))
    if quick.behaviour == "modern":
        assert [g["seed"] for g in report["generations"]] == ["7", "8"]
        assert outputs[0] == outputs[1]
    else:
        # 5.1.5 drops a styled request's seed (REFERENCE §5): the CLI says so instead of pretending.
        assert "7" not in [g["seed"] for g in report["generations"]]
        assert "chose its own seeds" in done.stderr


def test_a_text_style_prints_text(quick: Served, tmp_path: Path) -> None:
    done = _try(quick, tmp_path, "text", _seed_style("text"), "the keeper's log")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("job ")
    assert "kudos" in lines[0]
    assert "seed" in lines[1]
    assert "model" in lines[1]
    assert "the keeper's log" in done.stdout


def test_ctrl_c_cancels_the_job_on_the_server_and_exits_130(slow: Served, tmp_path: Path) -> None:
    env = environment(tmp_path) | {"HORDE_API_KEY": slow.key}
    command = [*CLI, "--base-url", slow.base_url, "try", "image", _seed_style("image"), "a lighthouse"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    first = proc.stdout.readline()  # printed once the job is queued
    assert first.startswith("job ")
    job_id = first.split()[1]
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=30)
    assert code == 130
    deadline = time.monotonic() + 5
    deletes: list[str] = []
    while time.monotonic() < deadline and not deletes:
        lines = [json.loads(line) for line in slow.log.read_text().splitlines()]
        deletes = [line["path"] for line in lines if line["method"] == "DELETE"]
    assert deletes == [f"/api/v2/generate/status/{job_id}"]
