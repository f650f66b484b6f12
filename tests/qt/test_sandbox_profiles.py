"""Sandbox mode offers every demo role and comes back signed in as the last one used."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from horde_style_studio.services.paths import HOME_ENV, AppDirs
from horde_style_studio.services.settings import SettingsStore


def _signed_in_line(home: Path) -> str:
    """Start the sandbox app, return its "signed in" log line, then close it with SIGTERM."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", HOME_ENV: str(home)}
    child = subprocess.Popen(
        [sys.executable, "-m", "horde_style_studio", "--sandbox", "--debug"],
        env=env, stderr=subprocess.PIPE, text=True,
    )
    assert child.stderr is not None
    found = ""
    try:
        for line in child.stderr:  # ends at EOF, so a child that dies early cannot hang the test
            if "signed in to profile" in line:
                found = line
                break
    finally:
        child.send_signal(signal.SIGTERM)
        child.communicate(timeout=30)
    assert child.returncode == 0
    return found


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_demo_profiles_are_listed_and_the_last_one_is_restored(tmp_path: Path) -> None:
    assert "as sandbox_curator#1 (customizer)" in _signed_in_line(tmp_path)
    store = SettingsStore.for_dirs(AppDirs.under(tmp_path / "data" / "sandbox"))
    saved = store.load().settings
    assert {"Sandbox curator", "Sandbox user", "Sandbox moderator"} <= set(saved.profiles)
    # The user switched to the plain account last time: the next start signs in as that account.
    store.save(saved.replace(active_profile="Sandbox user"))
    assert "as sandbox_user#2 (user)" in _signed_in_line(tmp_path)
