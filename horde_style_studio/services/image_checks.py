"""What an image check can say, and the checks that need no network: the pieces of ``services.images`` that
the first paint's thumbnails use, without httpx (issue 18)."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from horde_style_studio.domain.units import MiB as MiB  # re-exported: its home before issue 18

# What a thumbnail or an example may be: pictures a browser shows as pixels. SVG is a document (scripts,
# links to local files), whatever Content-Type its server claims.
RASTER_SIGNATURES: tuple[tuple[str, tuple[bytes, ...]], ...] = (
    ("png", (b"\x89PNG\r\n\x1a\n",)),
    ("jpeg", (b"\xff\xd8\xff",)),
    ("gif", (b"GIF87a", b"GIF89a")),
    ("bmp", (b"BM",)),
)


class ImageProblem(StrEnum):
    """Why a link cannot be an example image."""

    URL_REFUSED = "url refused"
    BROKEN = "broken"
    # The link's server could not be reached or did not answer: may work later (offline, say).
    UNREACHABLE = "unreachable"
    NOT_IMAGE = "not an image"
    TOO_LARGE = "too large"


class ImageCheckError(Exception):
    """A link failed a check; ``str(err)`` is a sentence for the user."""

    def __init__(self, problem: ImageProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message


# A NamedTuple, not a frozen dataclass: its UI imports it before Browse's first paint, where generating a
# dataclass's methods costs about 1 ms (issue 18). Nothing replaces, iterates or unpacks it.
class FetchedImage(NamedTuple):
    url: str
    data: bytes
    content_type: str


def sniff_raster(data: bytes) -> str | None:
    """The raster format ``data`` really is, from its first bytes (``png``, ``jpeg``, ``gif``, ``webp``,
    ``bmp``), or None: whatever the server's Content-Type said."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    for name, signatures in RASTER_SIGNATURES:
        if data.startswith(signatures):
            return name
    return None


def human_bytes(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    if count < MiB:
        return f"{count / 1024:.0f} KB"
    return f"{count / MiB:.1f} MB"
