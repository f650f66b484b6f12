"""What the Collections tab says: reasons, counts, and failed saves explained by the server's quirks."""

from __future__ import annotations

from horde_style_studio.api.errors import ForbiddenError, HordeError, NotFoundError, ServerError
from horde_style_studio.domain.users import ANONYMOUS_ABILITIES
from horde_style_studio.workflows.collections.records import CollectionDraft

SIGNED_OUT = "Sign in to save collections: any registered AI Horde account can make them."
ANONYMOUS = ANONYMOUS_ABILITIES


def styles(count: int, noun: str = "style") -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def save_error(err: HordeError, draft: CollectionDraft) -> str:
    """The sentence for a failed save, with what the server's quirks make likely (§3, §9 B6)."""
    if isinstance(err, ServerError) and draft.creates:
        # The server's own text is often just "Internal Server Error" (§1); say what it likely means.
        return (
            f"The AI Horde had an internal error (HTTP {err.status}). If your account already has a "
            f"collection called “{draft.name.strip()}” (made elsewhere), choose another name: the server "
            "fails like this on a repeated name."
        )
    if isinstance(err, ForbiddenError) and not draft.creates:
        return f"{err} Only the account that made a collection can change it; saving from here needs a copy."
    if isinstance(err, NotFoundError) and not draft.creates:
        return f"{err} It was deleted on the server; open it again and save to create it anew."
    return str(err)
