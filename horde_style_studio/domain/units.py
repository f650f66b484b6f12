"""Units of size, in a module of their own: start-up reads the thumbnail cache's size before its first paint,
when the image checks that also use them are not imported yet (issue 18)."""

from __future__ import annotations

from typing import Final

MiB: Final = 1024 * 1024
