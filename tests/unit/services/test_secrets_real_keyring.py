"""The secret store against a real Secret Service: gnome-keyring in a private D-Bus session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from horde_style_studio.services.paths import HOME_ENV
from tests.system_tools import require

CHILD = Path(__file__).with_name("real_keyring_child.py")
KEY = "RealKeyringProbe-7f3a9c21d4"

pytestmark = pytest.mark.real_keyring


def _isolated_env(root: Path) -> dict[str, str]:
    home, runtime = root / "home", root / "run"
    runtime.mkdir(mode=0o700, parents=True)
    dropped = ("DBUS_", "XDG_", "GNOME_KEYRING", "PYTHON_KEYRING", HOME_ENV)
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
    )
    return env


def _files_holding(root: Path, needle: bytes) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file() and needle in path.read_bytes()]


def test_key_is_stored_and_read_back_through_secret_service_and_written_to_no_file(tmp_path: Path) -> None:
    require("dbus-run-session", "gnome-keyring-daemon")
    env = _isolated_env(tmp_path)
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(CHILD)],
        input=f"{KEY}\n", capture_output=True, text=True, env=env, timeout=90, check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["backend"] == "keyring.backends.SecretService.Keyring"
    assert report["persistent"] is True
    assert report["read_back"] is True

    app_dirs = [Path(d) for d in report["dirs"]]
    assert all(d.is_relative_to(tmp_path / "home") for d in app_dirs)
    settings = app_dirs[0] / "settings.json"
    assert '"main"' in settings.read_text(encoding="utf-8")  # the profile was saved, so the scan sees a file
    assert [f for d in app_dirs if d.exists() for f in _files_holding(d, KEY.encode())] == []
    # Not even gnome-keyring's own files under the isolated HOME hold it in clear text.
    assert _files_holding(tmp_path / "home", KEY.encode()) == []
    assert KEY not in done.stdout + done.stderr
