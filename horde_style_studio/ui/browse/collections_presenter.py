"""``CollectionBrowsePresenter``: Browse's Collections scope; the filter state as a library query over
collections, and the member styles of the one shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from horde_style_studio.library import CollectionQuery, CollectionRow, LibraryError, SortOrder, StyleLibrary
from horde_style_studio.ui.browse.presenter import DEBOUNCE_MS

if TYPE_CHECKING:
    # The members' cards are wanted once a collection is shown, not before the first paint (issue 18).
    from horde_style_studio.workflows.cards import Card


class CollectionBrowsePresenter(QObject):
    """Signals: ``results(list[CollectionRow])``; ``failed(str)`` when the library cannot answer.

    ``account`` is the signed-in user's name: their own collections (also private ones) join the list and
    are the ones "mine" keeps (§3: the server cannot tell whose a collection is). Setting it asks nothing:
    the page runs the query when the collections are on screen.
    """

    results = Signal(list)
    failed = Signal(str)

    def __init__(
        self, library: StyleLibrary, *, show_nsfw: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        # Best match, as the styles' default (their scopes share the sort): collections rank by uses.
        self.query = CollectionQuery(show_nsfw=show_nsfw, sort=SortOrder.BEST_MATCH)
        self.account: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)

    def set_text(self, text: str) -> None:
        self.query = self.query._replace(text=text)
        self._timer.start()

    def update(self, **changes: object) -> None:
        """Any other filter (kind, show_nsfw, mine_only, sort): runs at once."""
        self.query = self.query._replace(**changes)  # type: ignore[arg-type]  # CollectionQuery's own fields
        self.run()

    def run(self) -> None:
        self._timer.stop()
        try:
            rows = self.library.search_collections(self.query, self.account)
        except LibraryError as err:
            self.failed.emit(str(err))
            return
        self.results.emit(rows)

    def members(self, collection: CollectionRow) -> list[Card]:
        """The collection's member styles as cards: from the library when it holds them, else from the
        server's ``alias::style::name`` only, marked unchecked."""
        from horde_style_studio.workflows.collections.operations import member_card

        try:
            refs = self.library.collection_member_refs(collection.id, self.account)
            return [member_card(self.library, ref, collection.kind, listed=None) for ref in refs]
        except LibraryError as err:
            self.failed.emit(str(err))
            return []
