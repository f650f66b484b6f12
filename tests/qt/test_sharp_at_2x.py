"""At 2x scale (QT_SCALE_FACTOR=2) pictures are drawn with twice the pixels, not stretched and blurred."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CHILD = """
import json
from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QWidget
app = QApplication([])
from horde_style_studio.ui.shared.messages import MessageBridge, MessageView
from horde_style_studio.ui.shared.pixmaps import fitted
from horde_style_studio.ui.shared.thumbnails import edge_for_screen
host = QWidget(); host.resize(800, 600)
view = MessageView(MessageBridge(host), host)
host.show()
view.bridge.warning("The server warns about something.")
app.processEvents()
[row] = view.rows()
icon = row.icon.pixmap()
tile = QLabel(host)
picture = QPixmap(1000, 800)
tile.setPixmap(fitted(picture, QSize(116, 116), tile.devicePixelRatioF()))
print(json.dumps({"icon": [icon.width(), icon.devicePixelRatio()], "edge": edge_for_screen(),
                  "tile": [tile.pixmap().width(), tile.pixmap().deviceIndependentSize().width()]}))
"""


def test_icons_thumbnails_and_tiles_have_device_pixels_at_2x() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=60,
                          check=True)  # fmt: skip
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["icon"] == [36, 2.0]  # an 18 px message icon drawn from 36 device pixels
    assert seen["edge"] >= 2 * 174  # a card's 174 px picture decoded with enough pixels for 2x
    assert seen["tile"] == [232, 116.0]
