"""The Examples tab inside the app: built by the composition root and following the signed-in account."""

from __future__ import annotations

import httpx
from pytestqt.qtbot import QtBot

from horde_style_studio.sandbox import CUSTOMIZER_KEY
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start


def test_the_app_shows_the_tab_with_the_sandbox_curators_styles(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport, sandbox_key=CUSTOMIZER_KEY)
    page = studio.examples.page
    assert studio.window.page("examples") is page
    with qtbot.waitSignal(studio.examples.presenter.own_styles_changed, timeout=10_000) as listed:
        task = start(qtbot, studio)
    assert listed.args is not None
    names = [name for _, name in listed.args[0]]
    assert names
    assert [page.picker.own.itemText(i) for i in range(1, page.picker.own.count())] == names
    with qtbot.waitSignal(studio.examples.presenter.style_loaded, timeout=10_000):
        page.picker.own.activated.emit(1)
    assert page.heading.text() == names[0]
    assert page.add.isEnabled()
    assert close(qtbot, studio, task) == 0
