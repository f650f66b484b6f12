"""Serving the sandbox on a loopback port with uvicorn: in a background thread, or in the foreground."""

from __future__ import annotations

import gc
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import uvicorn

from .app import SandboxApp, create_app
from .constants import Behaviour
from .listening import bind
from .users import CUSTOMIZER_KEY, MODERATOR_KEY, USER_KEY
from .workers import WorkerSettings

START_TIMEOUT = 10.0


class _Server(uvicorn.Server):
    """A uvicorn server that reports the moment it listens, instead of being polled."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None]):
        super().__init__(config)
        self._on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self._on_started()


def server_config(app: SandboxApp) -> uvicorn.Config:
    # Warning level and no access log keep uvicorn quiet on stdout (the serve command prints its own lines).
    return uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", interface="asgi3")


@dataclass
class RunningSandbox:
    """A sandbox served from a daemon thread; ``stop()`` shuts it down and waits for the thread."""

    base_url: str
    port: int
    app: SandboxApp
    _server: uvicorn.Server
    _thread: threading.Thread
    _socket: socket.socket

    def stop(self, timeout: float = 5.0) -> None:
        self._server.should_exit = True
        self._thread.join(min(1.0, timeout))
        if self._thread.is_alive():
            # A response still trickling to a client that left (the trickle fault) would hold a graceful
            # shutdown for as long as it has bytes to send.
            self._server.force_exit = True
            self._thread.join(timeout)
        self._socket.close()


def start_in_thread(
    *, host: str = "127.0.0.1", port: int = 0, behaviour: Behaviour = "modern", **kw: Any
) -> RunningSandbox:
    """Serve a fresh sandbox (``create_app(behaviour, **kw)``) and return once it accepts connections."""
    app = create_app(behaviour, **kw)
    # The seeded store lives as long as the app: frozen, the collector's full passes (run on whichever
    # thread allocates, often the UI's during a sync) no longer walk it.
    gc.freeze()
    sock = bind(host, port)
    started = threading.Event()
    server = _Server(server_config(app), started.set)

    def run() -> None:
        try:
            server.run(sockets=[sock])
        finally:
            started.set()  # wake the caller if startup failed

    thread = threading.Thread(target=run, name="horde-sandbox", daemon=True)
    thread.start()
    if not started.wait(START_TIMEOUT) or not server.started:
        server.should_exit = True
        sock.close()
        raise RuntimeError("the sandbox Horde did not start")
    bound = sock.getsockname()[1]
    return RunningSandbox(f"http://{host}:{bound}/api", bound, app, server, thread, sock)


def serve_forever(
    port: int = 0,
    behaviour: Behaviour = "modern",
    out: TextIO = sys.stdout,
    *,
    real_limits: bool = False,
    request_log_file: Path | None = None,
    workers: WorkerSettings | None = None,
) -> None:
    """Serve on 127.0.0.1 until interrupted, after printing the base URL and demo keys, one per line.

    ``real_limits`` turns on the real server's rate limits and 30 s read caches (REFERENCE §1, §12);
    ``request_log_file`` and ``workers`` are ``create_app``'s.
    """
    host = "127.0.0.1"
    sock = bind(host, port)
    bound = sock.getsockname()[1]

    def announce() -> None:
        lines = (
            f"HORDE_BASE_URL=http://{host}:{bound}/api",
            f"CUSTOMIZER_KEY={CUSTOMIZER_KEY}",
            f"USER_KEY={USER_KEY}",
            f"MODERATOR_KEY={MODERATOR_KEY}",
        )
        out.write("".join(f"{line}\n" for line in lines))
        out.flush()

    app = create_app(
        behaviour,
        rate_limits=real_limits,
        response_cache=real_limits,
        request_log_file=request_log_file,
        workers=workers,
    )
    server = _Server(server_config(app), announce)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn shuts down on Ctrl-C, then re-raises the signal; exiting quietly is the point.
        pass
    finally:
        sock.close()
