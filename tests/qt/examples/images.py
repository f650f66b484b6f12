"""An image host for the Examples tests: ``https://img.test/...`` serves good and bad images, everything
else goes to the sandbox Horde (which also serves its own ``/sandbox-images/``)."""

from __future__ import annotations

import re
import struct
import zlib

import httpx

from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.sandbox.images import PNG_SIGNATURE, sandbox_image

HOST = "img.test"
IMAGES = f"https://{HOST}"
SMALL_CAP = 64 * 1024  # the tests' byte cap: small, so "too large" needs no big download
_NAME = re.compile(r"^/([a-z0-9-]{1,60})\.png$")


def picture(name: str) -> str:
    """A link that serves a real PNG."""
    return f"{IMAGES}/{name}.png"


def bomb_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A tiny file whose header declares an enormous image: refused before it is decoded."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    pixels = zlib.compress(b"\0" * 64)
    return PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _png(content: bytes) -> httpx.Response:
    return httpx.Response(200, content=content, headers={"Content-Type": "image/png"})


FIXED = {
    "/gone.png": lambda: httpx.Response(404, text="no such file"),
    "/page.html": lambda: httpx.Response(200, html="<html><body>an image gallery page</body></html>"),
    "/corrupt.png": lambda: _png(PNG_SIGNATURE + b"this is not really a png at all"),
    "/huge.png": lambda: _png(bytes(SMALL_CAP + 1)),
    "/bomb.png": lambda: _png(bomb_png()),
}
BROKEN = f"{IMAGES}/gone.png"
NOT_IMAGE = f"{IMAGES}/page.html"
CORRUPT = f"{IMAGES}/corrupt.png"
HUGE = f"{IMAGES}/huge.png"
BOMB = f"{IMAGES}/bomb.png"


class ImageHost(httpx.AsyncBaseTransport):
    """Routes ``img.test`` to the fake image host and the rest to ``sandbox``; ``fetched`` lists the image
    paths requested."""

    def __init__(self, sandbox: SandboxApp) -> None:
        self.sandbox = httpx.ASGITransport(app=sandbox)
        self.fetched: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host != HOST:
            return await self.sandbox.handle_async_request(request)
        path = request.url.path
        self.fetched.append(path)
        if path in FIXED:
            return FIXED[path]()
        match = _NAME.match(path)
        return _png(sandbox_image(match.group(1), 96)) if match else httpx.Response(404)
