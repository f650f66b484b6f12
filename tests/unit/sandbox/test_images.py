"""Seed example images are real PNGs served by the sandbox itself, under the request's own origin."""

from __future__ import annotations

import struct
import zlib

import httpx

from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.sandbox.images import PNG_SIGNATURE, sandbox_image

from .helpers import seeded


def _decode(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the raw scanlines, checking every chunk's CRC on the way."""
    assert png[:8] == PNG_SIGNATURE
    offset, width, height, idat = 8, 0, 0, b""
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        tag, data = png[offset + 4 : offset + 8], png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(tag + data) & 0xFFFFFFFF == crc
        if tag == b"IHDR":
            width, height = struct.unpack(">II", data[:8])
        elif tag == b"IDAT":
            idat += data
        offset += 12 + length
    return width, height, zlib.decompress(idat)


def test_images_are_decodable_512_pngs() -> None:
    width, height, raw = _decode(sandbox_image("moody-film-noir-1"))
    assert (width, height) == (512, 512)
    assert len(raw) == height * (1 + width * 3)


def test_different_names_draw_different_pictures() -> None:
    pictures = {sandbox_image(f"style-{n}") for n in range(8)}
    assert len(pictures) == 8
    assert sandbox_image("style-1") == sandbox_image("style-1")


async def test_example_urls_point_at_the_sandbox_itself(client: httpx.AsyncClient, app: SandboxApp) -> None:
    style = seeded(app, "Moody Film Noir")
    body = (await client.get(f"/v2/styles/image/{style.id}")).json()
    urls = [e["url"] for e in body["examples"]]
    assert urls
    assert all(u.startswith("http://sandbox.test/sandbox-images/") for u in urls)
    image = await client.get(urls[0])
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/png"
    assert _decode(image.content)[:2] == (512, 512)


async def test_unknown_image_names_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("http://sandbox.test/sandbox-images/Bad_Name.png")
    assert response.status_code == 404
