"""Suite-wide guards: headless Qt, and app dirs that never touch a developer's real ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports Qt or qasync (DESIGN, qasync rule 1).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")


@pytest.fixture(autouse=True)
def isolated_app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Fresh settings, library and cache for every test (DESIGN: settings declared once, fresh per test)."""
    home = tmp_path / "app-home"
    monkeypatch.setenv("HORDE_STYLE_STUDIO_HOME", str(home))
    monkeypatch.delenv("HORDE_API_KEY", raising=False)
    return home
