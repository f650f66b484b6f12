"""The sandbox Horde: a faithful fake of the AI Horde styles API for tests, demos and ``--sandbox`` mode.

Layers below ``ui`` never import Qt (DESIGN.md). This package is self-contained: Starlette serves it
in-process (``httpx.ASGITransport(create_app())``) and uvicorn on a loopback port.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import SandboxApp, create_app
    from .constants import Behaviour
    from .faults import Fault, FaultKind, FaultPlan, RecordedRequest
    from .server import RunningSandbox, serve_forever, start_in_thread
    from .users import CUSTOMIZER_KEY, DEMO_USERS, MODERATOR_KEY, TRUSTED_KEY, USER_KEY, User

_HOME = {
    **dict.fromkeys(("SandboxApp", "create_app"), ".app"),
    "Behaviour": ".constants",
    **dict.fromkeys(("Fault", "FaultKind", "FaultPlan", "RecordedRequest"), ".faults"),
    **dict.fromkeys(("RunningSandbox", "serve_forever", "start_in_thread"), ".server"),
    **dict.fromkeys(("CUSTOMIZER_KEY", "DEMO_USERS", "MODERATOR_KEY", "TRUSTED_KEY", "USER_KEY"), ".users"),
    "User": ".users",
}


def __getattr__(name: str) -> Any:
    """Each name is imported on first use: the desktop app reads the demo keys before its first paint, and
    the server, its seed data and uvicorn only after it."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name], __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "CUSTOMIZER_KEY",
    "DEMO_USERS",
    "MODERATOR_KEY",
    "TRUSTED_KEY",
    "USER_KEY",
    "Behaviour",
    "Fault",
    "FaultKind",
    "FaultPlan",
    "RecordedRequest",
    "RunningSandbox",
    "SandboxApp",
    "User",
    "create_app",
    "serve_forever",
    "start_in_thread",
]
