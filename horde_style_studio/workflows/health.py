"""Gathering what the health checks need from the live Horde: served models and dead example links.

Both answers are kept for a while (``ttl``), so a Browse page of own styles costs one models request per
kind and one fetch per primary example, however often the page is redrawn.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from typing import Final

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.errors import HordeError
from horde_style_studio.domain.health import HealthIssue, style_health
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import AnyStyle, primary_example
from horde_style_studio.services.images import ImageCheckError, ImageFetcher, ImageProblem

TTL: Final = 600.0
PROBES_AT_ONCE: Final = 4
# Unreachable may be this machine being offline, so only a link that answered wrongly counts as dead.
_DEAD: Final = frozenset({ImageProblem.BROKEN, ImageProblem.NOT_IMAGE, ImageProblem.URL_REFUSED})


class HealthChecker:
    """Health issues of styles, with the live facts fetched once per ``ttl``."""

    def __init__(
        self,
        session: HordeClientSession,
        fetcher: ImageFetcher | None = None,
        *,
        ttl: float = TTL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self.fetcher = fetcher
        self._ttl = ttl
        self._clock = clock
        self._served: dict[StyleKind, tuple[float, frozenset[str]]] = {}
        self._links: dict[str, tuple[float, bool]] = {}
        self._probes = asyncio.Semaphore(PROBES_AT_ONCE)

    async def check(self, styles: Sequence[AnyStyle]) -> dict[str, list[HealthIssue]]:
        """Issues by style id (an empty list for a healthy style)."""
        served = {kind: await self.served_models(kind) for kind in {style.kind for style in styles}}
        urls = [example.url for style in styles if (example := primary_example(style)) is not None]
        dead = await self.dead_links(urls)
        return {
            style.id: style_health(style, served_models=served[style.kind], dead_links=dead)
            for style in styles
        }

    async def served_models(self, kind: StyleKind) -> frozenset[str] | None:
        """The model names some worker serves now; None when the server could not say."""
        cached = self._served.get(kind)
        if cached is not None and self._clock() - cached[0] < self._ttl:
            return cached[1]
        try:
            models = await self.session.models_status(kind)
        except HordeError:
            return None
        names = frozenset(model.name for model in models if model.count > 0)
        self._served[kind] = (self._clock(), names)
        return names

    async def dead_links(self, urls: Sequence[str]) -> frozenset[str]:
        if self.fetcher is None:
            return frozenset()
        results = await asyncio.gather(*(self._is_dead(url) for url in dict.fromkeys(urls)))
        return frozenset(url for url, dead in zip(dict.fromkeys(urls), results, strict=True) if dead)

    async def _is_dead(self, url: str) -> bool:
        cached = self._links.get(url)
        if cached is not None and self._clock() - cached[0] < self._ttl:
            return cached[1]
        assert self.fetcher is not None  # dead_links checked
        async with self._probes:
            try:
                await self.fetcher.fetch(url)
            except ImageCheckError as err:
                dead = err.problem in _DEAD
            else:
                dead = False
        self._links[url] = (self._clock(), dead)
        return dead
