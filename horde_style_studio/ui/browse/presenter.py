"""``BrowsePresenter``: turns the filter widgets' state into library queries and reports the outcome."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from horde_style_studio.library import LibraryError, SortOrder, StyleLibrary, StyleQuery

# Typing pauses this long before the query runs: one query per burst of keystrokes, still "as you type".
DEBOUNCE_MS = 60
RESULT_LIMIT = 2000


class BrowsePresenter(QObject):
    """Signals: ``results(list[StyleRow])`` then ``facets(Facets)`` (the slower query comes second, so cards
    appear first); ``failed(str)`` when the library cannot answer."""

    results = Signal(list)
    facets = Signal(object)
    failed = Signal(str)

    def __init__(
        self, library: StyleLibrary, *, show_nsfw: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.query = StyleQuery(show_nsfw=show_nsfw, limit=RESULT_LIMIT)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)

    def set_text(self, text: str) -> None:
        self.query = replace(self.query, text=text)
        self._timer.start()

    def update(self, **changes: object) -> None:
        """Any other filter (kind, tag, model, show_nsfw, favourites_only, mine_only, sort): runs at once."""
        self.query = replace(self.query, **changes)  # type: ignore[arg-type]  # StyleQuery's own fields
        self.run()

    def set_sort(self, sort: SortOrder) -> None:
        self.update(sort=sort)

    def run(self) -> None:
        self._timer.stop()
        try:
            rows = self.library.search(self.query)
        except LibraryError as err:
            self.failed.emit(str(err))
            return
        self.results.emit(rows)
        try:
            self.facets.emit(self.library.facet_counts(self.query, limit=60))
        except LibraryError as err:
            self.failed.emit(str(err))
