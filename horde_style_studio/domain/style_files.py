"""What a style or collection file says about itself: the command line reads these files, and the editor
exports its drafts as one."""

from __future__ import annotations

from typing import Final

KIND_KEY: Final = "kind"  # "image", "text" or "collection"; without it, the file's shape decides
