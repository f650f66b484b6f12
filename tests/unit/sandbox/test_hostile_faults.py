"""The sandbox's hostile fault modes (issue 14): HTML in style text, and image hosts that redirect, lie about
their format or trickle."""

from __future__ import annotations

import time

import pytest

from horde_style_studio.sandbox import FaultPlan, SandboxApp, create_app
from horde_style_studio.sandbox.hostile import HOSTILE_HTML, SVG_DRAWING

from .helpers import connect


@pytest.fixture
def faulty() -> SandboxApp:
    return create_app(faults=FaultPlan())


async def test_html_text_puts_markup_in_every_styles_free_text(faulty: SandboxApp) -> None:
    faulty.faults.add("html_text", method="GET", path=r"/v2/styles/image$")
    async with connect(faulty) as client:
        styles = (await client.get("/v2/styles/image")).json()
        plain = (await client.get("/v2/styles/image")).json()  # the fault fired once
    assert styles
    assert {style["info"] for style in styles} == {HOSTILE_HTML}
    assert all(style["name"].startswith("<b>") for style in styles)
    assert [s["id"] for s in styles] == [s["id"] for s in plain]  # same rows, only their text changed
    assert not any(style["name"].startswith("<b>") for style in plain)


async def test_image_host_faults(faulty: SandboxApp) -> None:
    faulty.faults.add("redirect", path="/sandbox-images/a", location="https://127.0.0.1:9/x.png")
    faulty.faults.add("svg_as_png", path="/sandbox-images/b")
    faulty.faults.add("trickle", path="/sandbox-images/c", interval=0.001)
    async with connect(faulty) as client:
        moved = await client.get("/sandbox-images/a-1.png")
        drawing = await client.get("/sandbox-images/b-1.png")
        started = time.monotonic()
        slow = await client.get("/sandbox-images/c-1.png")
        took = time.monotonic() - started
        whole = await client.get("/sandbox-images/c-1.png")
    assert (moved.status_code, moved.headers["location"]) == (302, "https://127.0.0.1:9/x.png")
    assert (drawing.headers["content-type"], drawing.content) == ("image/png", SVG_DRAWING)
    assert slow.content == whole.content
    assert took >= 0.001 * len(whole.content)  # one byte at a time, each after a pause


def test_a_redirect_fault_needs_a_location(faulty: SandboxApp) -> None:
    with pytest.raises(ValueError, match="location"):
        faulty.faults.add("redirect", path="/x")
