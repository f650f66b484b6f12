"""Tests of the wheel, the desktop files and the scripts under packaging/."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def packaging_script(name: str) -> ModuleType:
    """``packaging/NAME.py``, loaded by its path: packaging/ is a folder of build scripts, not a package."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
