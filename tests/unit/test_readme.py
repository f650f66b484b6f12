"""The README's two commands are the ones CI and users actually run."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith("python3 -m venv")]


def test_readme_opens_with_launch_and_test_commands() -> None:
    launch, test = _readme_commands()[:2]
    assert launch.endswith("horde-style-studio --sandbox")
    assert test.endswith("python -m tests")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test = _readme_commands()[1]
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
