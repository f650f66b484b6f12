"""Where the app keeps its files, and the one variable that moves all of them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from horde_style_studio.services.paths import HOME_ENV, AppDirs, app_dirs


def test_home_variable_puts_every_dir_under_it(tmp_path: Path) -> None:
    dirs = app_dirs({HOME_ENV: str(tmp_path)})
    assert dirs == AppDirs(config=tmp_path / "config", data=tmp_path / "data", cache=tmp_path / "cache")
    assert all(path.is_relative_to(tmp_path) for path in dirs.all())


def test_blank_home_variable_is_ignored(tmp_path: Path) -> None:
    assert app_dirs({HOME_ENV: "  "}) == app_dirs({})


@pytest.mark.skipif(sys.platform != "linux", reason="XDG variables only steer platformdirs on Linux")
def test_without_the_variable_the_platform_dirs_are_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for var, sub in (("XDG_CONFIG_HOME", "c"), ("XDG_DATA_HOME", "d"), ("XDG_CACHE_HOME", "k")):
        monkeypatch.setenv(var, str(tmp_path / sub))
    dirs = app_dirs({})
    assert dirs == AppDirs(
        config=tmp_path / "c" / "horde-style-studio",
        data=tmp_path / "d" / "horde-style-studio",
        cache=tmp_path / "k" / "horde-style-studio",
    )
