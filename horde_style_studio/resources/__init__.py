"""Files the running app reads at run time, shipped as package data and found with importlib.resources.

The icons here are copies made by ``packaging/render_icons.py`` from the hand-drawn SVG in the top-level
``resources/`` folder; a test checks that they stay in step. No Qt: ``ui`` turns these files into a QIcon.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from horde_style_studio import APP_ID

# The reverse-DNS id shared by the .desktop file, the AppStream metainfo and the hicolor icon names; Qt's
# QGuiApplication.setDesktopFileName wants it so a Wayland compositor matches windows to the menu entry.
DESKTOP_ID = "io.github.horde_style_studio.HordeStyleStudio"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def icon_png(size: int) -> Traversable:
    """The application icon drawn at ``size`` x ``size`` pixels; ``size`` is one of ICON_SIZES."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size}px icon; sizes are {ICON_SIZES}")
    return files(__name__) / "icons" / f"{APP_ID}-{size}.png"


__all__ = ["DESKTOP_ID", "ICON_SIZES", "icon_png"]
