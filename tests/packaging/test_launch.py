"""The one-folder build has one executable; the name it is started by (``horde-styles`` is a symlink to it)
picks the command line or the window, as the wheel's two scripts do."""

from __future__ import annotations

from horde_style_studio.cli import main as cli
from horde_style_studio.ui import app
from tests.packaging import packaging_script


def test_the_symlinks_name_starts_the_command_line_and_any_other_the_window() -> None:
    launch = packaging_script("launch")
    assert launch.entry_point("/opt/horde-style-studio/horde-styles") is cli.main
    assert launch.entry_point("horde-styles") is cli.main
    assert launch.entry_point("/opt/horde-style-studio/horde-style-studio") is app.main
    assert launch.entry_point("./horde-style-studio") is app.main
