"""Issue 14 item 8: a locked keyring whose unlock prompt stays open. Sign-in gives up after the keyring
deadline and says why instead of staying at "Checking…", and closing the window ends the process at once,
in this process and in a real one."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring
import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.services import secrets
from horde_style_studio.services.paths import HOME_ENV, AppDirs, app_dirs
from horde_style_studio.services.settings import AppSettings, SettingsStore
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start
from tests.unit.services.fake_keyring import BlockingKeyring

ROOT = Path(__file__).resolve().parents[2]


def remember_profile(dirs: AppDirs) -> None:
    SettingsStore.for_dirs(dirs).save(AppSettings(profiles=("work",), active_profile="work"))


@pytest.fixture
def blocking_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[BlockingKeyring]:
    backend = BlockingKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    yield backend
    BlockingKeyring.answer.set()  # let this process's blocked threads end
    BlockingKeyring.answer = type(BlockingKeyring.answer)()


@pytest.mark.logs_warning("keyring did not answer in time")
def test_sign_in_gives_up_on_a_silent_keyring_and_says_why(
    qtbot: QtBot,
    make_studio: StudioFactory,
    blocking_keyring: BlockingKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(secrets, "KEYRING_DEADLINE", 0.5)
    remember_profile(app_dirs())
    studio = make_studio(httpx.MockTransport(lambda request: httpx.Response(503)))
    with qtbot.waitSignal(studio.account.sign_in_failed, timeout=5000) as failed:
        task = start(qtbot, studio)
    assert "did not answer" in failed.args[0]
    assert "work" in failed.args[0]
    assert studio.account.account is None
    assert "Checking" not in studio.window.status.account.text()
    assert close(qtbot, studio, task) == 0


def test_a_real_app_process_ends_when_closed_while_the_keyring_blocks(tmp_path: Path) -> None:
    home = tmp_path / "home"
    remember_profile(AppDirs.under(home))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        HOME_ENV: str(home),
        "PYTHON_KEYRING_BACKEND": "tests.unit.services.fake_keyring.BlockingKeyring",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "horde_style_studio", "--base-url", "http://127.0.0.1:9/api", "--debug"],
        env=env, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        asking = threading.Event()

        def read() -> None:
            assert app.stderr is not None
            for line in app.stderr:  # the window is up and its start-up sign-in asks the keyring
                if "asking the system keyring" in line or "Setting Future" in line:
                    asking.set()

        threading.Thread(target=read, daemon=True).start()
        asking.wait(30)
        time.sleep(1)  # the keyring's "unlock prompt" is open
        app.terminate()  # the window closes as from its close button
        assert app.wait(15) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
