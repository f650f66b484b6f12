"""Pictures the simulated workers "generate": PNGs drawn from style, prompt, seed and model, no Qt, no files.

The style decides the palette and the background pattern, so two styles look visibly different at a glance;
the prompt, seed and model place the subject shapes, so the same seed gives the same picture and another seed
another one. Real workers send WebP; the sandbox has no WebP encoder without extra dependencies, so it sends
PNG, which every client that decodes images by their content reads just the same.
"""

from __future__ import annotations

import colorsys
import random
from functools import lru_cache

from .images import encode_png
from .workers import stable_int

MAX_SIDE = 256
Colour = tuple[int, int, int]


def _colour(hue: float, saturation: float, value: float) -> Colour:
    r, g, b = colorsys.hsv_to_rgb(hue % 1.0, saturation, value)
    return int(r * 255), int(g * 255), int(b * 255)


def _mix(a: Colour, b: Colour, t: float) -> bytes:
    return bytes(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def picture_size(width: int, height: int) -> tuple[int, int]:
    """The drawn size: the request's aspect ratio, at most ``MAX_SIDE`` on the long side."""
    width, height = max(64, width), max(64, height)
    scale = MAX_SIDE / max(width, height)
    return max(16, round(width * scale)), max(16, round(height * scale))


def _background(
    pattern: int, dark: Colour, light: Colour, width: int, height: int, step: int
) -> list[bytearray]:
    span = width + height
    if pattern == 0:  # diagonal gradient
        line = b"".join(_mix(dark, light, i / span) for i in range(span))
        return [bytearray(line[3 * y : 3 * (y + width)]) for y in range(height)]
    if pattern == 1:  # diagonal stripes
        line = b"".join(_mix(dark, light, 0.25 if (i // step) % 2 else 0.8) for i in range(span))
        return [bytearray(line[3 * y : 3 * (y + width)]) for y in range(height)]
    if pattern == 2:  # checkerboard
        even = b"".join(_mix(dark, light, 0.85 if (x // step) % 2 else 0.2) for x in range(width))
        odd = b"".join(_mix(dark, light, 0.2 if (x // step) % 2 else 0.85) for x in range(width))
        return [bytearray(even if (y // step) % 2 == 0 else odd) for y in range(height)]
    if pattern == 3:  # horizontal bands
        return [bytearray(_mix(dark, light, (y // step % 6) / 5) * width) for y in range(height)]
    # vertical bars
    line = b"".join(_mix(dark, light, (x // step % 4) / 3) for x in range(width))
    return [bytearray(line) for _ in range(height)]


def _disc(rows: list[bytearray], cx: int, cy: int, radius: int, colour: bytes) -> None:
    width = len(rows[0]) // 3
    for y in range(max(0, cy - radius), min(len(rows), cy + radius + 1)):
        half = int((radius * radius - (y - cy) ** 2) ** 0.5)
        left, right = max(0, cx - half), min(width, cx + half + 1)
        if right > left:
            rows[y][3 * left : 3 * right] = colour * (right - left)


def _block(rows: list[bytearray], x: int, y: int, w: int, h: int, colour: bytes) -> None:
    width = len(rows[0]) // 3
    left, right = max(0, x), min(width, x + w)
    for row in rows[max(0, y) : max(0, y + h)]:
        if right > left:
            row[3 * left : 3 * right] = colour * (right - left)


@lru_cache(maxsize=128)
def paint(style_key: str, prompt: str, seed: int, model: str, width: int, height: int) -> bytes:
    """The PNG a worker "generates" for these inputs; equal inputs give byte-identical files."""
    w, h = picture_size(width, height)
    look = stable_int("style", style_key)
    hue = (look % 360) / 360
    dark = _colour(hue, 0.7, 0.3)
    light = _colour(hue + 0.08 + (look >> 12) % 30 / 100, 0.45, 0.95)
    accent = _colour(hue + 0.5, 0.8, 0.9)
    pattern = (look >> 20) % 5
    step = 8 + (look >> 24) % 24
    rows = _background(pattern, dark, light, w, h, step)
    rng = random.Random(stable_int("subject", prompt, seed, model))
    for index in range(3 + rng.randrange(4)):
        colour = _mix(accent, light if index % 2 else dark, rng.uniform(0.0, 0.5))
        if rng.random() < 0.6:
            _disc(
                rows,
                rng.randrange(w),
                rng.randrange(h),
                rng.randrange(min(w, h) // 10, min(w, h) // 3),
                colour,
            )
        else:
            _block(
                rows,
                rng.randrange(w),
                rng.randrange(h),
                rng.randrange(w // 8, w // 2),
                rng.randrange(h // 8, h // 2),
                colour,
            )
    # The model signs the bottom edge: a strip whose colour tells models apart.
    _block(rows, 0, h - 4, w, 4, bytes(_colour((stable_int("model", model) % 360) / 360, 0.6, 0.8)))
    return encode_png(w, [bytes(row) for row in rows])


@lru_cache(maxsize=16)
def paint_censored(width: int, height: int) -> bytes:
    """What a worker's safety filter sends instead: a flat grey picture with a dark band."""
    w, h = picture_size(width, height)
    grey, band = bytes((128, 128, 128)) * w, bytes((40, 40, 40)) * w
    return encode_png(w, [band if h * 2 // 5 <= y < h * 3 // 5 else grey for y in range(h)])
