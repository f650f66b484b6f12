"""The real entry point in a child process: start, paint, sign in to the sandbox, shut down cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import get_args

import pytest

from horde_style_studio.sandbox import Behaviour
from horde_style_studio.services.paths import HOME_ENV
from horde_style_studio.ui.app import BEHAVIOURS, SANDBOX_FAULTS, parse_args


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", HOME_ENV: str(home)}


def _app(*args: str) -> list[str]:
    # -W error: a warning from anything during start-up or shutdown fails the run.
    return [sys.executable, "-W", "error", "-m", "horde_style_studio", *args]


def _assert_clean(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Error" not in done.stderr


def test_smoke_test_paints_the_window_and_exits_cleanly(tmp_path: Path) -> None:
    done = subprocess.run(
        _app("--smoke-test", "--base-url", "http://127.0.0.1:9/api"),
        env=_env(tmp_path), capture_output=True, text=True, timeout=60, check=False,
    )
    _assert_clean(done)
    assert (tmp_path / "config" / "settings.json").exists()  # the layout was saved on the way out


def test_sandbox_mode_keeps_to_its_own_home(tmp_path: Path) -> None:
    done = subprocess.run(
        _app("--sandbox", "--smoke-test"), env=_env(tmp_path), capture_output=True, text=True, timeout=60,
        check=False,
    )
    _assert_clean(done)
    # Everything the sandbox run wrote is under data/sandbox: the real settings and cache are untouched.
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]
    assert list((tmp_path / "data").iterdir()) == [tmp_path / "data" / "sandbox"]
    assert (tmp_path / "data" / "sandbox" / "config" / "settings.json").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sandbox_signs_in_the_demo_customizer_and_sigterm_shuts_down_cleanly(tmp_path: Path) -> None:
    child = subprocess.Popen(
        _app("--sandbox", "--debug"), env=_env(tmp_path), stderr=subprocess.PIPE, text=True,
    )
    assert child.stderr is not None
    seen: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any("signed in to profile" in line for line in seen):
        line = child.stderr.readline()
        if not line:
            break
        seen.append(line)
    child.send_signal(signal.SIGTERM)
    rest = child.communicate(timeout=30)[1]
    log = "".join(seen) + rest
    assert "signed in to profile 'Sandbox curator' as sandbox_curator#1 (customizer)" in log
    assert child.returncode == 0, log
    assert "Traceback" not in log
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]  # only the sandbox home, data/sandbox


def test_the_smoke_test_flag_is_hidden_and_sandbox_behaviours_are_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    shown = capsys.readouterr().out
    assert "--sandbox" in shown
    assert "--smoke-test" not in shown
    args = parse_args(["--sandbox", "--behaviour", "v5_1_5", "--base-url", "http://x.localhost/api"])
    assert (args.sandbox, args.behaviour, args.base_url) == (True, "v5_1_5", "http://x.localhost/api")
    assert not args.smoke_test
    assert get_args(Behaviour) == BEHAVIOURS
    with pytest.raises(SystemExit):
        parse_args(["--behaviour", "v9"])
    with pytest.raises(SystemExit):
        parse_args(["--base-url", "aihorde.net"])
    assert "must start with https://" in capsys.readouterr().err


def test_the_sandbox_can_answer_as_a_hostile_server() -> None:
    args = parse_args(["--sandbox", "--sandbox-fault", "html_text", "--sandbox-fault", "svg_as_png"])
    assert args.sandbox_fault == ["html_text", "svg_as_png"]
    from horde_style_studio.sandbox.faults import FaultKind

    assert set(SANDBOX_FAULTS) <= set(get_args(FaultKind))  # each one a fault the sandbox knows


def test_the_in_app_sandbox_can_log_every_request_it_receives(tmp_path: Path) -> None:
    import httpx

    from horde_style_studio.ui.app import _deferred_sandbox

    log = tmp_path / "requests.jsonl"
    assert parse_args(["--sandbox", "--sandbox-request-log", str(log)]).sandbox_request_log == log
    sandbox = _deferred_sandbox("modern", tmp_path / "state.json", [], log)
    sandbox.start()
    try:
        answer = httpx.get(f"{sandbox.base_url}/v2/status/models", timeout=30)
    finally:
        sandbox.stop()
    assert answer.status_code == 200
    assert '"path": "/api/v2/status/models"' in log.read_text(encoding="utf-8")
