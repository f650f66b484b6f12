"""Serving on a loopback port: the background-thread server and the foreground ``serve_forever``."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys

import httpx
import pytest

from horde_style_studio.sandbox import CUSTOMIZER_KEY, MODERATOR_KEY, USER_KEY, start_in_thread


def test_start_in_thread_serves_on_loopback_until_stopped() -> None:
    sandbox = start_in_thread(behaviour="v5_1_5")
    try:
        assert sandbox.base_url == f"http://127.0.0.1:{sandbox.port}/api"
        with httpx.Client(base_url=sandbox.base_url) as client:
            styles = client.get("/v2/styles/image").json()
            example = next(s["examples"][0]["url"] for s in styles if s["examples"])
            assert example.startswith(f"http://127.0.0.1:{sandbox.port}/sandbox-images/")
            assert client.get(example).content.startswith(b"\x89PNG")
            assert client.get("/v2/status/style_contract").status_code == 404
    finally:
        sandbox.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{sandbox.base_url}/v2/styles/image", timeout=2)


def test_network_faults_over_a_real_socket() -> None:
    sandbox = start_in_thread()
    try:
        sandbox.app.faults.add("drop")
        sandbox.app.faults.add("truncated", path=r"/styles/text$")
        with httpx.Client(base_url=sandbox.base_url) as client:
            with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
                client.get("/v2/styles/image")
            with pytest.raises(httpx.RemoteProtocolError, match=r"without sending complete message body"):
                client.get("/v2/styles/text")
            assert client.get("/v2/styles/text").status_code == 200
    finally:
        sandbox.stop()


def test_serve_forever_prints_its_address_and_exits_quietly_on_ctrl_c() -> None:
    code = "from horde_style_studio.sandbox import serve_forever; serve_forever()"
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(4)]
        assert lines[0].startswith("HORDE_BASE_URL=http://127.0.0.1:")
        assert lines[0].endswith("/api")
        assert lines[1:] == [
            f"CUSTOMIZER_KEY={CUSTOMIZER_KEY}",
            f"USER_KEY={USER_KEY}",
            f"MODERATOR_KEY={MODERATOR_KEY}",
        ]
        base_url = lines[0].split("=", 1)[1]
        assert httpx.get(f"{base_url}/v2/styles/text").status_code == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert (process.returncode, out, err) == (0, "", "")


@pytest.mark.filterwarnings("error::ResourceWarning")
def test_a_busy_port_raises_without_leaking_the_socket() -> None:
    sandbox = start_in_thread()
    try:
        with pytest.raises(OSError, match="in use"):
            start_in_thread(port=sandbox.port)
    finally:
        sandbox.stop()


def test_responses_leave_at_once_without_waiting_for_the_clients_ack() -> None:
    # Without TCP_NODELAY on the accepted sockets, Nagle's algorithm held back the end of each response until
    # the client's delayed ACK: ~40 ms per request, a 10,000-style sync 22 s instead of 4.
    sandbox = start_in_thread()
    try:
        with httpx.Client(base_url=sandbox.base_url) as client:
            assert client.get("/v2/styles/image").status_code == 200
            connections = list(sandbox._server.server_state.connections)
            assert connections
            for connection in connections:
                sock = connection.transport.get_extra_info("socket")
                assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        sandbox.stop()
