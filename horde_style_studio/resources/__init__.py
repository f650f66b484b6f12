"""Files the running app reads at run time, shipped as package data beside this module.

Found through ``__file__``: pip installs package data as files beside the modules, and the PyInstaller bundle
keeps it at the same place relative to the modules' ``__file__``; importlib.resources would cost the first
paint its import (issue 18).

The icons here are copies made by ``packaging/render_icons.py`` from the hand-drawn SVG in the top-level
``resources/`` folder; a test checks that they stay in step. No Qt: ``ui`` turns these files into a QIcon.
"""

from __future__ import annotations

from pathlib import Path

from horde_style_studio import APP_ID

# The reverse-DNS id shared by the .desktop file, the AppStream metainfo and the hicolor icon names; Qt's
# QGuiApplication.setDesktopFileName wants it so a Wayland compositor matches windows to the menu entry.
DESKTOP_ID = "io.github.horde_style_studio.HordeStyleStudio"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
PACKAGE_DATA = Path(__file__).parent


def icon_png(size: int) -> Path:
    """The application icon drawn at ``size`` x ``size`` pixels; ``size`` is one of ICON_SIZES."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size}px icon; sizes are {ICON_SIZES}")
    return PACKAGE_DATA / "icons" / f"{APP_ID}-{size}.png"


__all__ = ["DESKTOP_ID", "ICON_SIZES", "PACKAGE_DATA", "icon_png"]
