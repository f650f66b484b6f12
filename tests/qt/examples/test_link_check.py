""""Check links": every example of the user's image styles is downloaded, a few at a time, and the broken
ones are listed, dead primaries first."""

from __future__ import annotations

import asyncio

import httpx
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.services.images import FetchPolicy, ImageFetcher
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.examples.gallery_model import Health
from horde_style_studio.ui.examples.link_check import LinkChecker, LinkReport
from tests.qt.examples.conftest import SANDBOX_ORIGIN, new_image_style, run
from tests.qt.examples.images import BROKEN, NOT_IMAGE, ImageHost, picture


def check(qtbot: QtBot, links: LinkChecker) -> LinkReport:
    with qtbot.waitSignal(links.finished, timeout=20_000) as finished:
        links.check()
    assert finished.args is not None
    report: LinkReport = finished.args[0]
    return report


def own_examples(qtbot: QtBot, session: HordeClientSession) -> int:
    user = run(qtbot, session.find_user())
    styles = [run(qtbot, session.get_style(StyleKind.IMAGE, ref.id)) for ref in user.styles
              if ref.type is StyleKind.IMAGE]
    return sum(len(style.examples) for style in styles)


def test_broken_links_of_the_users_styles_are_listed_dead_primaries_first(
    qtbot: QtBot, links: LinkChecker, session: HordeClientSession
) -> None:
    style_id = new_image_style(qtbot, session, name="Link Check Test")
    # Straight through the client: the tab itself would refuse these links before adding them.
    run(qtbot, session.add_example(style_id, picture("fine")))
    run(qtbot, session.add_example(style_id, NOT_IMAGE))
    dead_primary = new_image_style(qtbot, session, name="Dead Primary Test")
    run(qtbot, session.add_example(dead_primary, BROKEN))
    with qtbot.waitSignal(links.progress, check_params_cb=lambda done, total: done == total and total > 0):
        report = check(qtbot, links)
    assert report.checked == own_examples(qtbot, session)
    assert report.unread == []
    found = [(link.style_name, link.example.url, link.example.primary, link.health) for link in report.broken]
    assert found == [
        ("Dead Primary Test", BROKEN, True, Health.BROKEN),
        ("Link Check Test", NOT_IMAGE, False, Health.NOT_IMAGE),
    ]
    assert report.broken[1].message == "The link is not an image: its server says it is text/html."


def test_links_are_checked_a_few_at_a_time(
    qtbot: QtBot, session: HordeClientSession, tasks: TaskRegistry, sandbox: SandboxApp
) -> None:
    class Counting(ImageHost):
        def __init__(self) -> None:
            super().__init__(sandbox)
            self.now = self.most = 0

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.host == "img.test" or "sandbox-images" in request.url.path:
                self.now += 1
                self.most = max(self.most, self.now)
                for _ in range(5):
                    await asyncio.sleep(0)  # let every other waiting check start, if it may
                self.now -= 1
            return await super().handle_async_request(request)

    counting = Counting()
    fetcher = ImageFetcher(FetchPolicy(http_origins=frozenset({SANDBOX_ORIGIN})), transport=counting)
    links = LinkChecker(session, fetcher, tasks, concurrency=2)
    try:
        report = check(qtbot, links)
    finally:
        run(qtbot, fetcher.aclose())
    assert report.checked > 2
    assert report.broken == []
    assert counting.most == 2


def test_a_failed_listing_is_reported(
    qtbot: QtBot, links: LinkChecker, sandbox: SandboxApp
) -> None:
    sandbox.faults.add("status", method="GET", path="/find_user$", status=500, body={"message": "down"})
    with qtbot.waitSignal(links.failed) as failed:
        links.check()
    assert failed.args is not None
    assert failed.args[0].startswith("Could not list your styles:")
