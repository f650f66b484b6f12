"""The service layer: typed async access to the AI Horde styles API (no Qt)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from horde_style_studio._exports import lazy_exports

if TYPE_CHECKING:
    from horde_style_studio.api.client import HordeManualClient
    from horde_style_studio.api.session import DEFAULT_BASE_URL, HordeClientSession

# Imported on first use (see _exports): importing one module of the package builds only what it needs.
__getattr__ = lazy_exports(
    __name__,
    {
        "HordeManualClient": "client",
        **dict.fromkeys(("DEFAULT_BASE_URL", "HordeClientSession"), "session"),
    },
)

__all__ = ["DEFAULT_BASE_URL", "HordeClientSession", "HordeManualClient"]
