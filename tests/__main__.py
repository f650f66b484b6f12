"""``python -m tests``: every check the project runs, in the order a reviewer would.

ruff first (cheap), then mypy --strict, then pytest. Extra arguments go to pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys


def _run(*args: str) -> int:
    print("+", " ".join(args), flush=True)
    return subprocess.call([sys.executable, "-m", *args])


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")
    for step in (("ruff", "check", "."), ("mypy",)):
        if (code := _run(*step)) != 0:
            return code
    return _run("pytest", *sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
