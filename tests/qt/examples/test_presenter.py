"""Adding, replacing, removing and choosing the primary example against the sandbox, in both behaviours.

After every step the gallery must hold exactly what the server holds, with exactly one primary.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.sandbox.images import sandbox_image
from horde_style_studio.services.images import human_bytes
from horde_style_studio.ui.examples.gallery_model import Health
from horde_style_studio.ui.examples.presenter import ExamplesPresenter
from horde_style_studio.ui.shared.decoding import TIMES
from tests.qt.examples.conftest import new_image_style, run
from tests.qt.examples.images import ImageHost, picture

Shown = list[tuple[str, str, bool]]


def act(qtbot: QtBot, presenter: ExamplesPresenter, action: Callable[[], object]) -> None:
    """Do ``action`` and wait until the change and the re-read after it are over."""
    with qtbot.waitSignal(presenter.busy, check_params_cb=lambda busy: not busy, timeout=10_000):
        action()


def open_style(qtbot: QtBot, presenter: ExamplesPresenter, style_id: str) -> None:
    with qtbot.waitSignal(presenter.style_loaded, timeout=10_000):
        presenter.open_style(style_id)


def gallery(presenter: ExamplesPresenter) -> Shown:
    return [(i.example.id, i.example.url, i.example.primary) for i in presenter.model.items()]


def server(qtbot: QtBot, session: HordeClientSession, style_id: str) -> Shown:
    style = run(qtbot, session.get_style(StyleKind.IMAGE, style_id))
    return [(ex.id, ex.url, ex.primary) for ex in style.examples]


def assert_matches_server(qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession) -> Shown:
    assert presenter.style is not None
    shown = gallery(presenter)
    assert shown == server(qtbot, session, presenter.style.id)
    assert sum(primary for _, _, primary in shown) == (1 if shown else 0)
    return shown


def test_a_curator_adds_four_makes_the_third_primary_replaces_one_and_removes_the_primary(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp
) -> None:
    style_id = new_image_style(qtbot, session)
    open_style(qtbot, presenter, style_id)
    assert gallery(presenter) == []
    urls = [picture(f"harbour-{n}") for n in range(1, 5)]
    for url in urls:
        act(qtbot, presenter, partial(presenter.add_example, url))
        assert_matches_server(qtbot, presenter, session)
    shown = gallery(presenter)
    assert [url for _, url, _ in shown] == urls
    assert shown[0][2], "the first example becomes primary by itself"
    # §2.7 B5: every example POST goes out with primary false (5.1.5 answers a first primary:true with 500).
    posts = [r.json() for r in sandbox.request_log if r.method == "POST" and r.path.endswith("/example")]
    assert [body["primary"] for body in posts] == [False] * 4

    act(qtbot, presenter, lambda: presenter.make_primary(2))
    shown = assert_matches_server(qtbot, presenter, session)
    assert [primary for _, _, primary in shown] == [False, False, True, False]

    act(qtbot, presenter, lambda: presenter.replace_example(1, picture("lighthouse")))
    shown = assert_matches_server(qtbot, presenter, session)
    assert shown[1][1] == picture("lighthouse")
    assert shown[2][2], "replacing another example leaves the primary where it was"

    act(qtbot, presenter, lambda: presenter.remove_example(2))
    shown = assert_matches_server(qtbot, presenter, session)
    assert len(shown) == 3
    assert urls[2] not in [url for _, url, _ in shown]
    assert all(item.health is Health.LOADS for item in presenter.model.items())


def test_removing_the_primary_leaves_exactly_one_primary(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp
) -> None:
    style_id = new_image_style(qtbot, session)
    open_style(qtbot, presenter, style_id)
    for n in range(3):
        act(qtbot, presenter, partial(presenter.add_example, picture(f"fog-{n}")))
    sandbox.request_log.clear()
    act(qtbot, presenter, lambda: presenter.remove_example(0))
    shown = assert_matches_server(qtbot, presenter, session)
    assert len(shown) == 2
    # The delete marked both remaining examples primary (§2.7 B5); one PATCH took the extra flag back.
    fixes = [r.json() for r in sandbox.request_log if r.method == "PATCH"]
    assert fixes == [{"url": shown[1][1], "primary": False}]


def test_the_sandboxs_own_http_images_may_be_added(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession
) -> None:
    style_id = new_image_style(qtbot, session)
    open_style(qtbot, presenter, style_id)
    url = "http://sandbox.test/sandbox-images/my-upload.png"
    with qtbot.waitSignal(presenter.saved):
        act(qtbot, presenter, lambda: presenter.add_example(url))
    assert gallery(presenter)[0][1:] == (url, True)


def test_an_image_checked_before_adding_is_not_downloaded_again(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, host: ImageHost
) -> None:
    open_style(qtbot, presenter, new_image_style(qtbot, session))
    with qtbot.waitSignal(presenter.checked) as checked:
        act(qtbot, presenter, lambda: presenter.add_example(picture("pier")))
    assert checked.args is not None
    size = f"96 {TIMES} 96 px · PNG · {human_bytes(len(sandbox_image('pier', 96)))}"
    assert checked.args[0].summary == size
    assert host.fetched == ["/pier.png"]
    item = presenter.model.item(0)
    assert item is not None
    assert (item.health, item.size_text) == (Health.LOADS, size)


def test_a_server_failure_is_reported_and_the_gallery_still_shows_the_server(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp
) -> None:
    style_id = new_image_style(qtbot, session)
    open_style(qtbot, presenter, style_id)
    sandbox.faults.add("status", method="POST", path="/example$", status=503, body={"message": "busy"})
    with qtbot.waitSignal(presenter.failed) as failed:
        act(qtbot, presenter, lambda: presenter.add_example(picture("storm")))
    assert failed.args is not None
    assert "busy" in failed.args[0]
    assert assert_matches_server(qtbot, presenter, session) == []


def test_a_change_shows_what_was_written_while_the_server_serves_its_cached_copy(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp
) -> None:
    style_id = new_image_style(qtbot, session)
    open_style(qtbot, presenter, style_id)
    act(qtbot, presenter, lambda: presenter.add_example(picture("first")))
    assert presenter.style is not None
    cached = presenter.style.model_dump(mode="json", exclude_none=True)
    # §1/§12: the server serves its 30 s old copy right after a write.
    sandbox.faults.add("status", method="GET", path=f"/styles/image/{style_id}", status=200, body=cached,
                       times=None)  # fmt: skip
    act(qtbot, presenter, lambda: presenter.add_example(picture("second")))
    act(qtbot, presenter, lambda: presenter.replace_example(0, picture("third")))
    shown = gallery(presenter)
    expected = [(picture("third"), True), (picture("second"), False)]
    assert [(url, primary) for _, url, primary in shown] == expected
    sandbox.faults.clear()
    assert assert_matches_server(qtbot, presenter, session) == shown


def test_a_style_is_opened_by_name_and_a_missing_one_is_reported(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession
) -> None:
    style_id = new_image_style(qtbot, session, name="Salt Marsh Dawn")
    with qtbot.waitSignal(presenter.style_loaded) as loaded:
        presenter.open_reference("  Salt Marsh Dawn ")
    assert loaded.args is not None
    assert loaded.args[0].id == style_id
    with qtbot.waitSignal(presenter.load_failed) as failed:
        presenter.open_reference("No Such Style Anywhere")
    assert failed.args == ["The AI Horde has no image style “No Such Style Anywhere”."]
    assert presenter.style is not None
    assert presenter.style.id == style_id


def test_two_primaries_left_by_the_server_end_as_one_when_a_primary_is_chosen(
    qtbot: QtBot, presenter: ExamplesPresenter, session: HordeClientSession, sandbox: SandboxApp
) -> None:
    style_id = new_image_style(qtbot, session)
    open_style(qtbot, presenter, style_id)
    for name in ("twin-a", "twin-b", "twin-c"):
        act(qtbot, presenter, partial(presenter.add_example, picture(name)))
    # The state 5.1.5 leaves after a PATCH without `primary` (§2.7 B5), made directly in the sandbox's store.
    sandbox.state_store.styles[style_id].examples[1].primary = True
    open_style(qtbot, presenter, style_id)
    assert [primary for _, _, primary in gallery(presenter)] == [True, True, False]
    act(qtbot, presenter, lambda: presenter.make_primary(1))
    shown = assert_matches_server(qtbot, presenter, session)
    assert [primary for _, _, primary in shown] == [False, True, False]
