"""The layers below ``ui/`` never load Qt, not even by way of a package they import.

Which layer may import which is import-linter's job (the contracts in pyproject.toml, run by ``python -m
tests``); it reads the source. This test imports every module of those layers, as the command line and the
unit tests do, and looks at what actually got loaded.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "horde_style_studio"
QT_FREE = ["domain", "api", "library", "services", "workflows", "sandbox", "cli"]


def test_importing_every_lower_layer_loads_no_qt() -> None:
    modules = [
        f"horde_style_studio.{path.relative_to(PACKAGE).with_suffix('').as_posix().replace('/', '.')}"
        for layer in QT_FREE
        for path in sorted((PACKAGE / layer).rglob("*.py"))
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qasync'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
