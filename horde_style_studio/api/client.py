"""``HordeManualClient``: one async method per endpoint of REFERENCE §2, §3, §6 and §7.

It talks to the API and owns nothing: the ``httpx.AsyncClient`` is injected (see ``HordeClientSession`` for
the owner). Every method returns domain models and raises :mod:`horde_style_studio.api.errors` types. The
endpoints live in one module per group; this class puts them together.
"""

from __future__ import annotations

from horde_style_studio.api.accounts import AccountEndpoints, ServerFlavour
from horde_style_studio.api.collections import CollectionEndpoints, CollectionKind
from horde_style_studio.api.examples import ExampleEndpoints
from horde_style_studio.api.generate import GenerateEndpoints
from horde_style_studio.api.references import by_name_path, is_uuid, member_reference, style_reference
from horde_style_studio.api.styles import SortOrder


class HordeManualClient(ExampleEndpoints, CollectionEndpoints, AccountEndpoints, GenerateEndpoints):
    """Every styles, collections, users, models and generation endpoint over an injected httpx client."""


__all__ = [
    "CollectionKind",
    "HordeManualClient",
    "ServerFlavour",
    "SortOrder",
    "by_name_path",
    "is_uuid",
    "member_reference",
    "style_reference",
]
