"""Against 5.1.5 with its 30 s read cache (§1, §12): after a change the gallery shows what was written."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.sandbox import SandboxApp, create_app
from horde_style_studio.ui.examples.presenter import ExamplesPresenter
from tests.qt.examples.conftest import new_image_style, run
from tests.qt.examples.images import picture
from tests.qt.examples.test_presenter import act, gallery, open_style


@pytest.fixture
def sandbox() -> SandboxApp:
    return create_app("v5_1_5", response_cache=True)


def stored(sandbox: SandboxApp, style_id: str) -> list[tuple[str, str, bool]]:
    """The server's own state, past its response cache."""
    return [(ex.id, ex.url, bool(ex.primary)) for ex in sandbox.state_store.styles[style_id].examples]


@pytest.mark.parametrize("row", [0, 2])
def test_removing_an_example_shows_one_primary_at_once_despite_the_cache(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp, row: int
) -> None:
    style_id = new_image_style(qtbot, session)
    for n in range(4):
        run(qtbot, session.add_example(style_id, picture(f"cache-{n}"), primary=n == 2))
    open_style(qtbot, presenter, style_id)
    act(qtbot, presenter, lambda: presenter.remove_example(row))
    assert gallery(presenter) == stored(sandbox, style_id)
    assert [primary for _, _, primary in gallery(presenter)].count(True) == 1


def test_choosing_the_primary_shows_one_primary_at_once_despite_the_cache(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp
) -> None:
    style_id = new_image_style(qtbot, session)
    for n in range(3):
        run(qtbot, session.add_example(style_id, picture(f"pick-{n}")))
    sandbox.state_store.styles[style_id].examples[1].primary = True  # what 5.1.5 can leave (§2.7 B5)
    open_style(qtbot, presenter, style_id)
    act(qtbot, presenter, lambda: presenter.make_primary(2))
    assert gallery(presenter) == stored(sandbox, style_id)
    assert [primary for _, _, primary in gallery(presenter)] == [False, False, True]
