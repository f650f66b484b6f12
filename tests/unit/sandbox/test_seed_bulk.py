"""The bulk seed gives load tests a large public list that pages like the real one."""

from __future__ import annotations

import httpx

from horde_style_studio.sandbox import create_app


async def test_bulk_styles_are_public_unique_and_paged() -> None:
    app = create_app("v5_1_5", bulk_image_styles=300)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://sandbox.test/api"
    ) as c:
        first = (await c.get("/v2/styles/image", params={"page": 1})).json()
        offset = (await c.get("/v2/styles/image", params={"page": 2})).json()
    public = [s for s in app.state_store.styles.values() if s.kind == "image" and s.public]
    assert len(public) >= 300 + 150
    assert len({s.name for s in public}) == len(public)
    assert offset[0]["id"] == first[1]["id"]  # 5.1.5's row-offset paging holds at scale too
