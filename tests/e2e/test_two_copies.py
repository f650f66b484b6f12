"""Issue 14 item 7, with two real processes: a second copy of the app on the same data folder does not open
it (both would edit the same drafts and one copy's keystrokes would be lost); it asks the first copy to
bring its window forward, says so, and quits. Once the first copy has quit, the folder is free again."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from horde_style_studio.services.paths import HOME_ENV

OFFLINE = ["--base-url", "http://127.0.0.1:9/api"]  # nothing listens there: the app starts offline


class FirstCopy:
    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "horde_style_studio", *OFFLINE, "--debug"],
            env=env, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.log: list[str] = []
        self.owns_folder = threading.Event()
        self.asked = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            # Claimed before the event loop starts, so the loop's first word means the claim is done.
            if "owns its data folder" in line or "Using selector" in line:
                self.owns_folder.set()
            if "asked for this window" in line:
                self.asked.set()

    def stop(self) -> int:
        self.process.terminate()  # SIGTERM closes the window the way the close button does
        try:
            return self.process.wait(30)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def _second(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "horde_style_studio", *args], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip


def test_a_second_copy_brings_the_first_forward_and_quits(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", HOME_ENV: str(tmp_path / "home")}
    first = FirstCopy(env)
    try:
        assert first.owns_folder.wait(60), "".join(first.log)
        second = _second(env, *OFFLINE)
        assert second.returncode == 0, second.stderr
        assert "already runs on this data folder" in second.stderr
        assert first.asked.wait(10), "".join(first.log)
        assert first.process.poll() is None  # the first copy runs on, untouched
        # The sandbox has a data folder of its own: a sandbox copy may run beside the first.
        beside = _second(env, "--sandbox", "--smoke-test")
        assert beside.returncode == 0, beside.stderr
        assert "already runs" not in beside.stderr
    finally:
        assert first.stop() == 0, "".join(first.log)
    # The first copy is gone: the folder is free for the next one.
    after = _second(env, *OFFLINE, "--smoke-test")
    assert after.returncode == 0, after.stderr
    assert "already runs" not in after.stderr
