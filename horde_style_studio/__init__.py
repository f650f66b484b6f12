"""Horde Style Studio: a desktop studio for curating AI Horde styles."""

from importlib import metadata

APP_NAME = "Horde Style Studio"
APP_ID = "horde-style-studio"
PROJECT_URL = "https://github.com/horde-style-studio/horde-style-studio"

try:
    __version__ = metadata.version("horde-style-studio")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"

__all__ = ["APP_ID", "APP_NAME", "PROJECT_URL", "__version__"]
