"""Horde Style Studio: a desktop studio for curating AI Horde styles."""

from __future__ import annotations

from functools import cache

APP_NAME = "Horde Style Studio"
APP_ID = "horde-style-studio"
PROJECT_URL = "https://github.com/horde-style-studio/horde-style-studio"


@cache
def version() -> str:
    # importlib.metadata is read only when the version is asked for: importing it costs start-up time that
    # the first paint does not need (issue 18).
    from importlib import metadata

    try:
        return metadata.version("horde-style-studio")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0.1.0"


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed package's metadata on first use."""
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["APP_ID", "APP_NAME", "PROJECT_URL", "__version__", "version"]
