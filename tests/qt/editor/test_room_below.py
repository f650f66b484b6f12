"""Messages float over the bottom of the Editor's form; the form keeps room below its last field, so no input
stays under a warning that waits to be dismissed (issue 16: warnings never over inputs)."""

from __future__ import annotations

import httpx
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.sandbox import CUSTOMIZER_KEY
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start


def _on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_the_last_field_scrolls_clear_of_a_lasting_warning(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport, sandbox_key=CUSTOMIZER_KEY)
    task = start(qtbot, studio)
    studio.window.resize(1024, 700)
    studio.window.select_tab("editor")
    form = studio.editor.page.form()
    studio.messages.warning("The server warns: this model is served by no worker right now.", source="test")
    studio.messages.error("The save failed: the AI Horde had an internal error.", source="test-2")
    QApplication.processEvents()
    overlay = _on_screen(studio.window.message_view)
    assert studio.window.message_view.isVisible()
    bar = form.scroller.verticalScrollBar()
    assert bar is not None
    bar.setValue(bar.maximum())  # the user scrolls to the form's end
    QApplication.processEvents()
    inputs = [field for field in form.fields.values() if field.isVisible()]
    lowest = max(inputs, key=lambda field: _on_screen(field).bottom())
    assert not _on_screen(lowest).intersects(overlay), lowest.objectName()
    assert close(qtbot, studio, task) == 0
