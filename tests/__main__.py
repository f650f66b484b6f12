"""``python -m tests``: every check the project runs, in the order a reviewer would.

ruff first (cheap), then mypy --strict, then the import contracts of pyproject.toml (import-linter: the
layers, no Qt below ``ui``, no tab importing another), then pytest. Extra arguments go to pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys

# import-linter has no ``python -m`` entry point; this is what its ``lint-imports`` script runs.
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_logo=True))"


def _run(*args: str) -> int:
    print("+", " ".join(args), flush=True)
    return subprocess.call([sys.executable, *args])


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")
    for step in (("-m", "ruff", "check", "."), ("-m", "mypy"), ("-c", LINT_IMPORTS)):
        if (code := _run(*step)) != 0:
            return code
    return _run("-m", "pytest", *sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
