"""``ExamplesTab``: the Examples tab's objects, built once by the composition root; :meth:`connect_to` wires
them to the account and the window. Browse opens a style here with :meth:`ExamplesTab.open_style`; the
composition root awaits :meth:`ExamplesTab.aclose` at shutdown.
"""

from __future__ import annotations

import httpx
from PySide6.QtCore import QObject

from horde_style_studio.api import HordeManualClient
from horde_style_studio.library import StyleLibrary
from horde_style_studio.services.images import (
    FetchPolicy,
    ImageFetcher,
    horde_host,
    loopback_http_origin,
    origin_of,
)
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.examples.link_check import LinkChecker
from horde_style_studio.ui.examples.page import ExamplesPage
from horde_style_studio.ui.examples.presenter import ExamplesPresenter
from horde_style_studio.ui.main_window import MainWindow
from horde_style_studio.ui.presenters.account import Account, AccountPresenter
from horde_style_studio.ui.shared.messages import MessageBridge

KEY = "examples"


def image_http_origins(horde_url: str, *, sandbox: bool) -> frozenset[str]:
    """Where plain-http example images may come from: only the sandbox Horde's own origin (it has no TLS).

    In ``--sandbox`` mode that is the sandbox's origin wherever it runs; otherwise only a Horde on this
    machine over http (a sandbox started with ``horde-styles sandbox``) lends its origin.
    """
    origin = origin_of(horde_url) if sandbox else loopback_http_origin(horde_url)
    return frozenset({origin} if origin else ())


def report(presenter: ExamplesPresenter, messages: MessageBridge) -> None:
    """The presenter's outcomes as messages, one at a time; starting the next change ends what was said
    about the last one. (A failed link check is told in the link report itself.)"""
    presenter.refused.connect(
        lambda text: messages.warning(text, source=KEY) if text else messages.clear(KEY)
    )
    for failure in (presenter.failed, presenter.load_failed):
        failure.connect(lambda text: messages.error(text, source=KEY))
    presenter.saved.connect(lambda text: messages.info(text, source=KEY))
    presenter.busy.connect(lambda busy: messages.clear(KEY) if busy else None)


class ExamplesTab(QObject):
    """Builds and holds the tab's fetcher, presenters and page, and follows the signed-in account."""

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        tasks: TaskRegistry,
        *,
        sandbox: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        policy = FetchPolicy(
            http_origins=image_http_origins(session.base_url, sandbox=sandbox),
            trusted_hosts=horde_host(session.base_url),
        )
        self.fetcher = ImageFetcher(policy, transport=transport)
        self.presenter = ExamplesPresenter(session, library, self.fetcher, tasks, parent=self)
        self.links = LinkChecker(session, self.fetcher, tasks, parent=self)
        self.page = ExamplesPage(self.presenter, self.links)

    def connect_to(self, account: AccountPresenter, window: MainWindow) -> None:
        """Follow the signed-in account; outcomes go to the window's messages."""
        report(self.presenter, window.messages)
        account.signed_in.connect(self._signed_in)
        account.signed_out.connect(self._signed_out)
        if account.account is not None:
            self._signed_in(account.account)

    def open_style(self, style_id: str) -> None:
        self.presenter.open_style(style_id)

    async def aclose(self) -> None:
        await self.fetcher.aclose()

    def _signed_in(self, account: Account) -> None:
        self.presenter.set_user(account.user)

    def _signed_out(self) -> None:
        self.presenter.set_user(None)
