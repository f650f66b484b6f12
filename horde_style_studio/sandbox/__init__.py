"""The sandbox Horde: a faithful fake of the AI Horde styles API for tests, demos and ``--sandbox`` mode.

Layers below ``ui`` never import Qt (DESIGN.md). This package is self-contained: Starlette serves it
in-process (``httpx.ASGITransport(create_app())``) and uvicorn on a loopback port.
"""

from .app import SandboxApp, create_app
from .constants import Behaviour
from .faults import Fault, FaultKind, FaultPlan, RecordedRequest
from .server import RunningSandbox, serve_forever, start_in_thread
from .users import CUSTOMIZER_KEY, DEMO_USERS, MODERATOR_KEY, TRUSTED_KEY, USER_KEY, User

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
