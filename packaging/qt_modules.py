"""Which PySide6 modules the app uses, so the PyInstaller spec can leave every other one out of the build.

PySide6-Essentials also ships QtQml, QtQuick, QtDesigner, QtSql and more. PyInstaller follows imports, so one
stray ``import`` anywhere in the frozen code (a dependency's optional feature, a hook's hidden import) would
bring a module and its Qt libraries along. Deriving the excludes from the app's own imports keeps the list
right as the app grows, where a hand-kept list would rot.
"""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.util
import subprocess
import sys
from pathlib import Path

_QT_MODULE_PREFIX = "PySide6.Qt"
# qasync binds QtCore, QtGui and QtWidgets of whichever binding was imported first (DESIGN qasync rule 1).
QASYNC_NEEDS = frozenset({"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"})


def _qt_names(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name.startswith(_QT_MODULE_PREFIX)}
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        if node.module == "PySide6":
            return {f"PySide6.{alias.name}" for alias in node.names if alias.name.startswith("Qt")}
        if node.module.startswith(_QT_MODULE_PREFIX):
            return {node.module}
    return set()


def imported_qt_modules(package_dir: Path) -> set[str]:
    """Every ``PySide6.Qt*`` module an import statement under ``package_dir`` names."""
    found: set[str] = set()
    for source in package_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_bytes(), filename=str(source))):
            found |= _qt_names(node)
    # "PySide6.QtCore.Qt" style imports name a class, not a module: keep only the module part.
    return {".".join(name.split(".")[:2]) for name in found}


def with_dependencies(modules: set[str]) -> set[str]:
    """``modules`` plus the PySide6 modules they load themselves (QtWidgets loads QtGui and QtCore)."""
    script = (
        "import importlib, sys\n"
        f"for name in {sorted(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(*(m for m in sys.modules if m.count('.') == 1), sep='\\n')"
    )
    # A fresh interpreter: the caller (PyInstaller) has already imported Qt modules of its own.
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return {name for name in out.split() if name.startswith(_QT_MODULE_PREFIX)}


def installed_qt_modules() -> set[str]:
    """Every ``PySide6.Qt*`` extension module the installed PySide6 provides."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("PySide6 is not installed")
    folder = Path(spec.submodule_search_locations[0])
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    names = {path.name.split(".")[0] for path in folder.iterdir() if path.name.endswith(suffixes)}
    return {f"PySide6.{name}" for name in names if name.startswith("Qt")}


def unused_qt_modules(package_dir: Path) -> list[str]:
    """The installed PySide6 modules neither the app nor qasync needs: the spec's ``excludes``."""
    used = with_dependencies(imported_qt_modules(package_dir) | QASYNC_NEEDS)
    return sorted(installed_qt_modules() - used)


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1] / "horde_style_studio"
    print("used:", sorted(with_dependencies(imported_qt_modules(root) | QASYNC_NEEDS)))
    print("left out:", unused_qt_modules(root))
