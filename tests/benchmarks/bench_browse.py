"""The Browse tab with 10,000 styles: a keystroke in the search box until the view shows the new result set,
and a tag filter chosen until the view shows it (issue 4's targets: 16 ms median, 50 ms p95)."""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.benchmarks.bench_library import MEDIAN_MS, P95_MS, TYPED, build_library, timed_ms
from tests.benchmarks.results import Result, median, note, p95


def main() -> list[Result]:
    from horde_style_studio.ui.browse.collections_presenter import CollectionBrowsePresenter
    from horde_style_studio.ui.browse.page import BrowsePage
    from horde_style_studio.ui.browse.presenter import BrowsePresenter

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        note("building a 10,000-style library for the Browse benchmark")
        library = build_library(Path(folder) / "library.sqlite")
        page = BrowsePage(BrowsePresenter(library), None, collections=CollectionBrowsePresenter(library))
        page.resize(1280, 800)
        page.show()
        page.refresh()
        app.processEvents()

        def shown(text: str) -> None:
            page.presenter.set_text(text)
            page.presenter.run()  # what the debounce timer does after the last keystroke of a burst
            page.styles_view.list.viewport().repaint()  # the view has painted the new result set

        def filtered(tag: str) -> None:
            page.presenter.update(tag=tag)
            page.styles_view.list.viewport().repaint()

        baseline = median([timed_ms(page.styles_view.list.viewport().repaint) for _ in range(20)])
        keystrokes = [word[:n] for word in TYPED for n in range(1, len(word) + 1)]
        for text in keystrokes:  # untimed: warms SQLite's page cache and Qt's glyph caches, as any use does
            shown(text)
        typing = [timed_ms(partial(shown, text)) for text in keystrokes]
        shown("")
        tags = [page.filters.tag.itemData(n) for n in range(1, min(page.filters.tag.count(), 21))]
        filtering = [timed_ms(partial(filtered, tag)) for tag in tags]
        page.close()
        library.close()
    return [
        Result.of("browse_keystroke_to_view_median", median(typing), "ms", MEDIAN_MS, baseline).emit(),
        Result.of("browse_keystroke_to_view_p95", p95(typing), "ms", P95_MS, baseline).emit(),
        Result.of("browse_tag_filter_to_view_median", median(filtering), "ms", MEDIAN_MS, baseline).emit(),
        Result.of("browse_tag_filter_to_view_p95", p95(filtering), "ms", P95_MS, baseline).emit(),
    ]
