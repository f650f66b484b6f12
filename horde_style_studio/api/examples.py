"""Image example endpoints of REFERENCE §2.7, with the primary-example quirks of §9 B5 handled."""

from __future__ import annotations

from urllib.parse import quote

from horde_style_studio.api.styles import StyleEndpoints
from horde_style_studio.domain.responses import ModifyResult
from horde_style_studio.domain.styles import StyleExample


class ExampleEndpoints(StyleEndpoints):
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
