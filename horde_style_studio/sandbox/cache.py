"""Optional response caches: the server's Flask-Caching ``@cache.cached`` on reads (REFERENCE §1, §12).

A GET answered 200 is kept for 30 s (the text list for 1 s) and served to every client, keyed by path and
query, so a write can take up to 30 s to show in reads. Rate limits are counted before the cache (the
limiter wraps the resource), so a cached answer still spends a request of the budget.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.types import Message, Send

_TEXT_LIST = re.compile(r"^/api/v2/styles/text$")
_CACHED = re.compile(
    r"^/api/v2/(styles/(image|text)(/[^/]+)?|styles/(image|text)_by_name/.+|collections(/[^/]+)?"
    r"|collection_by_name/.+)$"
)
SECONDS = 30.0


@dataclass(frozen=True)
class _CachedAnswer:
    stored_at: float
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


def ttl_for(path: str) -> float | None:
    if _TEXT_LIST.match(path):
        return 1.0
    return SECONDS if _CACHED.match(path) else None


@dataclass
class ResponseCache:
    clock: Callable[[], float] = time.monotonic
    _entries: dict[tuple[str, str], _CachedAnswer] = field(default_factory=dict)

    def lookup(self, path: str, query: str) -> _CachedAnswer | None:
        ttl = ttl_for(path)
        entry = self._entries.get((path, query))
        if ttl is None or entry is None or self.clock() - entry.stored_at >= ttl:
            return None
        return entry

    def recorder(self, path: str, query: str, send: Send) -> Send:
        """Wrap ``send`` so that a 200 answer to a cached route is kept as it goes out."""
        if ttl_for(path) is None:
            return send
        start: list[Message] = []
        chunks: list[bytes] = []

        async def recording(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.append(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and start and start[0]["status"] == 200:
                    headers = list(start[0].get("headers", []))
                    entry = _CachedAnswer(self.clock(), 200, headers, b"".join(chunks))
                    self._entries[(path, query)] = entry
            await send(message)

        return recording

    async def replay(self, entry: _CachedAnswer, send: Send) -> None:
        await send({"type": "http.response.start", "status": entry.status, "headers": entry.headers})
        await send({"type": "http.response.body", "body": entry.body, "more_body": False})
