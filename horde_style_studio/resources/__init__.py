"""Files the running app reads at run time, shipped as package data beside this module.

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
# The package's own folder: the app installs as files (a wheel unpacked, or editable), so its data sits beside
# this module. importlib.resources would find the same files, through a reader module it imports on first use
# (several million instructions before the first paint, issue 18).
HERE = Path(__file__).parent


def icon_png(size: int) -> Path:
    """The application icon drawn at ``size`` x ``size`` pixels; ``size`` is one of ICON_SIZES."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size}px icon; sizes are {ICON_SIZES}")
    return HERE / "icons" / f"{APP_ID}-{size}.png"


def stylesheet_qss() -> Path:
    """The app's stylesheet (see ``ui.stylesheet``)."""
    return HERE / "styles" / "app.qss"


__all__ = ["DESKTOP_ID", "ICON_SIZES", "icon_png", "stylesheet_qss"]
