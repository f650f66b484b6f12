"""``BrowsePresenter``: turns the filter widgets' state into library queries and reports the outcome."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from horde_style_studio.library import LibraryError, SortOrder, StyleLibrary, StyleQuery, StyleRow
from horde_style_studio.library.usage import UsePoint
from horde_style_studio.ui.async_support import TaskRegistry

if TYPE_CHECKING:
    from horde_style_studio.domain.styles import AnyStyle
    from horde_style_studio.library.bulk_queue import BulkTarget

# Typing pauses this long before the query runs: one query per burst of keystrokes, still "as you type".
DEBOUNCE_MS = 60
# The view asks for more as it scrolls (fetchMore), so a keystroke only ever reads and shows one page:
# enough to fill a maximized 1920x1080 window in any view mode, and small enough to read in a few ms.
PAGE = 60
FACETS = 60  # tags and models offered in the filters, the most common first


class BrowsePresenter(QObject):
    """Signals: ``results(list[StyleRow])`` (one page) then ``facets(Facets)``, ``total(int)`` (how many
    match in all) and ``order(list[str])`` (every match's id in order; the slower queries come second, so
    cards appear first); ``failed(str)`` when the library cannot answer."""

    results = Signal(list)
    facets = Signal(object)
    total = Signal(int)
    order = Signal(list)
    failed = Signal(str)

    def __init__(
        self,
        library: StyleLibrary,
        *,
        show_nsfw: bool = False,
        tasks: TaskRegistry | None = None,
        before_details: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        # Called before a style is read as a model: in the app, until another thread has loaded the models.
        self._before_details = before_details
        # With tasks (the app's), facets are counted on the library's reader thread; without, right here.
        self._tasks = tasks
        # Best match: what a search text names best comes first, and with no text the most used (issue 16).
        self.query = StyleQuery(show_nsfw=show_nsfw, limit=PAGE, sort=SortOrder.BEST_MATCH)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)
        # Facet counts are the slowest query; they follow the cards in the next turn of the event loop.
        self._facet_timer = QTimer(self, singleShot=True, interval=0)
        self._facet_timer.timeout.connect(self._count_facets)
        self._named: set[str] = set()  # the styles the search text names exactly, shown first
        self._named_first: list[str] = []  # the same, in the order shown

    def set_text(self, text: str) -> None:
        self.query = replace(self.query, text=text)
        self._timer.start()

    def update(self, **changes: object) -> None:
        """Any other filter (kind, tag, model, show_nsfw, favourites_only, mine_only, sort): runs at once."""
        self.query = replace(self.query, **changes)  # type: ignore[arg-type]  # StyleQuery's own fields
        self.run()

    def set_sort(self, sort: SortOrder) -> None:
        self.update(sort=sort)

    def reveal(self, style_id: str) -> StyleRow | None:
        """Search for one style by its name, loosening only the filters that would hide it, and run; the
        style's row, or None when the library does not hold it (private to someone else, or deleted)."""
        try:
            row = self.library.get_row(style_id)
        except LibraryError as err:
            self.failed.emit(str(err))
            return None
        if row is None or row.gone:
            return None
        q = self.query
        self.query = replace(
            q, text=row.name, offset=0,
            kind=q.kind if q.kind in (None, row.kind) else None,
            tag=q.tag if q.tag is None or q.tag in row.tags else None,
            model=q.model if q.model is None or q.model in row.models else None,
            show_nsfw=q.show_nsfw or row.nsfw,
            favourites_only=q.favourites_only and row.favourite,
            mine_only=q.mine_only and row.mine,
        )  # fmt: skip
        self.run()
        return row

    @staticmethod
    def bulk_targets(rows: list[StyleRow]) -> list[BulkTarget]:
        """The user's own styles among ``rows``: bulk edits change nothing else."""
        from horde_style_studio.library.bulk_queue import BulkTarget

        return [BulkTarget(row.id, row.kind, row.name) for row in rows if row.mine]

    def own_collection_choices(self) -> list[tuple[str, str]]:
        """``(id, name)`` of the signed-in user's collections, for "Add to collection"."""
        account = self.library.account()
        if account is None:
            return []
        # Here, when "Add to collection" is chosen: the first paint lists without the own collections.
        from horde_style_studio.library.own_collections import OwnCollections

        owned = OwnCollections(self.library).own_collections(account, include_gone=False)
        return [(own.id, own.name) for own in owned]

    def style_detail(self, style_id: str) -> tuple[AnyStyle | None, str]:
        """The style ``style_id`` as the library holds it, and the user's note on it."""
        if self._before_details is not None:
            self._before_details()
        try:
            return self.library.get_style(style_id), self.library.note(style_id)
        except LibraryError as err:
            self.failed.emit(str(err))
            return None, ""

    def usage(self, style_id: str) -> tuple[list[UsePoint], int]:
        """The style's recorded use counts, oldest first, and the uses it gained lately."""
        try:
            return self.library.usage_history(style_id), self.library.uses_gained(style_id)
        except LibraryError as err:
            self.failed.emit(str(err))
            return [], 0

    def set_note(self, style_id: str, text: str) -> None:
        try:
            self.library.set_note(style_id, text)
        except LibraryError as err:
            self.failed.emit(str(err))

    def set_favourite(self, style_id: str, on: bool) -> None:
        """Mark or unmark a favourite; a list of favourites only is asked again."""
        try:
            self.library.set_favourite(style_id, on)
        except LibraryError as err:
            self.failed.emit(str(err))
            return
        if self.query.favourites_only:
            self.run()

    def run(self) -> None:
        self._timer.stop()
        try:
            rows = self.library.search(self.query)
            named = self.library.named(self.query) if self.query.text.strip() else []
        except LibraryError as err:
            self.failed.emit(str(err))
            return
        # What the text names exactly (an id, a name, alias::name) comes first, then the other matches.
        self._named = {row.id for row in named}
        self._named_first = [row.id for row in named]
        self.results.emit([*named, *(row for row in rows if row.id not in self._named)])
        self._facet_timer.start()

    def more(self, offset: int, after: str) -> list[StyleRow]:
        """The page of the current query after the style ``after`` (``offset`` rows in), for the model's
        fetchMore: read from that style on, so any depth costs the same."""
        try:
            rows = self.library.search(replace(self.query, offset=offset, after=after))
        except LibraryError as err:
            self.failed.emit(str(err))
            return []
        return [row for row in rows if row.id not in self._named]  # shown first already

    def load(self, ids: Sequence[str]) -> list[StyleRow]:
        """The rows of ``ids``, for a model that knows the whole order and reads a page when it shows."""
        try:
            return self.library.rows_by_id(ids)
        except LibraryError as err:
            self.failed.emit(str(err))
            return []

    def _count_facets(self) -> None:
        if self._tasks is not None:
            # Named: a newer keystroke cancels the wait for an older count (the thread finishes it unseen).
            self._tasks.start(self._count_facets_in_background(self.query), name="browse-facets")
            return
        try:
            self.facets.emit(self.library.facet_counts(self.query, limit=FACETS))
            self.total.emit(max(self.library.count(self.query), len(self._named)))
            self.order.emit(self._in_shown_order(self.library.ordered_ids(self.query)))
        except LibraryError as err:
            self.failed.emit(str(err))

    async def _count_facets_in_background(self, query: StyleQuery) -> None:
        try:
            facets = await self.library.facet_counts_in_background(query, limit=FACETS)
            total = await self.library.count_in_background(query)
            if query != self.query:  # the filters no longer show what was counted
                return
            self.facets.emit(facets)
            self.total.emit(max(total, len(self._named)))  # an id finds its style, which no word matches
            # The bitsets counted are kept, so every id in order comes at the cost of one pass over them.
            order = await self.library.ordered_ids_in_background(query)
        except LibraryError as err:
            self.failed.emit(str(err))
            return
        if query == self.query:
            self.order.emit(self._in_shown_order(order))

    def _in_shown_order(self, ids: list[str]) -> list[str]:
        """Every id as the list shows them: what the text names exactly first (see :meth:`run`), then the
        others in the query's order."""
        return [*self._named_first, *(id_ for id_ in ids if id_ not in self._named)]
