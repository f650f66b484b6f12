"""The Examples tab: an image style's example images, their primary, and a link check over the user's styles.

The composition root builds one :class:`ExamplesTab`, puts ``tab.page`` under the "examples" key of the main
window's pages, lets Browse and the Editor call ``tab.presenter.open_style(style_id)``, and awaits
``tab.aclose()`` at shutdown.
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
from horde_style_studio.ui.presenters.account import Account, AccountPresenter


class ExamplesTab:
    """Builds and holds the tab's fetcher, presenters and page, and follows the signed-in account."""

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        account: AccountPresenter,
        tasks: TaskRegistry,
        *,
        sandbox: bool = False,
        image_host_url: str = "",
        transport: httpx.AsyncBaseTransport | None = None,
        parent: QObject | None = None,
    ) -> None:
        self._horde_url = session.base_url
        self._sandbox = sandbox
        self.fetcher = ImageFetcher(self._policy(image_host_url), transport=transport)
        self.presenter = ExamplesPresenter(session, library, self.fetcher, tasks, parent=parent)
        self.links = LinkChecker(session, self.fetcher, tasks, parent=parent)
        self.page = ExamplesPage(self.presenter, self.links)
        account.signed_in.connect(self._signed_in)
        account.signed_out.connect(self._signed_out)
        if account.account is not None:
            self._signed_in(account.account)

    def _policy(self, image_host_url: str) -> FetchPolicy:
        origins = image_http_origins(self._horde_url, sandbox=self._sandbox, image_host_url=image_host_url)
        return FetchPolicy(http_origins=origins, trusted_hosts=horde_host(self._horde_url))

    def follow_image_host(self, public_url: str) -> None:
        """The image host in Settings changed: in sandbox mode its loopback links are examples too."""
        self.fetcher.policy = self._policy(public_url)

    async def aclose(self) -> None:
        await self.fetcher.aclose()

    def _signed_in(self, account: Account) -> None:
        self.presenter.set_user(account.user)

    def _signed_out(self) -> None:
        self.presenter.set_user(None)


__all__ = ["ExamplesPage", "ExamplesPresenter", "ExamplesTab", "LinkChecker", "image_http_origins"]
