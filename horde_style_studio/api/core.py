"""The plumbing every endpoint group shares: the request engine, parsing into models, paging."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

import httpx
import pydantic

from horde_style_studio.api.errors import HordeProtocolError
from horde_style_studio.api.http import RequestEngine, Sleep
from horde_style_studio.api.paging import PageWalker
from horde_style_studio.api.retry import RetryPolicy
from horde_style_studio.domain.base import HordeModel
from horde_style_studio.domain.responses import ModifyResult

log = logging.getLogger(__name__)
M = TypeVar("M", bound=HordeModel)


class ClientCore:
    """Talks to the API through an injected ``httpx.AsyncClient`` it does not own (the session does)."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        api_key: str | None = None,
        contact: str | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        sleep: Sleep | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        extra: dict[str, Any] = {"sleep": sleep} if sleep is not None else {}
        if clock is not None:
            extra["clock"] = clock
        self._engine = RequestEngine(
            http, api_key=api_key, contact=contact, timeout=timeout, retry=retry, **extra
        )
        self._pages: dict[str, PageWalker] = {}

    def __repr__(self) -> str:
        signed = "with key" if self._engine.has_api_key else "anonymous"
        return f"{type(self).__name__}({self.base_url!r}, {signed})"

    # -- configuration ---------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return str(self._engine.http.base_url).rstrip("/")

    @property
    def api_key(self) -> str | None:
        return self._engine.api_key

    @api_key.setter
    def api_key(self, value: str | None) -> None:
        self._engine.api_key = value

    @property
    def in_flight(self) -> int:
        return self._engine.in_flight

    @property
    def engine(self) -> RequestEngine:
        return self._engine

    def set_contact(self, contact: str | None) -> None:
        self._engine.set_contact(contact)

    # -- plumbing --------------------------------------------------------------------------------------------
    async def _call(self, method: str, path: str, *, auth: bool = False, **kw: Any) -> Any:
        return await self._engine.request_json(method, path, auth=auth, **kw)

    def _parse(self, model: type[M], data: Any, what: str) -> M:
        try:
            return model.model_validate(data)
        except pydantic.ValidationError as err:
            raise HordeProtocolError(
                f"The AI Horde sent {what} in a shape the app does not understand "
                f"({err.error_count()} problem(s), first at {_first_loc(err)})."
            ) from None

    def _parse_list(self, model: type[M], data: Any, what: str) -> list[M]:
        """Parse row by row: one stored object the models cannot read (params outside today's bounds,
        say) must not hide the other 24 of its page, so such rows are skipped and logged."""
        if not isinstance(data, list):
            raise HordeProtocolError(f"The AI Horde sent {what} that is not a list.")
        parsed: list[M] = []
        for item in data:
            try:
                parsed.append(model.model_validate(item))
            except pydantic.ValidationError as err:
                row_id = item.get("id") if isinstance(item, dict) else None
                log.warning("skipped a row of %s (id %s): %s", what, row_id, _first_loc(err))
        if data and not parsed:
            raise HordeProtocolError(f"The AI Horde sent {what} in a shape the app does not understand.")
        return parsed

    async def _modify(self, method: str, path: str, body: Any = None) -> ModifyResult:
        data = await self._call(method, path, auth=True, json_body=body)
        return self._parse(ModifyResult, data if data is not None else {}, "a write result")

    async def _walk(self, path: str, params: dict[str, Any]) -> AsyncIterator[list[dict[str, Any]]]:
        walker = self._pages.setdefault(path, PageWalker())

        async def fetch(page: int) -> list[dict[str, Any]]:
            data = await self._call("GET", path, params={**params, "page": page})
            if not isinstance(data, list):
                raise HordeProtocolError(f"The AI Horde sent a page of {path} that is not a list.")
            return [row for row in data if isinstance(row, dict)]

        async for rows in walker.walk(fetch):
            yield rows


def _first_loc(err: pydantic.ValidationError) -> str:
    errors = err.errors()
    return ".".join(str(part) for part in errors[0]["loc"]) or "the top level" if errors else "?"
