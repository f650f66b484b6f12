"""Facet counts (slow over thousands of styles) run on the library's reader thread in the app, a count for
filters the user has already changed is never shown, and before the first count the filters still show."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import Facets, StyleLibrary, StyleQuery
from horde_style_studio.library.db import Database, Job
from horde_style_studio.library.facet_index import FacetCount
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.browse.filters import FilterBar, Scope
from horde_style_studio.ui.browse.presenter import BrowsePresenter


def _style(n: int, tags: list[str]) -> ImageStyle:
    return ImageStyle.model_validate(
        {"id": f"00000000-0000-4000-8000-{n:012d}", "name": f"Style {n}", "prompt": "{p}", "tags": tags,
         "models": ["Deliberate"]}
    )


def test_facets_are_counted_on_another_thread_and_a_stale_count_is_dropped(
    qtbot: QtBot, qasync_loop: asyncio.AbstractEventLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = StyleLibrary.open(tmp_path / "library.sqlite")
    styles = [_style(1, ["neon", "city"]), _style(2, ["neon"]), _style(3, ["forest"])]
    library.upsert_styles(StyleKind.IMAGE, styles, datetime.now(UTC))
    readers: list[str] = []
    original = Database._run_read

    def spy(db: Database, job: Job[Any]) -> Any:
        readers.append(threading.current_thread().name)
        return original(db, job)

    monkeypatch.setattr(Database, "_run_read", spy)
    tasks = TaskRegistry()
    presenter = BrowsePresenter(library, tasks=tasks)
    shown: list[Facets] = []
    presenter.facets.connect(shown.append)
    try:
        presenter.update(tag="forest")
        presenter.update(tag=None)  # changed again before the first count came back
        qtbot.waitUntil(lambda: len(tasks) == 0 and len(shown) == 1)
        assert readers
        assert all(name.startswith("library-reader") for name in readers)
        # The count for the filters on screen (no tag: three styles use Deliberate), not the one for forest.
        assert {f.value: f.count for f in shown[0].models} == {"Deliberate": 3}
        assert {f.value: f.count for f in shown[0].tags} == {"neon": 2, "city": 1, "forest": 1}
    finally:
        library.close()


def test_before_the_first_counts_the_tag_and_model_filters_say_what_they_are(qtbot: QtBot) -> None:
    """The counts come after the first paint: until then the boxes show the filter, not a blank."""
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.show_query(Scope.STYLES, "", StyleQuery(tag="neon"))
    assert (bar.tag.currentText(), bar.model_filter.currentText()) == ("neon", "Any model")
    bar.show_facets(Facets(tags=(FacetCount("neon", 2), FacetCount("city", 1)), models=()), "neon", None)
    assert [bar.tag.itemText(n) for n in range(bar.tag.count())] == ["Any tag", "neon (2)", "city (1)"]
    assert bar.tag.currentText() == "neon (2)"
    bar.show_query(Scope.STYLES, "", StyleQuery(tag="city"))  # once counted, the counted items stay
    assert bar.tag.currentText() == "city (1)"


def test_a_style_is_read_as_a_model_only_after_the_wait_the_app_asks_for(tmp_path: Path) -> None:
    """In the app the wait lasts until the import thread has loaded the style models, so that a style picked
    right after the window appears never imports them on the window's thread meanwhile (issue 18)."""
    library = StyleLibrary.open(tmp_path / "library.sqlite")
    library.upsert_styles(StyleKind.IMAGE, [_style(1, ["neon"])], datetime.now(UTC))
    steps: list[str] = []
    read = library.get_style

    def reading(style_id: str) -> Any:
        steps.append("read")
        return read(style_id)

    library.get_style = reading  # type: ignore[method-assign]  # a spy on this one library
    presenter = BrowsePresenter(library, before_details=lambda: steps.append("waited"))
    try:
        style, _note = presenter.style_detail(_style(1, []).id)
        assert steps == ["waited", "read"]
        assert style is not None
        assert style.name == "Style 1"
    finally:
        library.close()
