"""A sandbox whose socket listens at once but whose server is built later, on its own thread: what the
desktop app's ``--sandbox`` runs, so that the seed data and uvicorn cost nothing before its first paint."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .listening import bind_bare, wrapped

if TYPE_CHECKING:
    import _socket

    import uvicorn

    from .app import SandboxApp
    from .constants import Behaviour


class DeferredSandbox:
    """``base_url`` is known, and requests queue, from construction; :meth:`start` builds and serves the
    sandbox (``create_app(behaviour, **kw)``) on a daemon thread; :meth:`stop` ends it, started or not."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        behaviour: Behaviour = "modern",
        prepare: Callable[[SandboxApp], None] | None = None,
        **kw: Any,
    ):
        self._prepare = prepare  # runs on the new app before it serves (fault injection for a manual look)
        self._socket: _socket.socket = bind_bare(host, port)
        self.port: int = self._socket.getsockname()[1]
        self.base_url = f"http://{host}:{self.port}/api"
        self._behaviour, self._kw = behaviour, kw
        self._lock = threading.Lock()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False

    def start(self) -> None:
        """Start serving; a second call does nothing."""
        with self._lock:
            if self._thread is not None or self._stopped:
                return
            self._thread = threading.Thread(target=self._serve, name="horde-sandbox", daemon=True)
            self._thread.start()

    def _serve(self) -> None:
        import uvicorn

        from .app import create_app
        from .server import server_config

        app = create_app(self._behaviour, **self._kw)
        if self._prepare is not None:
            self._prepare(app)
        # The seeded store lives as long as the app: frozen, the collector's full passes (run on whichever
        # thread allocates, often the UI's during a sync) no longer walk it.
        gc.freeze()
        with self._lock:
            if self._stopped:
                return
            self._server = uvicorn.Server(server_config(app))
            self._socket = sock = wrapped(self._socket)
        self._server.run(sockets=[sock])

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            self._stopped = True
            if self._server is not None:
                self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        self._socket.close()
