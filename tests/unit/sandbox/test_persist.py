"""The desktop app's sandbox mode keeps what the user built across restarts."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from horde_style_studio.sandbox import USER_KEY, create_app

BASE = "http://sandbox.test/api"


async def _create_collection(state: Path) -> str:
    app = create_app("modern", state_file=state)
    style = next(s for s in app.state_store.styles.values() if s.public and s.kind == "image")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as client:
        answer = await client.post(
            "/v2/collections",
            json={"name": "Kept Across Restarts", "styles": [style.name]},
            headers={"apikey": USER_KEY},
        )
    assert answer.status_code == 200
    return str(answer.json()["id"])


async def test_collections_and_styles_survive_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "sandbox-state.json"
    collection_id = await _create_collection(state)
    again = create_app("modern", state_file=state)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=again), base_url=BASE) as client:
        answer = await client.get(f"/v2/collections/{collection_id}")
    assert answer.status_code == 200
    assert answer.json()["name"] == "Kept Across Restarts"
    # Things created after the restart still sort after everything that was there before.
    newest = max(c.created for c in again.state_store.collections.values())
    assert again.state_store.tick() > newest


@pytest.mark.logs_warning("ignoring the saved sandbox state")
def test_a_damaged_state_file_falls_back_to_the_seed(tmp_path: Path) -> None:
    state = tmp_path / "sandbox-state.json"
    state.write_text("{ not json", encoding="utf-8")
    app = create_app("modern", state_file=state)
    assert len(app.state_store.styles) >= 150
