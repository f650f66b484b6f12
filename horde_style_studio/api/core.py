"""The plumbing every endpoint group shares: the request engine, parsing into models, paging."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Final, TypeVar

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
# A fetched list page not read yet: calling it decodes and validates the rows (see ``fetch_style_page``).
PageReader = Callable[[], "ListPage[M]"]
_SHOWN_CHARS: Final = 60  # of a hostile row's id or name, in a message: a ten-megabyte name stays out
_ID_CHARS: Final = 64  # the ids are UUIDs (§2.8); anything far longer is no id to keep a row by


def _shortened(value: object, limit: int) -> str | None:
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class UnreadableRow:
    """A list row the models refused: its id (when it has a usable one), its name, cut short, and why."""

    id: str | None
    name: str | None
    reason: str

    def describe(self) -> str:
        label = f"“{self.name}”" if self.name else "a row with no readable name"
        where = f" (id {self.id})" if self.id and self.name else f" {self.id}" if self.id else ""
        return f"{label}{where}: {self.reason}"


class ListPage(list[M]):
    """The readable rows of one list page, plus what a walk needs to judge the page as the server sent it.

    ``raw_ids`` has one entry per row *sent* (None where a row has no usable id), so a page's length is
    the server's, not what survived parsing (issue 14: one bad row made a full page look like the last).
    """

    def __init__(self, rows: list[M], raw_ids: list[str | None], unreadable: list[UnreadableRow]) -> None:
        super().__init__(rows)
        self.raw_ids = raw_ids
        self.unreadable = unreadable


def row_id(item: object) -> str | None:
    """A raw row's id when it has one a library could be keyed by."""
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) and 0 < len(value) <= _ID_CHARS else None


def unreadable_row(item: object, err: pydantic.ValidationError | None) -> UnreadableRow:
    name = _shortened(item.get("name"), _SHOWN_CHARS) if isinstance(item, dict) else None
    raw_id = item.get("id") if isinstance(item, dict) else None
    reason = _reason(err) if err is not None else f"a row that is not an object ({type(item).__name__})"
    return UnreadableRow(_shortened(raw_id, _ID_CHARS), name, reason)


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

    async def _fetch_list_page(
        self, model: type[M], path: str, params: dict[str, Any], what: str
    ) -> PageReader[M]:
        """One page of a list, fetched now and decoded and parsed when the returned reader is called."""
        decode = await self._engine.request_answer("GET", path, params=params)
        return partial(self._read_list_page, model, decode, what)

    def _read_list_page(self, model: type[M], decode: Callable[[], Any], what: str) -> ListPage[M]:
        return self._parse_list(model, decode(), what)

    def _parse(self, model: type[M], data: Any, what: str) -> M:
        try:
            return model.model_validate(data)
        except pydantic.ValidationError as err:
            if isinstance(data, dict) and (data.get("name") or data.get("id")):
                # Name what was refused, cut short: the field at fault may be ten megabytes (issue 14).
                refused = unreadable_row(data, err).describe()
                raise HordeProtocolError(f"The AI Horde sent {what} the app refuses, {refused}.") from None
            raise HordeProtocolError(
                f"The AI Horde sent {what} in a shape the app does not understand "
                f"({err.error_count()} problem(s), first at {_first_loc(err)})."
            ) from None

    def _parse_list(self, model: type[M], data: Any, what: str, *, part: bool = False) -> ListPage[M]:
        """Parse row by row: one stored object the models cannot read (params outside today's bounds, a
        ten-megabyte name) must not hide the other 24 of its page, so such rows are set aside, logged and
        listed in the page's ``unreadable`` for the caller to report. A whole answer with no readable row
        is refused, unless it is ``part`` of a page (a walk's new rows)."""
        if not isinstance(data, list):
            raise HordeProtocolError(f"The AI Horde sent {what} that is not a list.")
        parsed: list[M] = []
        unreadable: list[UnreadableRow] = []
        for item in data:
            try:
                if not isinstance(item, dict):
                    raise TypeError(item)
                parsed.append(model.model_validate(item))
            except (pydantic.ValidationError, TypeError) as err:
                refused = unreadable_row(item, err if isinstance(err, pydantic.ValidationError) else None)
                log.warning("skipped a row of %s: %s", what, refused.describe())
                unreadable.append(refused)
        if data and not parsed and not part:
            raise HordeProtocolError(f"The AI Horde sent {what} in a shape the app does not understand.")
        return ListPage(parsed, [row_id(item) for item in data], unreadable)

    async def _modify(self, method: str, path: str, body: Any = None) -> ModifyResult:
        data = await self._call(method, path, auth=True, json_body=body)
        return self._parse(ModifyResult, data if data is not None else {}, "a write result")

    async def _walk(self, path: str, params: dict[str, Any]) -> AsyncIterator[list[Any]]:
        walker = self._pages.setdefault(path, PageWalker())

        async def fetch(page: int) -> list[Any]:
            data = await self._call("GET", path, params={**params, "page": page})
            if not isinstance(data, list):
                raise HordeProtocolError(f"The AI Horde sent a page of {path} that is not a list.")
            # Every row as sent, objects or not: the walker judges a page's end by the server's count.
            return data

        async for rows in walker.walk(fetch):
            yield rows


def _reason(err: pydantic.ValidationError) -> str:
    """The first problem of a refused row, in words, without echoing the (possibly huge) value."""
    first = err.errors()[0] if err.errors() else None
    if first is None:
        return "a shape the app does not understand"
    where = ".".join(str(part) for part in first["loc"]) or "the row"
    limit = (first.get("ctx") or {}).get("max_length")
    most = f"{limit:,}" if isinstance(limit, int) else "?"
    if first["type"] == "string_too_long":
        return f"its {where} is longer than the server allows ({most} characters)"
    if first["type"] == "too_long":
        return f"its {where} has more items than the server allows ({most})"
    return f"its {where} cannot be read ({_shortened(first['msg'], 120)})"


def _first_loc(err: pydantic.ValidationError) -> str:
    errors = err.errors()
    return ".".join(str(part) for part in errors[0]["loc"]) or "the top level" if errors else "?"
