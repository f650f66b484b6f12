"""Fuzzing ``horde-styles validate`` with hostile files (issue 14, item 4): a verdict or one line of bad
input, never an internal error, and exit 2 whenever the file holds what JSON must not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from horde_style_studio.cli.main import main
from tests.hostile_json import HOSTILE_JSON, JUNK

# tmp_path and capsys are per test; each example overwrites the one file and reads its own output.
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, str, str]:
    path = tmp_path / "fuzzed.json"
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    code = main(["validate", "--kind", "image", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@FUZZ
@given(case=HOSTILE_JSON)
def test_hostile_files_are_refused_in_one_line_or_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: tuple[str, bool]
) -> None:
    text, hostile = case
    code, out, err = validate(tmp_path, capsys, text)
    assert "internal error" not in err
    assert "Traceback" not in err
    if hostile:
        assert code == 2
        assert out == ""
        assert err.startswith("horde-styles: ")
        assert err.count("\n") == 1
    else:
        assert code in (0, 1)  # a verdict on the style: valid, or its problems listed
        assert err == ""


@FUZZ
@given(text=JUNK)
def test_junk_is_bad_input_or_a_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    code, _out, err = validate(tmp_path, capsys, text)
    assert code in (0, 1, 2)
    assert "internal error" not in err
    assert err.count("\n") <= 1
