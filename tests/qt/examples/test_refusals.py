"""Links and actions the tab refuses: each with a sentence saying why, and nothing sent to the Horde."""

from __future__ import annotations

from functools import partial

import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.ui.examples.presenter import ExamplesPresenter
from horde_style_studio.ui.shared.decoding import TIMES
from horde_style_studio.workflows.examples.access import FULL, SIGNED_OUT
from tests.qt.examples.conftest import new_image_style, run
from tests.qt.examples.images import BOMB, BROKEN, CORRUPT, HUGE, NOT_IMAGE, ImageHost, picture
from tests.qt.examples.test_presenter import act, gallery, open_style


def refusal(qtbot: QtBot, presenter: ExamplesPresenter, url: str) -> str:
    with qtbot.waitSignal(presenter.refused, timeout=10_000) as refused:
        presenter.add_example(url)
    assert refused.args is not None
    message: str = refused.args[0]
    return message


def horde_requests(sandbox: SandboxApp) -> list[str]:
    return [f"{r.method} {r.path}" for r in sandbox.request_log]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        (BROKEN, "The link is broken: its server answered 404 Not Found."),
        (NOT_IMAGE, "The link is not an image: its server says it is text/html."),
        (CORRUPT, "The link is not an image Qt can read (its header is damaged)."),
        (HUGE, "The image is too large (64 KB, more than the 64 KB limit)."),
        (BOMB, f"The image is too large (30000 {TIMES} 30000 px, more than the 32 megapixel limit)."),
    ],
    ids=["broken", "not-an-image", "undecodable", "too-many-bytes", "too-many-pixels"],
)
def test_a_bad_image_is_refused_before_the_horde_hears_of_it(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp,
    url: str, says: str,
) -> None:
    open_style(qtbot, presenter, new_image_style(qtbot, session))
    sandbox.request_log.clear()
    with qtbot.waitSignal(presenter.busy, check_params_cb=lambda busy: not busy):
        message = refusal(qtbot, presenter, url)
    assert message == says
    assert horde_requests(sandbox) == []
    assert gallery(presenter) == []


def test_an_http_link_is_refused_without_any_request(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp,
    host: ImageHost,
) -> None:
    open_style(qtbot, presenter, new_image_style(qtbot, session))
    sandbox.request_log.clear()
    message = refusal(qtbot, presenter, "http://img.test/harbour.png")
    assert message == "Example images must be https:// links (got 'http://img.test/harbour.png')."
    assert horde_requests(sandbox) == []
    assert host.fetched == []


def test_a_fifth_example_is_refused_before_any_request(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp,
    host: ImageHost,
) -> None:
    open_style(qtbot, presenter, new_image_style(qtbot, session))
    for n in range(4):
        act(qtbot, presenter, partial(presenter.add_example, picture(f"dock-{n}")))
    sandbox.request_log.clear()
    host.fetched.clear()
    assert refusal(qtbot, presenter, picture("dock-5")) == FULL
    assert "most the AI Horde allows" in FULL
    assert horde_requests(sandbox) == []
    assert host.fetched == []
    assert len(gallery(presenter)) == 4


def test_a_link_already_on_the_style_is_refused(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp
) -> None:
    open_style(qtbot, presenter, new_image_style(qtbot, session))
    act(qtbot, presenter, partial(presenter.add_example, picture("quay")))
    sandbox.request_log.clear()
    assert refusal(qtbot, presenter, picture("quay")) == "This link is already one of the style's examples."
    with qtbot.waitSignal(presenter.refused) as refused:
        presenter.replace_example(0, picture("quay"))
    assert refused.args == ["That is already this example's link."]
    assert horde_requests(sandbox) == []


def test_someone_elses_style_can_be_looked_at_but_not_changed(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp
) -> None:
    styles = run(qtbot, session.list_styles(StyleKind.IMAGE))
    theirs = next(
        s for s in styles if isinstance(s, ImageStyle) and s.examples and s.creator != "sandbox_curator#1"
    )
    with qtbot.waitSignal(presenter.access_changed) as access:
        open_style(qtbot, presenter, theirs.id)
    reason = f"This style belongs to {theirs.creator}; only its owner can change its examples."
    assert access.args == [reason, reason]
    assert len(gallery(presenter)) == len(theirs.examples)
    sandbox.request_log.clear()
    assert refusal(qtbot, presenter, picture("not-mine")) == reason
    for action in (presenter.make_primary, presenter.remove_example):
        with qtbot.waitSignal(presenter.refused) as refused:
            action(len(theirs.examples) - 1)
        assert refused.args == [reason]
    assert horde_requests(sandbox) == []


def test_signed_out_nothing_can_be_changed(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession
) -> None:
    open_style(qtbot, presenter, new_image_style(qtbot, session))
    with qtbot.waitSignal(presenter.access_changed) as access:
        presenter.set_user(None)
    assert access.args == [SIGNED_OUT, SIGNED_OUT]
    assert refusal(qtbot, presenter, picture("anything")) == SIGNED_OUT
