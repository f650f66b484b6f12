"""``BrowseTab``: the Browse tab's objects, built once by the composition root; :meth:`connect_to` wires them
to the account and the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from horde_style_studio.library import StyleLibrary
from horde_style_studio.services.settings import BrowseFilters
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.browse.bulk_presenter import BulkPresenter
from horde_style_studio.ui.browse.collections_presenter import CollectionBrowsePresenter
from horde_style_studio.ui.browse.health import HealthPresenter
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.presenter import BrowsePresenter
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache

if TYPE_CHECKING:
    from horde_style_studio.api import HordeClientSession
    from horde_style_studio.services.images import ImageFetcher
    from horde_style_studio.ui.main_window import MainWindow
    from horde_style_studio.ui.presenters.account import Account, AccountPresenter

KEY = "browse"


class BrowseTab(QObject):
    """Owns the styles presenter, the collections presenter and the page (in ``view_mode``).

    Signals, for the other tabs (the composition root links them): ``add_to_collection(list, str)`` of style
    ids and the chosen collection ("" for a new one),
    ``open_examples(str)``, ``fork_into_editor(str)``, ``edit_style(str)`` and ``delete_style(str)`` of one
    style id (the last two for the user's own styles, which the Editor opens).

    Built before the first paint, without the server: ``server`` gives the session when a bulk edit first
    runs, and :meth:`attach_server` adds the live health checks once the api stack is up (issue 18).
    """

    add_to_collection = Signal(list, str)
    open_examples = Signal(str)
    fork_into_editor = Signal(str)
    edit_style = Signal(str)
    delete_style = Signal(str)

    def __init__(
        self,
        library: StyleLibrary,
        thumbnails: ThumbnailCache | None,
        *,
        show_nsfw: bool,
        view_mode: str,
        tasks: TaskRegistry | None = None,
        server: Callable[[], HordeClientSession] | None = None,
        before_details: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = BrowsePresenter(library, show_nsfw=show_nsfw, tasks=tasks,
                                         before_details=before_details, parent=self)  # fmt: skip
        self.collections = CollectionBrowsePresenter(library, show_nsfw=show_nsfw, parent=self)
        # Bulk edits need the server and somewhere to run; without both Browse only browses.
        self.bulk: BulkPresenter | None = None
        if server is not None and tasks is not None:
            self.bulk = BulkPresenter(server, library, tasks, self)
        self.health = HealthPresenter(library, None, tasks, self, until_attached=True)
        self.page = BrowsePage(
            self.presenter, thumbnails, collections=self.collections, bulk=self.bulk, health=self.health
        )
        self.page.set_view_mode(view_mode)
        self.page.add_to_collection.connect(self.add_to_collection)
        self.page.open_examples.connect(self.open_examples)
        self.page.fork_into_editor.connect(self.fork_into_editor)
        self.page.edit_style.connect(self.edit_style)
        self.page.delete_style.connect(self.delete_style)

    def attach_server(self, session: HordeClientSession, fetcher: ImageFetcher | None) -> None:
        from horde_style_studio.workflows.health import HealthChecker

        self.health.attach(HealthChecker(session, fetcher))

    def connect_to(self, account: AccountPresenter, window: MainWindow) -> None:
        """Follow the signed-in account (whose own collections join the list); failures go to the window's
        messages."""
        account.signed_in.connect(self._signed_in)
        account.signed_out.connect(lambda: self._set_account(None))
        for failed in (self.presenter.failed, self.collections.failed):
            failed.connect(lambda text: window.messages.error(text, source=KEY))
        if self.bulk is not None:
            self.bulk.failed.connect(lambda text: window.messages.error(text, source=KEY))
            # A quit half-way left its job queued: signing in again carries on with it.
            account.signed_in.connect(lambda _account: self.bulk.run_queue() if self.bulk else None)

    def refresh(self) -> None:
        """The library changed (a refresh, a save, a delete): show it again."""
        self.page.refresh()

    def refresh_collections(self) -> None:
        """The collections may have changed (a save or delete in the Collections tab)."""
        self.page.refresh_collections()

    def saved_filters(self) -> BrowseFilters:
        return self.page.saved_filters()

    def restore_filters(self, saved: BrowseFilters) -> None:
        self.page.restore_filters(saved)

    @property
    def view_mode(self) -> str:
        return self.page.view_mode.value

    def _signed_in(self, account: Account) -> None:
        self._set_account(account.user.username)

    def _set_account(self, username: str | None) -> None:
        if username != self.collections.account:
            self.collections.account = username
            self.page.refresh_collections()
