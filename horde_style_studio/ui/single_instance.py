"""One copy of the app per data folder. Two copies on one folder would open the same draft, and one copy's
keystrokes would silently be lost; so the first copy holds a lock in the folder and listens on a local
socket named after it, and a second copy asks the first to bring its window forward, then quits."""

from __future__ import annotations

import logging
import time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from horde_style_studio import APP_ID

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

SHOW = b"show\n"
WAIT_MS = 2000
# How long a second copy tries to reach the first: the first listens only once its window has painted
# (QtNetwork is not loaded before the first paint, issue 18), which can take seconds on a busy machine.
REACH_S = 10.0
ALREADY_RUNNING = (
    "Another copy of the app was started on this data folder; this window is used instead, so that no "
    "two copies edit the same drafts."
)


def socket_name(data_dir: Path) -> str:
    # A name, not a path: Qt puts it in the temporary folder. The hash keeps it short and per data folder.
    # hashlib here: it loads OpenSSL, which the first paint does without (issue 18).
    import hashlib

    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{APP_ID}-{digest}"


class SingleInstance(QObject):
    """:meth:`claim` the data folder ``data_dir`` by holding ``lock_file``; ``show_requested()`` when a second
    copy asks for the window."""

    show_requested = Signal()

    def __init__(self, data_dir: Path, lock_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        lock_file.parent.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(lock_file))
        # Stale only when its process is gone (Qt checks the process id), never by age: a copy may run
        # for weeks.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    @cached_property
    def name(self) -> str:
        """The local socket's name; asked for after the first paint, or by a second copy."""
        return socket_name(self._data_dir)

    def claim(self) -> bool:
        """True when this copy now owns the folder; False when another copy does (it was asked to show
        its window). Call :meth:`listen` once the window is up, so later copies can reach this one."""
        if not self._lock.tryLock(0):
            self._ask_first_copy()
            return False
        return True

    def listen(self) -> None:
        """Answer later copies' requests to show the window (once; after :meth:`claim` returned True)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None:
            return
        QLocalServer.removeServer(self.name)  # a socket left by a copy that crashed
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self.name):
            log.info("this copy owns its data folder; later copies ask it for its window")
        else:
            log.warning("cannot listen for other copies of the app: %s", server.errorString())
        server.newConnection.connect(self._accept)
        self._server = server

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _ask_first_copy(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        deadline = time.monotonic() + REACH_S
        while True:
            socket.connectToServer(self.name)
            if socket.waitForConnected(WAIT_MS):
                socket.write(SHOW)
                socket.waitForBytesWritten(WAIT_MS)
                socket.disconnectFromServer()
                return
            # Not listening yet (its window is still on its way) or gone: try again while it may come.
            if time.monotonic() >= deadline:
                break
            time.sleep(0.1)
        log.warning("another copy holds the data folder but does not answer: %s", socket.errorString())

    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            connection = server.nextPendingConnection()
            connection.disconnected.connect(connection.deleteLater)
            connection.readyRead.connect(lambda c=connection: self._read(c))

    def _read(self, connection: QLocalSocket) -> None:
        if SHOW in bytes(connection.readAll().data()):
            log.info("another copy of the app asked for this window")
            self.show_requested.emit()
