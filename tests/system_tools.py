"""Tests that need programs from the operating system (Xvfb, gnome-keyring, ...).

On a developer's machine without them such a test is skipped, saying what to install; under CI (``CI`` set,
as ``.ci/run`` runs) a missing tool fails the test instead, because ``.ci/run`` installs them all and a
skip there would hide a broken install step.
"""

from __future__ import annotations

import os
import shutil

import pytest


def require(*programs: str) -> None:
    missing = [name for name in programs if shutil.which(name) is None]
    if not missing:
        return
    message = f"needs {', '.join(missing)} on PATH (.ci/run installs them from Debian packages)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
