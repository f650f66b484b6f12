"""The sandbox's listening socket, bound before its server exists (standard library only: cheap to import)."""

from __future__ import annotations

# socket.py's C core: socket.py itself (its enums, and selectors) costs about 5 ms that the desktop app's
# --sandbox would pay before its first paint (issue 18); the socket is wrapped once its server starts.
import _socket
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import socket


def bind(host: str, port: int, backlog: int = 128) -> socket.socket:
    """A listening socket; port 0 resolves to a free port, known before the server starts. Connections
    queue from now on, so clients may call before the server runs."""
    return wrapped(bind_bare(host, port, backlog))


def bind_bare(host: str, port: int, backlog: int = 128) -> _socket.socket:
    """:func:`bind`, without the ``socket`` module: :func:`wrapped` makes it the socket a server takes.

    The protocol is named because asyncio sets TCP_NODELAY only on sockets whose ``proto`` says TCP, and an
    accepted socket inherits it: with ``proto`` 0, Nagle's algorithm met the client's delayed ACK and every
    response waited ~40 ms (a 10,000-style sync took 22 s instead of 4)."""
    sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM, _socket.IPPROTO_TCP)
    try:
        sock.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()  # a busy port is the caller's OSError to report, without a leaked socket
        raise
    return sock


def wrapped(bare: _socket.socket) -> socket.socket:
    """``bare``'s connection as a ``socket.socket``, which owns it from now on."""
    import socket

    return socket.socket(bare.family, bare.type, bare.proto, fileno=bare.detach())
