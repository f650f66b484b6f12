"""``CollectionsTab``: the Collections tab's objects, built once by the composition root and wired there."""

from __future__ import annotations

import httpx
from PySide6.QtCore import QObject

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.library.store import StyleLibrary
from horde_style_studio.services.images import FetchPolicy, ImageFetcher, horde_host, image_http_origins
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
        sandbox: bool = False,
        image_host_url: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._horde_url = session.base_url
        self._sandbox = sandbox
        self._fetcher = ImageFetcher(self._policy(image_host_url), transport=transport)
        self.thumbnails = ThumbnailCache(self._download, tasks, store=thumb_store, parent=self)
        self.presenter = CollectionsPresenter(session, library, tasks, self)
        self.page = CollectionsPage(self.presenter, self.thumbnails)

    def _policy(self, image_host_url: str) -> FetchPolicy:
        origins = image_http_origins(self._horde_url, sandbox=self._sandbox, image_host_url=image_host_url)
        # A thumbnail is small: a host that cannot send one in 20 s frees its slot for the next.
        return FetchPolicy(
            max_bytes=THUMBNAIL_MAX_BYTES,
            http_origins=origins,
            trusted_hosts=horde_host(self._horde_url),
            deadline=THUMBNAIL_DEADLINE,
        )

    def follow_image_host(self, public_url: str) -> None:
        """The image host in Settings changed: in sandbox mode its loopback links are thumbnails too."""
        self._fetcher.policy = self._policy(public_url)

    async def _download(self, url: str) -> bytes:
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
