"""The service layer: typed async access to the AI Horde styles API (no Qt)."""

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.api.session import DEFAULT_BASE_URL, HordeClientSession

__all__ = ["DEFAULT_BASE_URL", "HordeClientSession", "HordeManualClient"]
