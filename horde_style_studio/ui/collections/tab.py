"""``CollectionsTab``: the Collections tab's objects, built once by the composition root; :meth:`connect_to`
wires them to the account and the window."""

from __future__ import annotations

from PySide6.QtCore import QObject

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.library.store import StyleLibrary
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.collections.page import CollectionsPage
from horde_style_studio.ui.collections.presenter import CollectionsPresenter
from horde_style_studio.ui.main_window import MainWindow
from horde_style_studio.ui.presenters.account import Account, AccountPresenter
from horde_style_studio.ui.shared.messages import MessageBridge
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache

KEY = "collections"


def report(presenter: CollectionsPresenter, messages: MessageBridge) -> None:
    """The presenter's outcomes as messages: one at a time, a success replacing the failure before it."""
    presenter.saved.connect(lambda text: _saved(text, messages))
    presenter.deleted.connect(lambda text: messages.info(text, source=KEY))
    presenter.failed.connect(lambda text: messages.error(text, source=KEY))
    presenter.opened.connect(lambda _opened: messages.clear(KEY))


def _saved(text: str, messages: MessageBridge) -> None:
    messages.clear(KEY)  # the failure before it is over
    messages.info(text, source=SAVED)


# "Saved “x” with 3 styles" is true only until the builder's members change (issue 16): its own source.
SAVED = "collections.saved"


class CollectionsTab(QObject):
    """Owns the presenter and the page of the Collections tab; cards get their pictures from ``thumbnails``,
    the app's one thumbnail pipeline."""

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        tasks: TaskRegistry,
        thumbnails: ThumbnailCache,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = CollectionsPresenter(session, library, tasks, self)
        self.page = CollectionsPage(self.presenter, thumbnails)

    def connect_to(self, account: AccountPresenter, window: MainWindow) -> None:
        """Follow the signed-in account; "Add to collection" from any tab brings this tab forward."""
        report(self.presenter, window.messages)
        self.page.members.changed.connect(lambda *_args: window.messages.clear(SAVED))
        account.signed_in.connect(self._signed_in)
        account.signed_out.connect(self._signed_out)
        self.presenter.add_requested.connect(lambda _ids: window.select_tab(KEY))
        if account.account is not None:
            self.presenter.set_account(account.account.user)

    def refresh(self) -> None:
        """The library changed: list the collections and search the styles again."""
        self.page.refresh()

    def add_to_collection(self, style_ids: list[str], collection_id: str | None = None) -> None:
        """Into ``collection_id`` (opened first unless the builder has it open already), or "" a new one."""
        if collection_id is not None and collection_id == self.page.builder.opened.id:
            collection_id = None
        self.presenter.add_to_collection(style_ids, collection_id)

    def _signed_in(self, account: Account) -> None:
        self.presenter.set_account(account.user)

    def _signed_out(self) -> None:
        self.presenter.set_account(None)
