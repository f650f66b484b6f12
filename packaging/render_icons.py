"""Render the application icon's PNG sizes from its SVG, or check that the committed PNGs are current.

    python packaging/render_icons.py          # rewrite every PNG and the package's copies
    python packaging/render_icons.py --check  # exit 1, naming each stale or missing file

The SVG under ``resources/icons/hicolor/scalable/apps`` is the only hand-edited icon file. This script writes
the hicolor PNG sizes a desktop installs next to it, and the copies the running app reads from
``horde_style_studio/resources/icons`` (the package cannot reach the top-level ``resources/`` once installed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from horde_style_studio import APP_ID
from horde_style_studio.resources import DESKTOP_ID, ICON_SIZES

ROOT = Path(__file__).resolve().parents[1]
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
SVG = HICOLOR / "scalable" / "apps" / f"{DESKTOP_ID}.svg"
PACKAGE_ICONS = ROOT / "horde_style_studio" / "resources" / "icons"
# Another Qt release may antialias an edge one step differently; anything above this is a changed drawing.
TOLERANCE = 6


def render(svg: bytes, size: int) -> QImage:
    # Painting on a QImage needs no QGuiApplication, so this runs on a build machine without a screen.
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: QSvgRenderer cannot read it")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def targets() -> dict[Path, int]:
    """Every PNG this script owns, with its edge length."""
    found: dict[Path, int] = {}
    for size in ICON_SIZES:
        found[HICOLOR / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"] = size
        found[PACKAGE_ICONS / f"{APP_ID}-{size}.png"] = size
    return found


def differs(expected: QImage, path: Path) -> bool:
    actual = QImage(str(path))
    if actual.isNull() or actual.size() != expected.size():
        return True
    actual = actual.convertToFormat(QImage.Format.Format_ARGB32)
    fresh = bytes(expected.constBits())
    stored = bytes(actual.constBits())
    return fresh != stored and max(abs(a - b) for a, b in zip(fresh, stored, strict=True)) > TOLERANCE


def stale_files(svg: bytes) -> list[Path]:
    images = {size: render(svg, size) for size in ICON_SIZES}
    stale = [path for path, size in targets().items() if differs(images[size], path)]
    svg_copy = PACKAGE_ICONS / f"{APP_ID}.svg"
    if not svg_copy.exists() or svg_copy.read_bytes() != svg:
        stale.append(svg_copy)
    return stale


def write_all(svg: bytes) -> None:
    images = {size: render(svg, size) for size in ICON_SIZES}
    for path, size in targets().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not images[size].save(str(path)):
            raise SystemExit(f"{path}: could not write")
    (PACKAGE_ICONS / f"{APP_ID}.svg").write_bytes(svg)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only report PNGs that differ from the SVG")
    args = parser.parse_args(argv)
    svg = SVG.read_bytes()
    if args.check:
        stale = stale_files(svg)
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    write_all(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
