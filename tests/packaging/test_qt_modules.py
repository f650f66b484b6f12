"""The standalone build bundles only the Qt modules the app imports (packaging/qt_modules.py decides)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from tests.packaging import ROOT, packaging_script


def _qt_modules() -> ModuleType:
    return packaging_script("qt_modules")


def test_every_import_form_counts_as_using_its_module(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.py").write_text("import PySide6.QtSvg\nfrom PySide6 import QtNetwork, __version__\n")
    (tmp_path / "sub" / "b.py").write_text("from PySide6.QtCore import Qt\nimport httpx\n")
    found = _qt_modules().imported_qt_modules(tmp_path)
    assert found == {"PySide6.QtSvg", "PySide6.QtNetwork", "PySide6.QtCore"}


def test_build_leaves_out_qml_and_quick_but_keeps_what_widgets_need() -> None:
    left_out = set(_qt_modules().unused_qt_modules(ROOT / "horde_style_studio"))
    assert {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"}.isdisjoint(left_out)
    assert {"PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtDesigner", "PySide6.QtSql"} <= left_out
