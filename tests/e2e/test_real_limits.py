"""Two ``horde-styles list image --all`` at once against ``horde-styles sandbox --real-limits`` (5.1.5).

The two share one address, so one 2-per-second window whose refusals say ``Retry-After: 0`` (§12), and the
popular order reshuffles equal use counts between pages (§12): both must still list every public style.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from horde_style_studio.sandbox import create_app
from tests.e2e.sandbox_process import CLI, environment, running_sandbox


@pytest.fixture
def real_sandbox(tmp_path: Path) -> Iterator[str]:
    with running_sandbox(tmp_path / "server-home", "--behaviour", "v5_1_5", "--real-limits") as running:
        yield running.base_url


def test_two_full_listings_at_once_both_get_every_public_style(real_sandbox: str, tmp_path: Path) -> None:
    seeded = create_app("v5_1_5").state_store.styles.values()
    public = {s.id for s in seeded if s.kind == "image" and s.public}
    argv = [*CLI, "--base-url", real_sandbox, "--json", "list", "image", "--all"]
    runs = [
        subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(tmp_path / f"home-{n}"),
        )
        for n in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        listed = json.loads(out)
        assert {row["id"] for row in listed} == public
        counts = [row["use_count"] for row in listed]
        assert counts == sorted(counts, reverse=True)  # still shown most popular first
