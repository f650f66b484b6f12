"""After a library sync that could not fetch everything: what is missing, and when it is tried again.

The server's limits (§1, §12) can stop a list part-way; nothing fetched is lost, but the user must hear
what is missing and the app must come back for it (issue: nothing lost silently).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from horde_style_studio.workflows.sync.library_sync import SyncReport

LIST_NAMES = {
    "image": "image styles", "text": "text styles", "collections": "collections", "mine": "your own styles"
}  # fmt: skip
ORDER = tuple(LIST_NAMES)


@dataclass(frozen=True)
class FollowUp:
    """The lists to fetch again (``image``, ``text``, ``collections``, ``mine``) and when."""

    lists: frozenset[str]
    at: datetime
    text: str
    short: str


def follow_up(report: SyncReport) -> FollowUp | None:
    """None when the sync got everything, or when nothing was put off (an error is reported elsewhere)."""
    deferred = {name: r for name, r in report.lists.items() if not r.complete and r.deferred_until}
    when = report.deferred_until
    if not deferred or when is None:
        return None
    parts = []
    for name in sorted(deferred, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER)):
        seen = deferred[name].seen
        what = LIST_NAMES.get(name, name)
        parts.append(f"{what} ({seen:,} fetched so far)" if seen and name != "mine" else what)
    local = when.astimezone()
    stamp = f"{local:%H:%M:%S}"
    text = (
        f"Not refreshed yet: {', '.join(parts)}. The AI Horde is limiting requests from this address; "
        f"the app tries again at {stamp}."
    )
    return FollowUp(frozenset(deferred), when, text, f"Library incomplete, next try {stamp}")
