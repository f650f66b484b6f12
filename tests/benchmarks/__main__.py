"""``python -m tests.benchmarks [name ...]``: run every ``bench_*.py`` module (or the named ones).

Each module's ``main()`` prints its figures as JSON lines and returns them; the exit status is 1 when any
figure missed its ``limit``.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from pathlib import Path

from tests.benchmarks.results import Result


def _modules(wanted: list[str]) -> list[str]:
    here = Path(__file__).parent
    found = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    return [m for m in found if not wanted or m in wanted or m.removeprefix("bench_") in wanted]


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")
    results: list[Result] = []
    for name in _modules(argv):
        module = importlib.import_module(f"tests.benchmarks.{name}")
        results += module.main()
    missed = [r.name for r in results if not r.ok]
    if missed:
        print(f"missed targets: {', '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
