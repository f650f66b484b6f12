"""Real PNG example images, drawn in pure Python (zlib + struct) and cached, so the sandbox needs no files."""

from __future__ import annotations

import colorsys
import struct
import zlib
from collections.abc import Callable
from functools import lru_cache

Colour = tuple[int, int, int]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
IMAGE_SIZE = 512


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def encode_png(width: int, rows: list[bytes]) -> bytes:
    """An 8-bit RGB PNG from rows of packed RGB bytes (filter type 0 on every row)."""
    header = struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 6))
        + _chunk(b"IEND", b"")
    )


def _palette(seed: int) -> tuple[Colour, Colour]:
    hue = (seed % 360) / 360
    dark = colorsys.hsv_to_rgb(hue, 0.65, 0.35)
    light = colorsys.hsv_to_rgb((hue + 0.12 + (seed >> 9) % 40 / 100) % 1.0, 0.45, 0.95)
    return _to_bytes(dark), _to_bytes(light)


def _to_bytes(rgb: tuple[float, float, float]) -> Colour:
    return int(rgb[0] * 255), int(rgb[1] * 255), int(rgb[2] * 255)


def _mix(a: Colour, b: Colour, t: float) -> bytes:
    return bytes(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _strip(length: int, colour_at: Callable[[int], bytes]) -> bytes:
    return b"".join(colour_at(i) for i in range(length))


def _rows(pattern: int, dark: Colour, light: Colour, size: int) -> list[bytes]:
    # Each pattern is a long strip of pixels; every row is a slice of it, which keeps drawing fast.
    if pattern == 0:  # diagonal gradient
        line = _strip(2 * size, lambda i: _mix(dark, light, i / (2 * size)))
        return [line[3 * y : 3 * (y + size)] for y in range(size)]
    if pattern == 1:  # diagonal stripes
        line = _strip(2 * size, lambda i: _mix(dark, light, 0.25 if (i // 32) % 2 else 0.85))
        return [line[3 * y : 3 * (y + size)] for y in range(size)]
    if pattern == 2:  # checkerboard
        even = _strip(size, lambda i: _mix(dark, light, 0.9 if (i // 64) % 2 else 0.2))
        odd = _strip(size, lambda i: _mix(dark, light, 0.2 if (i // 64) % 2 else 0.9))
        return [even if (y // 64) % 2 == 0 else odd for y in range(size)]
    # horizontal bands fading downwards
    return [bytes(_mix(dark, light, (y // 32) / (size // 32))) * size for y in range(size)]


@lru_cache(maxsize=64)
def sandbox_image(name: str, size: int = IMAGE_SIZE) -> bytes:
    """The PNG for ``name``: the same name always draws the same picture."""
    seed = zlib.crc32(name.encode("utf-8"))
    dark, light = _palette(seed)
    return encode_png(size, _rows(seed % 4, dark, light, size))
