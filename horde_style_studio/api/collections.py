"""Collection endpoints of REFERENCE §3, sending members by name so 5.1.5 types them (§9 B6)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal
from urllib.parse import quote

from horde_style_studio.api.core import ListPage
from horde_style_studio.api.errors import BadRequestError
from horde_style_studio.api.references import by_name_path, is_uuid, member_reference, style_reference
from horde_style_studio.api.styles import SortOrder, StyleEndpoints
from horde_style_studio.domain.base import StyleKind
from horde_style_studio.domain.collections import Collection, CollectionWrite
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
            data = await self._call("GET", "/v2/collections", params={**params, "page": page})
            return self._parse_list(Collection, data, "a collection list")
        found: ListPage[Collection] = ListPage([], [], [])
        async for rows in self._walk("/v2/collections", params):
            parsed = self._parse_list(Collection, rows, "a collection list", part=True)
            found.extend(parsed)
            found.raw_ids.extend(parsed.raw_ids)
            found.unreadable.extend(parsed.unreadable)
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
