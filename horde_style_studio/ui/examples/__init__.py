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
from horde_style_studio.ui.presenters.account import Account, AccountPresenter


def image_http_origins(horde_url: str, *, sandbox: bool) -> frozenset[str]:
    """Where plain-http example images may come from: only the sandbox Horde's own origin (it has no TLS).

    In ``--sandbox`` mode that is the sandbox's origin wherever it runs; otherwise only a Horde on this
    machine over http (a sandbox started with ``horde-styles sandbox``) lends its origin.
    """
    origin = origin_of(horde_url) if sandbox else loopback_http_origin(horde_url)
    return frozenset({origin} if origin else ())


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
        transport: httpx.AsyncBaseTransport | None = None,
        parent: QObject | None = None,
    ) -> None:
        policy = FetchPolicy(
            http_origins=image_http_origins(session.base_url, sandbox=sandbox),
            trusted_hosts=horde_host(session.base_url),
        )
        self.fetcher = ImageFetcher(policy, transport=transport)
        self.presenter = ExamplesPresenter(session, library, self.fetcher, tasks, parent=parent)
        self.links = LinkChecker(session, self.fetcher, tasks, parent=parent)
        self.page = ExamplesPage(self.presenter, self.links)
        account.signed_in.connect(self._signed_in)
        account.signed_out.connect(self._signed_out)
        if account.account is not None:
            self._signed_in(account.account)

    async def aclose(self) -> None:
        await self.fetcher.aclose()

    def _signed_in(self, account: Account) -> None:
        self.presenter.set_user(account.user)

    def _signed_out(self) -> None:
        self.presenter.set_user(None)


__all__ = ["ExamplesPage", "ExamplesPresenter", "ExamplesTab", "LinkChecker", "image_http_origins"]
