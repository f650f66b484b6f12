"""Exit statuses and messages when the server refuses, the network fails or the user interrupts."""

from __future__ import annotations

import pytest

from horde_style_studio.cli import commands
from horde_style_studio.cli.context import CliContext
from tests.unit.cli.conftest import Cli, image_style

KEY = "sekrit-cli-key-never-shown-0001"


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        pytest.param(
            "drop", {}, "Could not connect", marks=pytest.mark.logs_warning("failed: RemoteProtocolError")
        ),
        ("malformed_json", {}, "not valid JSON"),
        ("truncated", {}, "AI Horde"),
        ("server_error", {}, "Internal Server Error"),
        ("rate_limit", {"retry_after": 3600}, "Try again in 60 minutes"),
    ],
)
def test_network_and_server_trouble_is_exit_1_with_a_reason(
    cli: Cli, kind: str, options: dict[str, object], message: str
) -> None:
    cli.app.faults.add(kind, path="/v2/styles/image", times=None, **options)
    done = cli("list", "image", key=KEY)
    assert done.code == 1
    assert done.out == ""
    assert done.err.startswith("horde-styles: ")
    assert done.err.count("\n") == 1
    assert message in done.err
    assert KEY not in done.err
    assert "Traceback" not in done.err


@pytest.mark.logs_warning("failed: RemoteProtocolError")
def test_a_connection_failure_names_the_server(cli: Cli) -> None:
    cli.app.faults.add("drop", times=None)
    done = cli("whoami")
    assert "http://sandbox.localhost/api" in done.err


def test_an_unknown_key_is_refused_without_echoing_it(cli: Cli) -> None:
    # §6: the server's 404 for find_user echoes the key; the client masks it.
    done = cli("whoami", key=KEY)
    assert done.code == 1
    assert KEY not in done.err
    assert done.err.startswith("horde-styles: ")


def test_an_invalid_file_sends_nothing(cli: Cli) -> None:
    done = cli("create", "image", cli.file(image_style(models=[])))
    assert done.code == 2
    assert cli.app.request_log == []


def test_update_sends_the_full_object_without_a_shared_key(cli: Cli) -> None:
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    cli.app.faults.clear()
    assert cli("update", "image", style_id, cli.file(image_style(nsfw=True), "e.json")).code == 0
    patch = next(r for r in cli.app.request_log if r.method == "PATCH")
    assert {"name", "info", "prompt", "public", "nsfw", "tags", "models", "params"} <= patch.json().keys()
    assert "sharedkey" not in patch.json()


def test_an_unexpected_bug_is_one_line_without_the_key(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(ctx: CliContext, args: object) -> int:
        raise RuntimeError(f"oops {ctx.session.api_key}")

    monkeypatch.setitem(commands.ONLINE, ("whoami", None), broken)
    done = cli("whoami", key=KEY)
    assert done.code == 1
    assert done.err == "horde-styles: internal error (RuntimeError); please report it\n"


def test_ctrl_c_is_exit_130_without_a_traceback(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    async def interrupted(ctx: CliContext, args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(commands.ONLINE, ("whoami", None), interrupted)
    done = cli("whoami")
    assert done.code == 130
    assert "interrupted" in done.err
