"""The real ``horde-styles`` executable against ``horde-styles sandbox`` on a loopback port, both behaviours.

Round trip of issue 2's "Done when": create -> show -> update -> example add -> example primary ->
collection create -> collection update -> delete, checking output and exit status at each step.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.sandbox_process import CLI, Sandbox, environment, running_sandbox


@dataclass(frozen=True)
class Done:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture(params=["modern", "v5_1_5"])
def sandbox(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Sandbox]:
    with running_sandbox(tmp_path / "server-home", "--behaviour", str(request.param)) as running:
        yield running


@dataclass
class Runner:
    sandbox: Sandbox
    home: Path

    def __call__(self, *argv: str) -> Done:
        env = environment(self.home)
        env["HORDE_API_KEY"] = self.sandbox.keys["CUSTOMIZER_KEY"]
        done = subprocess.run(
            [*CLI, "--base-url", self.sandbox.base_url, *argv],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        assert env["HORDE_API_KEY"] not in done.stdout + done.stderr
        return Done(done.returncode, done.stdout, done.stderr)


def test_round_trip(sandbox: Sandbox, tmp_path: Path) -> None:
    cli = Runner(sandbox, tmp_path / "home")
    style = {
        "name": "E2E round trip style",
        "info": "A style created by the end-to-end round trip test",
        "prompt": "{p}, watercolour wash###muddy, {np}",
        "models": ["AlbedoBase XL (SDXL)"],
        "tags": ["watercolour"],
        "params": {"width": 768, "height": 1024, "steps": 24},
    }
    first_file = tmp_path / "style.json"
    first_file.write_text(json.dumps(style), encoding="utf-8")

    created = cli("create", "image", str(first_file))
    assert created.code == 0, created.err
    style_id = created.out.strip()
    assert len(style_id) == 36

    shown = cli("--json", "show", "image", style_id)
    assert shown.code == 0, shown.err
    assert {k: shown.json()[k] for k in ("id", "name", "prompt")} == {
        "id": style_id, "name": style["name"], "prompt": style["prompt"]
    }

    changed = {**style, "name": "E2E round trip style, edited", "tags": ["watercolour", "edited"]}
    second_file = tmp_path / "edited.json"
    second_file.write_text(json.dumps(changed), encoding="utf-8")
    assert cli("update", "image", style_id, str(second_file)).code == 0
    text_view = cli("show", "image", style_id)
    assert "name: E2E round trip style, edited" in text_view.out.splitlines()

    first_example = cli("example", "add", style_id, "https://img.example.test/e2e-1.webp")
    second_example = cli("--json", "example", "add", style_id, "https://img.example.test/e2e-2.webp")
    assert (first_example.code, second_example.code) == (0, 0), first_example.err + second_example.err
    second_id = second_example.json()["id"]
    assert cli("example", "primary", style_id, second_id).out.strip() == second_id
    examples = cli("--json", "show", "image", style_id).json()["examples"]
    assert [ex["id"] for ex in examples if ex["primary"]] == [second_id]

    members = tmp_path / "collection.json"
    members.write_text(json.dumps({"name": "E2E round trip set", "info": "From the e2e test",
                                   "styles": [style_id]}), encoding="utf-8")
    collection = cli("collection", "create", str(members))
    assert collection.code == 0, collection.err
    collection_id = collection.out.strip()
    members.write_text(json.dumps({"name": "E2E round trip set, renamed", "public": False,
                                   "styles": [style_id]}), encoding="utf-8")
    assert cli("collection", "update", collection_id, str(members)).code == 0
    assert cli("--json", "show", "collection", collection_id).json()["name"] == "E2E round trip set, renamed"

    assert cli("delete", "collection", collection_id).code == 0
    assert cli("delete", "image", style_id).code == 0
    gone = cli("show", "image", style_id)
    assert gone.code == 1
    assert gone.err.startswith("horde-styles: ")
    assert gone.err.count("\n") == 1
