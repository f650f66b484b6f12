"""Hostile files and hostile servers at the command line (issue 14, item 4): one clear line, exit 2 for a
bad file and 1 for a bad server, no traceback, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli.conftest import Cli, image_style

IMAGE_LIST = r"/v2/styles/image$"


def one_line(err: str) -> bool:
    return err.startswith("horde-styles: ") and err.count("\n") == 1 and "Traceback" not in err


def with_steps(token: str) -> str:
    return json.dumps(image_style(params={"steps": "TOKEN"})).replace('"TOKEN"', token)


def write(cli: Cli, text: str) -> str:
    path = cli.tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 1000, "nested more than"),
        ("[" * 1000 + "]" * 1000, "nested more than"),
        (with_steps("9" * 5000), "5,000 digits"),
        (with_steps("Infinity"), "Infinity"),
        (with_steps("NaN"), "NaN"),
        (with_steps("1e400"), "too large"),
    ],
)
@pytest.mark.parametrize("command", [("validate",), ("create", "image")])
def test_a_hostile_file_is_exit_2_with_a_clear_line(
    cli: Cli, text: str, words: str, command: tuple[str, ...]
) -> None:
    before = cli.app.request_log[:]
    done = cli(*command, write(cli, text))
    assert done.code == 2
    assert one_line(done.err)
    assert words in done.err
    assert cli.app.request_log == before  # nothing was sent


@pytest.mark.parametrize("value", ["inf", "1e400", "1e12", "-inf", "NaN", "99999999999999999999999"])
def test_a_hostile_retry_after_is_exit_1_with_a_time_to_try_again(cli: Cli, value: str) -> None:
    cli.app.faults.add("rate_limit", path=IMAGE_LIST, times=None, retry_after=value)
    done = cli("list", "image")
    assert done.code == 1
    assert one_line(done.err)
    # A wait too long to count in minutes is told as a time of day; "-inf" and "NaN" mean no wait at all.
    assert ("Try again after" if value[0].isdigit() or value == "inf" else "Try again") in done.err


@pytest.mark.parametrize(
    ("kind", "options", "words"),
    [
        ("deep_nesting", {"depth": 100_000}, "nested more than"),
        ("deep_nesting", {"depth": 100_000, "closed": False}, "nested more than"),
        ("hostile_number", {"token": "9" * 5000}, "5,000 digits"),
        ("hostile_number", {"token": "Infinity"}, "Infinity"),
        ("hostile_number", {"token": "1e400"}, "too large"),
    ],
)
def test_a_hostile_answer_is_exit_1_with_a_clear_line(
    cli: Cli, kind: str, options: dict[str, object], words: str
) -> None:
    cli.app.faults.add(kind, path=IMAGE_LIST, times=None, **options)
    done = cli("list", "image")
    assert done.code == 1
    assert one_line(done.err)
    assert words in done.err


def test_an_all_null_account_is_no_user(cli: Cli) -> None:
    cli.app.faults.add("status", path=r"/find_user$", times=None, status=200,
                       body={"username": None, "id": None, "kudos": None, "styles": None})  # fmt: skip
    done = cli("whoami")
    assert done.code == 1
    assert one_line(done.err)
    assert "no user" in done.err


def test_a_hostile_answer_during_export_leaves_no_file(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "bundle.json"
    cli.app.faults.add("deep_nesting", path=r"/v2/collections$", times=None)
    done = cli("export", str(out))
    assert done.code == 1
    assert one_line(done.err)
    assert not out.exists()
    assert list(tmp_path.glob("*bundle*")) == []


@pytest.mark.logs_warning("skipped a row")
@pytest.mark.parametrize("command", [("list", "image", "--all"), ("export", "-")])
def test_a_style_the_app_refuses_is_named_on_stderr_and_the_rest_listed(
    cli: Cli, command: tuple[str, ...]
) -> None:
    cli.app.faults.add("huge_field", path=IMAGE_LIST, times=1, rows=1, field="name", size=100_000)
    done = cli(*command)
    assert done.code == 0
    left_out = [line for line in done.err.splitlines() if line.startswith("Left out")]
    assert len(left_out) == 1
    assert "name is longer than" in left_out[0]
    assert len(left_out[0]) < 300
    assert "x" * 100 not in done.out
