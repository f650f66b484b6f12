"""``horde-styles sandbox``: its options reach the server, and a busy port is reported, not raised."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from horde_style_studio.cli.main import main
from horde_style_studio.sandbox import server


def test_port_and_behaviour_reach_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, str, bool]] = []

    def serve(port: int, behaviour: str, real_limits: bool, **_: object) -> None:
        calls.append((port, behaviour, real_limits))

    monkeypatch.setattr(server, "serve_forever", serve)
    assert main(["sandbox", "--port", "8123", "--behaviour", "v5_1_5", "--real-limits"]) == 0
    assert main(["sandbox"]) == 0
    assert calls == [(8123, "v5_1_5", True), (0, "modern", False)]


def test_a_port_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["sandbox", "--port", "70000"])
    assert stopped.value.code == 2
    assert "between 0 and 65535" in capsys.readouterr().err


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_busy_port_is_one_line_and_exit_2(busy_port: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sandbox", "--port", str(busy_port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("horde-styles: ")
    assert err.count("\n") == 1
