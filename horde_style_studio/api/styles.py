"""Style endpoints of REFERENCE §2: list, get, get by name, create, patch, delete, for both kinds."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Literal, TypeVar, overload
from urllib.parse import quote

from horde_style_studio.api.core import ClientCore, ListPage, PageReader
from horde_style_studio.api.errors import (
    BadRequestError,
    NotFoundError,
    ServerError,
    TextPatchUnsupportedError,
)
from horde_style_studio.api.references import by_name_path, member_reference
from horde_style_studio.domain.collections import Collection
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.responses import ModifyResult
from horde_style_studio.domain.styles import (
    AnyStyle,
    ImageStyle,
    ImageStyleWrite,
    TextStyle,
    TextStyleWrite,
    style_read_model,
)

SortOrder = Literal["popular", "age"]
_Ranked = TypeVar("_Ranked", ImageStyle, TextStyle, AnyStyle, Collection)


class StyleEndpoints(ClientCore):
    async def list_styles(
        self,
        kind: StyleKind,
        *,
        sort: SortOrder = "popular",
        tag: str | None = None,
        model: str | None = None,
        page: int = 1,
        all_pages: bool = False,
    ) -> ListPage[AnyStyle]:
        """One page (25 rows, public styles only, §2.1) or, with ``all_pages``, the whole list, deduped.

        The whole list is walked oldest first whatever ``sort`` asks for, then sorted here: 5.1.5 orders
        ``popular`` by use count alone, so equal counts change places between page requests and a walk in
        that order skips some styles and repeats others (§12). ``age`` is stable. Rows the models refuse
        are left out and listed in the result's ``unreadable``.
        """
        if not all_pages:
            return (await self.fetch_style_page(kind, sort=sort, tag=tag, model=model, page=page))()
        found: ListPage[AnyStyle] = ListPage([], [], [])
        async for rows in self.iter_style_pages(kind, sort="age", tag=tag, model=model):
            found.extend(rows)
            found.raw_ids.extend(rows.raw_ids)
            found.unreadable.extend(rows.unreadable)
        return ListPage(sort_locally(list(found), sort), found.raw_ids, found.unreadable)

    async def fetch_style_page(
        self,
        kind: StyleKind,
        *,
        sort: SortOrder = "popular",
        tag: str | None = None,
        model: str | None = None,
        page: int = 1,
    ) -> PageReader[AnyStyle]:
        """One page as :meth:`list_styles` returns it, fetched now and read when the returned function is
        called, on any thread: decoding and validating 25 styles costs milliseconds of CPU that a sync
        spends off the window's thread."""
        params: dict[str, Any] = {"sort": sort, "tag": tag, "model": model, "page": page}
        reader: PageReader[AnyStyle] = await self._fetch_list_page(
            style_read_model(kind), f"/v2/styles/{kind.value}", params, "a style list"
        )
        return reader

    async def iter_style_pages(
        self,
        kind: StyleKind,
        *,
        sort: SortOrder = "popular",
        tag: str | None = None,
        model: str | None = None,
    ) -> AsyncIterator[ListPage[AnyStyle]]:
        """Each page's new styles, for syncs that show progress and can stop between pages."""
        read = style_read_model(kind)
        async for rows in self._walk(f"/v2/styles/{kind.value}", {"sort": sort, "tag": tag, "model": model}):
            parsed = self._parse_list(read, rows, "a style list", part=True)
            yield ListPage(list(parsed), parsed.raw_ids, parsed.unreadable)

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

    async def read_style(self, kind: StyleKind, style_id: str, name: str | None = None) -> AnyStyle:
        """The style ``style_id``, read by ``name`` when one is known and finds this id, else by id.

        On 5.1.5 reading one image style by id allows 20 requests an hour per id, by name 90 a minute
        (§1, §12): the id route is spent only where nothing else will do. ``name`` may be the server's
        ``alias::style::name`` or a ``style::alias::name`` reference.
        """
        if name:
            try:
                found: AnyStyle | None = await self.get_style_by_name(kind, member_reference(name))
            except (NotFoundError, BadRequestError):
                found = None  # renamed, or re-typed, meanwhile: the id decides
            if found is not None and found.id == style_id:
                return found
        return await self.get_style(kind, style_id)

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


def sort_locally(rows: list[_Ranked], sort: SortOrder) -> list[_Ranked]:
    """``rows`` in oldest-first order, re-sorted as ``sort`` asks; ties keep their age order (stable sort)."""
    if sort == "popular":
        return sorted(rows, key=lambda row: -row.use_count)
    return rows


def _check_kind(kind: StyleKind, payload: ImageStyleWrite | TextStyleWrite) -> None:
    expected = ImageStyleWrite if kind is StyleKind.IMAGE else TextStyleWrite
    if not isinstance(payload, expected):
        raise TypeError(f"a {kind.value} style needs a {expected.__name__} payload")
