"""First paint first in a real X window (issue 18): under Xvfb and openbox the window's expose comes from the
X server some time after ``show()``, so whatever start-up queues for "the next turn" runs before the window
is painted unless it waits for the paint itself. Offscreen the paint comes at once, which hid this."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from horde_style_studio.services.paths import HOME_ENV
from tests.e2e.x_display import x_display
from tests.qt.test_first_paint import own_styles_on_disk

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Xvfb and X window managers are Linux tools")

# Runs the real app and records, in order, the window's first paint and the detail pane's first style, with
# the style that was first in Browse's results when the pane showed it.
CHILD = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    seen = []

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if (event.type() == QEvent.Type.Paint and watched.isWidgetType() and watched.isWindow()
                    and "painted" not in seen):
                seen.append("painted")
            return False

    watch = Watch()
    app.installEventFilter(watch)
    from horde_style_studio.ui.browse.detail import DetailPane

    show_style = DetailPane.show_style

    def recorded(self, style, **kwargs):
        if style is not None and not any(isinstance(event, list) for event in seen):
            page = self.parent()
            while not hasattr(page, "styles_view"):
                page = page.parent()
            seen.append([style.id, page.model.row_at(0).id])
        show_style(self, style, **kwargs)

    DetailPane.show_style = recorded
    from horde_style_studio.ui.app import main
    code = main(["--sandbox", "--smoke-test"])
    print(json.dumps(seen), flush=True)
    sys.exit(code)
""")


@pytest.fixture
def display() -> Iterator[str]:
    with x_display() as name:
        yield name


def test_the_window_paints_before_the_detail_pane_fills_and_then_shows_the_first_style(
    display: str, tmp_path: Path
) -> None:
    own_styles_on_disk(tmp_path)
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", HOME_ENV: str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen[0] == "painted"  # the window first, without the pane's details...
    assert len(seen) == 2  # ...which follow a moment later: the first style's
    shown, first = seen[1]
    assert shown == first
