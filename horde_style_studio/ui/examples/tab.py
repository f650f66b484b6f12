"""``ExamplesTab``: the Examples tab's objects, built once by the composition root; :meth:`connect_to` wires
them to the account and the window. Browse opens a style here with :meth:`ExamplesTab.open_style`; the
composition root awaits :meth:`ExamplesTab.aclose` at shutdown.
"""

from __future__ import annotations

import httpx
from PySide6.QtCore import QObject

from horde_style_studio.api import HordeManualClient
from horde_style_studio.library import StyleLibrary
from horde_style_studio.services.images import FetchPolicy, ImageFetcher, horde_host, image_http_origins
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.examples.link_check import LinkChecker
from horde_style_studio.ui.examples.page import ExamplesPage
from horde_style_studio.ui.examples.presenter import ExamplesPresenter
from horde_style_studio.ui.main_window import MainWindow
from horde_style_studio.ui.presenters.account import Account, AccountPresenter
from horde_style_studio.ui.shared.messages import MessageBridge

KEY = "examples"


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
        image_host_url: str = "",
        transport: httpx.AsyncBaseTransport | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._horde_url = session.base_url
        self._sandbox = sandbox
        # Every image host configured in this run: in sandbox mode the examples made on each keep loading.
        self._image_hosts = [image_host_url]
        self.fetcher = ImageFetcher(self._policy(), transport=transport)
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

    def _policy(self) -> FetchPolicy:
        origins = image_http_origins(self._horde_url, sandbox=self._sandbox, image_hosts=self._image_hosts)
        return FetchPolicy(http_origins=origins, trusted_hosts=horde_host(self._horde_url))

    def follow_image_host(self, public_url: str) -> None:
        """The image host in Settings changed: in sandbox mode its loopback links are examples too, and so
        stay the earlier hosts'."""
        self._image_hosts.append(public_url)
        self.fetcher.policy = self._policy()

    async def aclose(self) -> None:
        await self.fetcher.aclose()

    def _signed_in(self, account: Account) -> None:
        self.presenter.set_user(account.user)

    def _signed_out(self) -> None:
        self.presenter.set_user(None)
