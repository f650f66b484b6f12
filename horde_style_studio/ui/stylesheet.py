"""The app's stylesheet: a plain file under ``resources/styles``, read with importlib.resources."""

from __future__ import annotations

from importlib.resources import files


def app_stylesheet() -> str:
    return (files("horde_style_studio.resources") / "styles" / "app.qss").read_text(encoding="utf-8")
