"""Suite-wide guards: headless Qt, app dirs that never touch a developer's real ones, and no warning logged
by the app that a test did not ask for."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
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


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_warning_logged(request: pytest.FixtureRequest) -> Iterator[None]:
    """A WARNING or worse from the app means something went wrong that the test did not look at.

    A test that provokes one on purpose says which with ``@pytest.mark.logs_warning("text", ...)``: each
    text must be in at least one record (the warning is part of what the test checks; ``optional=True``
    when it may or may not come, as in a fuzz test), and every record must hold one of the texts.
    """
    logger = logging.getLogger("horde_style_studio")
    kept, level = _Kept(), logger.level
    logger.addHandler(kept)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.removeHandler(kept)
        logger.setLevel(level)
    marker = request.node.get_closest_marker("logs_warning")
    expected: tuple[str, ...] = marker.args if marker is not None else ()
    messages = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in kept.records]
    unexpected = [m for m in messages if not any(text in m for text in expected)]
    if unexpected:
        lines = "\n".join(f"  {m}" for m in unexpected)
        pytest.fail(f"the app logged (say so with @pytest.mark.logs_warning if the test means it):\n{lines}")
    if marker is not None and not marker.kwargs.get("optional", False):
        missing = [text for text in expected if not any(text in m for m in messages)]
        if missing:
            pytest.fail(f"the app never logged the warning the test expects: {missing}")
