"""The window title names the style open in the editor and marks unsaved changes."""

from __future__ import annotations

from horde_style_studio.workflows.editing.messages import window_title


def test_the_title_names_the_style_and_stars_unsaved_changes() -> None:
    assert window_title("Sunset", modified=True) == "Sunset* — Horde Style Studio"
    assert window_title("Sunset", modified=False) == "Sunset — Horde Style Studio"


def test_a_blank_or_multi_line_name_still_makes_a_one_line_title() -> None:
    assert window_title("  ", modified=True) == "Untitled style* — Horde Style Studio"
    assert window_title("", modified=False) == "Horde Style Studio"  # nothing open yet
    assert window_title("Neon\nrain\t city", modified=True) == "Neon rain city* — Horde Style Studio"


def test_a_long_name_is_cut_so_the_app_name_stays_visible() -> None:
    title = window_title("x" * 200, modified=True)
    assert title.endswith("…* — Horde Style Studio")
    assert len(title) < 100
