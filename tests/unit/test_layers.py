"""The layers below ``ui/`` never import Qt (DESIGN.md: data flows one way)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "horde_style_studio"
QT_FREE = ["domain", "api", "library", "services", "sandbox", "cli", "workflows"]


def _imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", QT_FREE)
def test_layer_source_never_names_qt(layer: str) -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / layer).rglob("*.py")
        if any(m.split(".")[0] in {"PySide6", "shiboken6", "qasync"} for m in _imported_modules(path))
    ]
    assert offenders == []


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
