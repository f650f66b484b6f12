"""``horde-styles sandbox`` in a process of its own on a loopback port, for the CLI's end-to-end tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CLI = [sys.executable, "-m", "horde_style_studio.cli.main"]
STARTUP_LINES = 10


@dataclass(frozen=True)
class Sandbox:
    base_url: str
    keys: dict[str, str]


def environment(home: Path) -> dict[str, str]:
    """This process's environment without any ``HORDE_`` setting, the app's home in ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HORDE_")}
    env.update(HORDE_STYLE_STUDIO_HOME=str(home), PYTHONUNBUFFERED="1")
    return env


@contextmanager
def running_sandbox(home: Path, *options: str) -> Iterator[Sandbox]:
    """The sandbox started with ``options``, once it printed its address and the customizer's key; stopped
    at the end."""
    proc = subprocess.Popen(
        [*CLI, "sandbox", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment(home),
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        assert first.startswith("HORDE_BASE_URL=http://127.0.0.1:"), first
        keys: dict[str, str] = {}
        # The keys follow on the next lines (issue 2, item 4); stop at the customizer's, which is all we need.
        for _ in range(STARTUP_LINES):
            name, _, value = proc.stdout.readline().strip().partition("=")
            keys[name] = value
            if name == "CUSTOMIZER_KEY":
                break
        assert keys.get("CUSTOMIZER_KEY")
        yield Sandbox(first.partition("=")[2], keys)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
