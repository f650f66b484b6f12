"""What the Examples tab changes reaches the library at once, so Browse's thumbnail and strip follow it."""

from __future__ import annotations

import httpx
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleQuery
from horde_style_studio.sandbox import CUSTOMIZER_KEY
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start_synced


def test_a_new_primary_example_becomes_the_thumbnail_browse_shows(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport, sandbox_key=CUSTOMIZER_KEY)
    task = start_synced(qtbot, studio)
    mine = studio.library.search(StyleQuery(kind=StyleKind.IMAGE, mine_only=True, show_nsfw=True, limit=None))
    style = next(
        s for s in (studio.library.get_style(row.id) for row in mine)
        if isinstance(s, ImageStyle) and len(s.examples) >= 2
    )
    presenter = studio.examples.presenter
    with qtbot.waitSignal(presenter.style_loaded, timeout=10_000):
        presenter.open_style(style.id)
    row, chosen = next((n, ex) for n, ex in enumerate(style.examples) if not ex.primary)

    with qtbot.waitSignal(presenter.busy, check_params_cb=lambda busy: not busy, timeout=10_000):
        presenter.make_primary(row)

    stored = studio.library.get_style(style.id)
    assert isinstance(stored, ImageStyle)
    assert [(ex.id, ex.primary) for ex in stored.examples] == [
        (ex.id, ex.id == chosen.id) for ex in style.examples
    ]
    assert studio.library.get_row(style.id).thumbnail == chosen.url  # type: ignore[union-attr]  # stored
    assert close(qtbot, studio, task) == 0
