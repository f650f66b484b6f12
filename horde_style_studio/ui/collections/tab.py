"""``CollectionsTab``: the Collections tab's objects, built once by the composition root and wired there."""

from __future__ import annotations

import httpx
from PySide6.QtCore import QObject

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.library.store import StyleLibrary
from horde_style_studio.services.images import FetchPolicy, ImageFetcher, horde_host, loopback_http_origin
from horde_style_studio.services.thumb_store import ThumbStore
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.collections.page import CollectionsPage
from horde_style_studio.ui.collections.presenter import CollectionsPresenter
from horde_style_studio.ui.collections.thumbnails import ThumbnailCache
from horde_style_studio.ui.main_window import MainWindow
from horde_style_studio.ui.presenters.account import Account, AccountPresenter

THUMBNAIL_MAX_BYTES = 4 * 1024 * 1024

THUMBNAIL_DEADLINE = 20.0


class CollectionsTab(QObject):
    """Owns the presenter, the page and the thumbnail downloads of the Collections tab.

    Thumbnails come through the app's image fetcher, with its own HTTP client (no Horde header reaches an
    image host); the sandbox's plain-http loopback origin is allowed, as for example images. ``thumb_store``
    keeps the thumbnails on disk between runs.
    """

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        tasks: TaskRegistry,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        thumb_store: ThumbStore | None = None,
        thumbnails: ThumbnailCache | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``thumbnails``: a cache built before this tab (Browse shows it from the first paint) that takes
        its pictures from :meth:`download`; without one the tab builds its own."""
        super().__init__(parent)
        origin = loopback_http_origin(session.base_url)
        allowed = frozenset({origin} if origin else ())
        # A thumbnail is small: a host that cannot send one in 20 s frees its slot for the next.
        policy = FetchPolicy(
            max_bytes=THUMBNAIL_MAX_BYTES,
            http_origins=allowed,
            trusted_hosts=horde_host(session.base_url),
            deadline=THUMBNAIL_DEADLINE,
        )
        self._fetcher = ImageFetcher(policy, transport=transport)
        self.thumbnails = thumbnails or ThumbnailCache(self.download, tasks, store=thumb_store, parent=self)
        self.presenter = CollectionsPresenter(session, library, tasks, self)
        self.page = CollectionsPage(self.presenter, self.thumbnails)

    async def download(self, url: str) -> bytes:
        return (await self._fetcher.fetch(url)).data

    def connect_to(self, account: AccountPresenter, window: MainWindow) -> None:
        """Follow the signed-in account; "Add to collection" from any tab brings this tab forward."""
        account.signed_in.connect(self._signed_in)
        account.signed_out.connect(self._signed_out)
        self.presenter.add_requested.connect(lambda _ids: window.select_tab("collections"))
        if account.account is not None:
            self.presenter.set_account(account.account.user)

    def _signed_in(self, account: Account) -> None:
        self.presenter.set_account(account.user)

    def _signed_out(self) -> None:
        self.presenter.set_account(None)

    async def aclose(self) -> None:
        await self._fetcher.aclose()
