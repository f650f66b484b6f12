"""``HordeManualClient``: one async method per endpoint of REFERENCE §2, §3, §6 and §7.

It talks to the API and owns nothing: the ``httpx.AsyncClient`` is injected (see ``HordeClientSession`` for
the owner). Every method returns domain models and raises :mod:`horde_style_studio.api.errors` types.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Sequence
from typing import Any, Literal, TypeVar, overload
from urllib.parse import quote

import httpx
import pydantic

from horde_style_studio.api.errors import (
    BadRequestError,
    HordeProtocolError,
    NotFoundError,
    ServerError,
    TextPatchUnsupportedError,
)
from horde_style_studio.api.http import RequestEngine, Sleep
from horde_style_studio.api.paging import PageWalker
from horde_style_studio.api.retry import RetryPolicy
from horde_style_studio.domain.base import HordeModel, StyleKind
from horde_style_studio.domain.collections import Collection, CollectionWrite
from horde_style_studio.domain.responses import ModifyResult
from horde_style_studio.domain.status import ActiveModel, StyleContract
from horde_style_studio.domain.styles import (
    AnyStyle,
    ImageStyle,
    ImageStyleWrite,
    StyleExample,
    TextStyle,
    TextStyleWrite,
    style_read_model,
)
from horde_style_studio.domain.users import UserDetails

log = logging.getLogger(__name__)

SortOrder = Literal["popular", "age"]
CollectionKind = Literal["all", "image", "text"]
ServerFlavour = Literal["5.1.13", "5.1.5"]
M = TypeVar("M", bound=HordeModel)

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_uuid(text: str) -> bool:
    return bool(_UUID.match(text.strip()))


def by_name_path(name: str) -> str:
    """Percent-encode a name for a by-name route: ``#`` must travel as ``%23`` (§2.4, §12)."""
    return quote(name, safe="")


def member_reference(unique_name: str) -> str:
    """Turn the server's ``alias::style::name`` into ``style::alias::name``, the order it can parse (§2.4)."""
    parts = unique_name.split("::")
    if len(parts) == 3 and parts[1] == "style":
        return f"style::{parts[0]}::{parts[2]}"
    return unique_name


def style_reference(style: AnyStyle) -> str:
    """How to name a style so the server resolves it to exactly this one (§2.4, §11.4)."""
    return f"style::{style.creator}::{style.name}" if style.creator else style.name


