"""No two classes of the package share a name: a reader (and a traceback) never has to ask which one."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "horde_style_studio"


def _classes() -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                found[node.name].append(path.relative_to(PACKAGE).as_posix())
    return found


def test_every_class_name_is_used_once() -> None:
    shared = {name: where for name, where in _classes().items() if len(where) > 1}
    assert shared == {}


def test_the_walk_sees_the_packages_classes() -> None:
    classes = _classes()
    assert classes["Card"] == ["workflows/cards.py"]
    assert len(classes) > 100
