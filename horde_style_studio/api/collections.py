"""Collection endpoints of REFERENCE §3, sending members by name so 5.1.5 types them (§9 B6)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal
from urllib.parse import quote

from horde_style_studio.api.core import ListPage, PageReader
from horde_style_studio.api.errors import (
    BadRequestError,
    DuplicateCollectionNameError,
    ServerError,
    TextPatchUnsupportedError,
)
from horde_style_studio.api.references import by_name_path, is_uuid, member_reference, style_reference
from horde_style_studio.api.styles import SortOrder, StyleEndpoints, sort_locally
from horde_style_studio.domain.collections import Collection, CollectionWrite
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.responses import ModifyResult
from horde_style_studio.domain.styles import AnyStyle

CollectionKind = Literal["all", "image", "text"]


class CollectionEndpoints(StyleEndpoints):
    async def list_collections(
        self,
        *,
        kind: CollectionKind = "all",
        sort: SortOrder = "popular",
        page: int = 1,
        all_pages: bool = False,
    ) -> ListPage[Collection]:
        params: dict[str, Any] = {"sort": sort, "type": kind}
        if not all_pages:
            return (await self.fetch_collection_page(kind=kind, sort=sort, page=page))()
        found: ListPage[Collection] = ListPage([], [], [])
        # Walked oldest first and sorted here, as styles are (§12: equal use counts reorder between pages).
        async for rows in self._walk("/v2/collections", {**params, "sort": "age"}):
            parsed = self._parse_list(Collection, rows, "a collection list", part=True)
            found.extend(parsed)
            found.raw_ids.extend(parsed.raw_ids)
            found.unreadable.extend(parsed.unreadable)
        return ListPage(sort_locally(list(found), sort), found.raw_ids, found.unreadable)

    async def fetch_collection_page(
        self, *, kind: CollectionKind = "all", sort: SortOrder = "popular", page: int = 1
    ) -> PageReader[Collection]:
        """One page as :meth:`list_collections` returns it, read when the returned function is called (see
        :meth:`~horde_style_studio.api.styles.StyleEndpoints.fetch_style_page`)."""
        params: dict[str, Any] = {"sort": sort, "type": kind, "page": page}
        return await self._fetch_list_page(Collection, "/v2/collections", params, "a collection list")

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
        return await self._named_write("POST", "/v2/collections", body, payload.name)

    async def patch_collection(self, collection_id: str, payload: CollectionWrite) -> ModifyResult:
        """Members always travel, by name: 5.1.5 refuses a PATCH without a by-name style (§3, §9 B6).

        An empty member list is refused before anything is sent: filling it in from a read would send
        whatever the server's 30 s cache still holds (§1), undoing a change made moments ago.
        """
        if not payload.styles:
            raise BadRequestError(
                "A collection update must list the member styles (ids or names): the AI Horde replaces the "
                "members with what is sent, and 5.1.5 refuses an update without them.",
                status=None,
            )
        body = payload.to_payload()
        body["styles"] = await self.resolve_members(payload.styles)
        path = f"/v2/collections/{quote(collection_id, safe='')}"
        return await self._named_write("PATCH", path, body, payload.name)

    async def _named_write(self, method: str, path: str, body: dict[str, Any], name: str) -> ModifyResult:
        try:
            return await self._modify(method, path, body)
        except ServerError as err:
            if err.status == 500 and not isinstance(err, TextPatchUnsupportedError):
                raise DuplicateCollectionNameError(name, rc=err.rc) from None
            raise

    async def delete_collection(self, collection_id: str) -> ModifyResult:
        return await self._modify("DELETE", f"/v2/collections/{quote(collection_id, safe='')}")

    async def resolve_members(self, entries: Sequence[str]) -> list[str]:
        """Replace style ids by ``style::alias::name`` references where the server needs them.

        5.1.5 sets a collection's type, and checks that kinds do not mix, only from members given by name
        (§3): all-id members give a 500 or a typeless collection. Each id's kind is learnt through the text
        route (90 a minute on 5.1.5; an image id answers 400 "wrong type", §2.3), never the image route,
        which allows 20 reads of a style an hour (§1, §12). Image ids stay ids when another member is named;
        otherwise one of them is read by id for its name, the only way left.
        """
        resolved: list[str] = []
        kinds: set[StyleKind] = set()
        unnamed: list[int] = []
        for entry in entries:
            if not is_uuid(entry):
                resolved.append(member_reference(entry))
                continue
            text_style = await self._text_style_or_none(entry)
            kinds.add(StyleKind.TEXT if text_style is not None else StyleKind.IMAGE)
            if text_style is not None:
                resolved.append(style_reference(text_style))
            else:
                unnamed.append(len(resolved))
                resolved.append(entry)
        if len(kinds) > 1:
            raise BadRequestError("A collection holds styles of one kind: these mix image and text styles.")
        if unnamed and len(unnamed) == len(resolved):
            first = unnamed[0]
            resolved[first] = style_reference(await self.get_style(StyleKind.IMAGE, resolved[first]))
        return resolved

    async def _text_style_or_none(self, style_id: str) -> AnyStyle | None:
        """The text style of this id, or None when the id is an image style's."""
        try:
            return await self.get_style(StyleKind.TEXT, style_id)
        except BadRequestError:
            return None  # §2.3: the text route refuses an image style's id with a 400 "wrong type"