class HordeManualClient:
    """Every styles, collections, users and models endpoint over an injected ``httpx.AsyncClient``."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        api_key: str | None = None,
        contact: str | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        sleep: Sleep | None = None,
    ) -> None:
        extra: dict[str, Any] = {"sleep": sleep} if sleep is not None else {}
        self._engine = RequestEngine(
            http, api_key=api_key, contact=contact, timeout=timeout, retry=retry, **extra
        )
        self._pages: dict[str, PageWalker] = {}
        self._flavour: ServerFlavour | None = None

    def __repr__(self) -> str:
        signed = "with key" if self._engine.has_api_key else "anonymous"
        return f"{type(self).__name__}({self.base_url!r}, {signed})"

    # -- configuration ---------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return str(self._engine._http.base_url).rstrip("/")

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

    # -- styles (§2) -----------------------------------------------------------------------------------------
    async def list_styles(
        self,
        kind: StyleKind,
        *,
        sort: SortOrder = "popular",
        tag: str | None = None,
        model: str | None = None,
        page: int = 1,
        all_pages: bool = False,
    ) -> list[AnyStyle]:
        """One page (25 rows, public styles only, §2.1) or, with ``all_pages``, the whole list, deduped."""
        params: dict[str, Any] = {"sort": sort, "tag": tag, "model": model}
        read = style_read_model(kind)
        if not all_pages:
            data = await self._call("GET", f"/v2/styles/{kind.value}", params={**params, "page": page})
            return list(self._parse_list(read, data, "a style list"))
        found: list[AnyStyle] = []
        async for rows in self.iter_style_pages(kind, sort=sort, tag=tag, model=model):
            found.extend(rows)
        return found

    async def iter_style_pages(
        self,
        kind: StyleKind,
        *,
        sort: SortOrder = "popular",
        tag: str | None = None,
        model: str | None = None,
    ) -> AsyncIterator[list[AnyStyle]]:
        """Each page's new styles, for syncs that show progress and can stop between pages."""
        read = style_read_model(kind)
        async for rows in self._walk(f"/v2/styles/{kind.value}", {"sort": sort, "tag": tag, "model": model}):
            yield list(self._parse_list(read, rows, "a style list"))

    @overload
    async def get_style(self, kind: Literal[StyleKind.IMAGE], style_id: str) -> ImageStyle: ...
    @overload
    async def get_style(self, kind: Literal[StyleKind.TEXT], style_id: str) -> TextStyle: ...
    @overload
    async def get_style(self, kind: StyleKind, style_id: str) -> AnyStyle: ...
    async def get_style(self, kind: StyleKind, style_id: str) -> AnyStyle:
        data = await self._call("GET", f"/v2/styles/{kind.value}/{quote(style_id, safe='')}")
        return self._parse(style_read_model(kind), data, "a style")

    @overload
    async def get_style_by_name(self, kind: Literal[StyleKind.IMAGE], name: str) -> ImageStyle: ...
    @overload
    async def get_style_by_name(self, kind: Literal[StyleKind.TEXT], name: str) -> TextStyle: ...
    @overload
    async def get_style_by_name(self, kind: StyleKind, name: str) -> AnyStyle: ...
    async def get_style_by_name(self, kind: StyleKind, name: str) -> AnyStyle:
        data = await self._call("GET", f"/v2/styles/{kind.value}_by_name/{by_name_path(name)}")
        return self._parse(style_read_model(kind), data, "a style")

    async def create_style(self, kind: StyleKind, payload: ImageStyleWrite | TextStyleWrite) -> ModifyResult:
        _check_kind(kind, payload)
        return await self._modify("POST", f"/v2/styles/{kind.value}", payload.to_payload())

    async def patch_style(
        self, kind: StyleKind, style_id: str, payload: ImageStyleWrite | TextStyleWrite
    ) -> ModifyResult:
        """PATCH with the *full* object: 5.1.5 resets what is omitted (§2.5 B2), 5.1.13 ignores the repeats.

        ``sharedkey`` is never sent: 5.1.5 refuses every PATCH that carries one (§2.5).
        """
        _check_kind(kind, payload)
        path = f"/v2/styles/{kind.value}/{quote(style_id, safe='')}"
        try:
            return await self._modify("PATCH", path, payload.to_patch_payload())
        except ServerError as err:
            if kind is StyleKind.TEXT and err.status == 500:
                # §2.5 / §9 B4: 5.1.5 answers every text-style PATCH with 500 and commits nothing.
                raise TextPatchUnsupportedError(status=500, rc=err.rc) from None
            raise

    async def delete_style(self, kind: StyleKind, style_id: str) -> ModifyResult:
        return await self._modify("DELETE", f"/v2/styles/{kind.value}/{quote(style_id, safe='')}")

    # -- examples (§2.7) -------------------------------------------------------------------------------------
    async def add_example(self, style_id: str, url: str, *, primary: bool = False) -> ModifyResult:
        """Add an example; with ``primary`` it is made primary by a second call.

        The first example must be posted with ``primary: false`` (5.1.5 answers 500 otherwise, §2.7 B5) and
        becomes primary by itself; the explicit PATCH afterwards is harmless on both versions.
        """
        path = f"/v2/styles/image/{quote(style_id, safe='')}/example"
        result = await self._modify("POST", path, {"url": url, "primary": False})
        if primary and result.id:
            await self.patch_example(style_id, result.id, url=url, primary=True)
        return result

    async def patch_example(self, style_id: str, example_id: str, *, url: str, primary: bool) -> ModifyResult:
        """Always sends both fields: a missing ``url`` fails and a missing ``primary`` means true (§2.7)."""
        path = f"/v2/styles/image/{quote(style_id, safe='')}/example/{quote(example_id, safe='')}"
        return await self._modify("PATCH", path, {"url": url, "primary": primary})

    async def set_primary_example(self, style_id: str, example: StyleExample) -> ModifyResult:
        return await self.patch_example(style_id, example.id, url=example.url, primary=True)

    async def delete_example(self, style_id: str, example_id: str) -> ModifyResult:
        path = f"/v2/styles/image/{quote(style_id, safe='')}/example/{quote(example_id, safe='')}"
        return await self._modify("DELETE", path)

    async def ensure_single_primary(self, style_id: str) -> ImageStyle:
        """Leave exactly one primary example, whatever the server did (5.1.5 marks all primary after a
        primary is deleted, §2.7 B5), and return the style as re-read."""
        style = await self.get_style(StyleKind.IMAGE, style_id)
        primaries = [ex for ex in style.examples if ex.primary]
        if not style.examples or len(primaries) == 1:
            return style
        if not primaries:
            await self.set_primary_example(style_id, style.examples[0])
        for extra in primaries[1:]:
            await self.patch_example(style_id, extra.id, url=extra.url, primary=False)
        return await self.get_style(StyleKind.IMAGE, style_id)

    # -- collections (§3) ------------------------------------------------------------------------------------
    async def list_collections(
        self,
        *,
        kind: CollectionKind = "all",
        sort: SortOrder = "popular",
        page: int = 1,
        all_pages: bool = False,
    ) -> list[Collection]:
        params: dict[str, Any] = {"sort": sort, "type": kind}
        if not all_pages:
            data = await self._call("GET", "/v2/collections", params={**params, "page": page})
            return self._parse_list(Collection, data, "a collection list")
        found: list[Collection] = []
        async for rows in self._walk("/v2/collections", params):
            found.extend(self._parse_list(Collection, rows, "a collection list"))
        return found

    async def get_collection(self, collection_id: str) -> Collection:
        data = await self._call("GET", f"/v2/collections/{quote(collection_id, safe='')}")
        return self._parse(Collection, data, "a collection")

    async def get_collection_by_name(self, name: str) -> Collection:
        """By name, prefixed ``collection::`` so a style of the same name is not found first (§3, §9 B6)."""
        ref = name if name.startswith("collection::") else f"collection::{name}"
        data = await self._call("GET", f"/v2/collection_by_name/{by_name_path(ref)}")
        return self._parse(Collection, data, "a collection")

    async def create_collection(self, payload: CollectionWrite) -> ModifyResult:
        body = payload.to_payload()
        body["styles"] = await self.resolve_members(payload.styles)
        return await self._modify("POST", "/v2/collections", body)

    async def patch_collection(self, collection_id: str, payload: CollectionWrite) -> ModifyResult:
        """Members always travel, by name: 5.1.5 refuses a PATCH without a by-name style (§3, §9 B6)."""
        members = list(payload.styles)
        if not members:
            current = await self.get_collection(collection_id)
            members = [member_reference(m.name) for m in current.styles]
        body = payload.to_payload()
        body["styles"] = await self.resolve_members(members)
        return await self._modify("PATCH", f"/v2/collections/{quote(collection_id, safe='')}", body)

    async def delete_collection(self, collection_id: str) -> ModifyResult:
        return await self._modify("DELETE", f"/v2/collections/{quote(collection_id, safe='')}")

    async def resolve_members(self, entries: Sequence[str]) -> list[str]:
        """Replace style ids by ``style::alias::name`` references.

        5.1.5 sets a collection's type, and checks that kinds do not mix, only from members given by name
        (§3): all-id members give a 500 or a typeless collection.
        """
        resolved: list[str] = []
        kinds: set[StyleKind] = set()
        for entry in entries:
            if not is_uuid(entry):
                resolved.append(member_reference(entry))
                continue
            style = await self._style_of_any_kind(entry)
            kinds.add(style.kind)
            resolved.append(style_reference(style))
        if len(kinds) > 1:
            raise BadRequestError("A collection holds styles of one kind: these mix image and text styles.")
        return resolved

    async def _style_of_any_kind(self, style_id: str) -> AnyStyle:
        try:
            return await self.get_style(StyleKind.IMAGE, style_id)
        except BadRequestError:
            # §2.3: the image route refuses a text style's id with a 400 "wrong type".
            return await self.get_style(StyleKind.TEXT, style_id)

    # -- users and models (§6, §7) ---------------------------------------------------------------------------
    async def find_user(self, *, api_key: str | None = None) -> UserDetails:
        """The account behind the API key (404 ``UserNotFound`` for an unknown key, §6, §12).

        ``api_key`` checks another key without adopting it, so a failed sign-in leaves the session as it was.
        """
        data = await self._call("GET", "/v2/find_user", auth=True, api_key=api_key)
        return self._parse(UserDetails, data, "account details")

    async def get_user(self, user_id: int) -> UserDetails:
        data = await self._call("GET", f"/v2/users/{int(user_id)}")
        return self._parse(UserDetails, data, "account details")

    async def models_status(
        self, kind: StyleKind = StyleKind.IMAGE, *, min_count: int | None = None, model_state: str = "all"
    ) -> list[ActiveModel]:
        params = {"type": kind.value, "min_count": min_count, "model_state": model_state}
        data = await self._call("GET", "/v2/status/models", params=params)
        return self._parse_list(ActiveModel, data, "the model list")

    async def style_contract(self) -> StyleContract | None:
        """The 5.1.13 contract, or None on a server without the route (5.1.5, §10, §11.2)."""
        try:
            data = await self._call("GET", "/v2/status/style_contract")
        except NotFoundError:
            return None
        return self._parse(StyleContract, data, "the style contract")

    async def server_flavour(self) -> ServerFlavour:
        if self._flavour is None:
            self._flavour = "5.1.13" if await self.style_contract() is not None else "5.1.5"
        return self._flavour


def _check_kind(kind: StyleKind, payload: ImageStyleWrite | TextStyleWrite) -> None:
    expected = ImageStyleWrite if kind is StyleKind.IMAGE else TextStyleWrite
    if not isinstance(payload, expected):
        raise TypeError(f"a {kind.value} style needs a {expected.__name__} payload")


def _first_loc(err: pydantic.ValidationError) -> str:
    errors = err.errors()
    return ".".join(str(part) for part in errors[0]["loc"]) or "the top level" if errors else "?"


__all__ = [
    "HordeManualClient",
    "ServerFlavour",
    "TextStyle",
    "is_uuid",
    "member_reference",
    "style_reference",
]
