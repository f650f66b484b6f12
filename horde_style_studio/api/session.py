"""``HordeClientSession``: the async context manager that owns the one ``httpx.AsyncClient``."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from types import TracebackType
from typing import TYPE_CHECKING, Self

import httpx

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.api.http import Sleep
from horde_style_studio.api.retry import RetryPolicy

if TYPE_CHECKING:
    import ssl

DEFAULT_BASE_URL = "https://aihorde.net/api"


@cache
def tls_context() -> ssl.SSLContext:
    """httpx's own default TLS settings (certifi's certificates, or those SSL_CERT_FILE / SSL_CERT_DIR name),
    made once for every session: loading the certificates takes ~50 ms, which the app spends on its import
    thread after the first paint rather than in a turn of the window's event loop (issue 18)."""
    return httpx.create_ssl_context()


class HordeClientSession(HordeManualClient):
    """Owns the connection pool. Leaving the context (or :meth:`aclose`) first cancels on the server every
    generation job it submitted that is not over (window closed, CLI interrupted, error), then cancels every
    request still in flight, waits for them to stop and closes the pool, also when the body raised.

    ``transport`` is injected by tests (``httpx.ASGITransport(sandbox)`` or ``httpx.MockTransport``), and
    ``clock`` (what the rate budgets compare the server's reset times with) and ``sleep`` by tests whose
    sandbox runs on a fake clock.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        api_key: str | None = None,
        contact: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        sleep: Sleep | None = None,
        clock: Callable[[], float] | None = None,
        max_connections: int = 8,
    ) -> None:
        limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"), transport=transport, limits=limits, follow_redirects=False,
            verify=tls_context() if transport is None else True,  # an injected transport brings its own
        )
        self._closed = False
        super().__init__(
            self._http,
            api_key=api_key,
            contact=contact,
            timeout=timeout,
            retry=retry,
            sleep=sleep,
            clock=clock,
        )

    @property
    def closed(self) -> bool:
        return self._closed

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            try:
                await self.cancel_unfinished()
            finally:
                await self.engine.cancel_in_flight()
        finally:
            await self._http.aclose()
