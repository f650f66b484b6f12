"""The Browse tab over a real library filled from the sandbox: search as you type, filters, sort, detail."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import SortOrder, StyleLibrary
from horde_style_studio.ui.browse.page import BrowsePage
from horde_style_studio.ui.browse.presenter import PAGE
from horde_style_studio.ui.shared.card_delegate import CARD
from horde_style_studio.ui.shared.mime import STYLE_IDS_MIME, decode_style_ids
from tests.qt.conftest import OFFSCREEN_NOISE


def test_the_card_model_passes_the_model_tester(qtmodeltester: ModelTester, page: BrowsePage) -> None:
    qtmodeltester.check(page.model, force_py=True)  # type: ignore[no-untyped-call]  # pytest-qt leaves it unannotated


def test_typing_narrows_the_cards(qtbot: QtBot, page: BrowsePage) -> None:
    everything = page.presenter.library.count(replace(page.presenter.query, limit=None))
    assert everything > PAGE
    # The first page at once, then, once counted, the whole list's length: the view lays out and sizes its
    # scroll bar once, and reads the pages it shows.
    qtbot.waitUntil(lambda: page.model.rowCount() == everything)
    QTest.keyClicks(page.filters.search, "impa")
    qtbot.waitUntil(lambda: page.model.rowCount() < everything)
    names = [page.model.row_at(n).name for n in range(page.model.rowCount())]  # type: ignore[union-attr]
    assert "Impasto Section Five" in names
    page.filters.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == everything)


def test_kind_tag_and_sort_filters(qtbot: QtBot, page: BrowsePage) -> None:
    page.filters.kind.setCurrentIndex(page.filters.kind.findData(StyleKind.TEXT))
    rows = [page.model.row_at(n) for n in range(page.model.rowCount())]
    assert rows
    assert all(r is not None and r.kind is StyleKind.TEXT for r in rows)
    page.filters.kind.setCurrentIndex(page.filters.kind.findData(StyleKind.IMAGE))
    tag_index = 1  # the most frequent tag, after "Any"
    tag = page.filters.tag.itemData(tag_index)
    page.filters.tag.setCurrentIndex(tag_index)
    page.filters.tag.activated.emit(tag_index)
    tagged = [page.model.row_at(n) for n in range(page.model.rowCount())]
    assert tagged
    assert all(r is not None and tag in r.tags for r in tagged)
    page.filters.sort.setCurrentIndex(page.filters.sort.findData(SortOrder.NAME))
    names = [r.name for n in range(page.model.rowCount()) if (r := page.model.row_at(n)) is not None]
    assert names == sorted(names, key=str.casefold)


FIVE = "Impasto Section Five"


def test_detail_shows_the_merged_prompt_as_the_server_builds_it(qtbot: QtBot, page: BrowsePage) -> None:
    QTest.keyClicks(page.filters.search, "Section Five")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.styles_view.set_current_row(0)
    # The detail follows the new results in the next turn of the event loop (cards are painted first).
    qtbot.waitUntil(lambda: page.detail.current is not None and page.detail.current.name == FIVE)
    page.detail.try_prompt.setText("robots in a field###organic")
    assert page.detail.merged.text() == "robots in a field, impasto impressionism###no blur, organic"
    assert '"prompt": "{p}, impasto impressionism###no blur, {np}"' in page.detail.raw.toPlainText()


def test_favourites_survive_and_filter(qtbot: QtBot, page: BrowsePage, library: StyleLibrary) -> None:
    page.styles_view.set_current_row(2)
    chosen = page.detail.current
    assert chosen is not None
    page.detail.favourite.click()
    assert library.is_favourite(chosen.id)
    page.filters.favourites.setChecked(True)
    assert page.model.rowCount() == 1
    assert page.model.row_at(0).id == chosen.id  # type: ignore[union-attr]


def test_dragging_cards_carries_their_ids_for_collections(page: BrowsePage) -> None:
    indexes = [page.model.index(n, 0) for n in range(3)]
    data = page.model.mimeData(indexes)
    assert data.hasFormat(STYLE_IDS_MIME)
    assert decode_style_ids(data) == [page.model.row_at(n).id for n in range(3)]  # type: ignore[union-attr]


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support grabbing the keyboard")
def test_add_to_collection_asks_which_and_sends_the_selected_ids(
    qtbot: QtBot, page: BrowsePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = [("c-night", "Night Market"), ("c-sea", "Sea Glass")]
    monkeypatch.setattr(page.presenter, "own_collection_choices", lambda: own)
    page.show()
    page.styles_view.set_current_row(0)
    page.detail.to_collection.click()
    menu = page.collection_menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    choices = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert choices == ["Night Market", "Sea Glass", "New collection…"]
    with qtbot.waitSignal(page.add_to_collection) as sent:
        menu.actions()[1].trigger()
    assert sent.args == [[page.model.row_at(0).id], "c-sea"]  # type: ignore[union-attr]
    menu.close()


def test_rows_arrive_a_page_at_a_time_as_the_view_asks(page: BrowsePage) -> None:
    page.presenter.query = replace(page.presenter.query, limit=50)
    page.refresh()
    assert page.model.rowCount() == 50
    assert page.model.canFetchMore(QModelIndex())
    assert "more appear as you scroll" in page.count.text()
    while page.model.canFetchMore(QModelIndex()):
        page.model.fetchMore(QModelIndex())
    assert page.model.rowCount() == page.presenter.library.count(replace(page.presenter.query, limit=None))
    ids = [r.id for n in range(page.model.rowCount()) if (r := page.model.row_at(n)) is not None]
    assert len(set(ids)) == len(ids)


def test_once_counted_the_whole_list_is_there_and_any_row_reads(qtbot: QtBot, page: BrowsePage) -> None:
    whole = [row.id for row in page.presenter.library.search(replace(page.presenter.query, limit=None))]
    qtbot.waitUntil(lambda: page.model.rowCount() == len(whole))
    assert not page.model.canFetchMore(QModelIndex())
    assert page.count.text() == f"{len(whole):,} styles"
    # From the far end backwards, as a jump to the bottom of the scroll bar reads them.
    assert [page.model.row_at(n).id for n in reversed(range(len(whole)))] == whole[::-1]  # type: ignore[union-attr]
    page.styles_view.set_current_row(len(whole) - 1)
    qtbot.waitUntil(lambda: page.detail.current is not None and page.detail.current.id == whole[-1])


def test_a_personal_note_is_kept_per_style(qtbot: QtBot, page: BrowsePage, library: StyleLibrary) -> None:
    page.styles_view.set_current_row(1)
    first = page.detail.current
    assert first is not None
    page.detail.note.setPlainText("Great for rainy scenes")
    page.styles_view.set_current_row(2)  # switching saves at once, no waiting for the timer
    assert library.note(first.id) == "Great for rainy scenes"
    assert page.detail.note.toPlainText() == ""
    page.styles_view.set_current_row(1)
    assert page.detail.note.toPlainText() == "Great for rainy scenes"


def test_at_1280_pixels_the_grid_spreads_three_columns_over_its_width(qtbot: QtBot, page: BrowsePage) -> None:
    page.show()
    qtbot.waitExposed(page)
    grid, cells = page.styles_view.list, page.styles_view.adapter

    def columns() -> list[int]:  # each card is painted centred on its cell
        return sorted({grid.visualRect(cells.index(n, 0)).center().x() - CARD.width() // 2 for n in range(6)})

    qtbot.waitUntil(lambda: len(columns()) == 3)  # three cards a row, the detail pane beside them
    lefts = columns()
    card = CARD.width()
    spare = grid.viewport().width() - (lefts[-1] + card)
    assert spare <= lefts[1] - lefts[0] - card  # spare room goes between the cards, not in one blank strip


def test_the_count_says_how_many_match_in_all_once_counted(qtbot: QtBot, page: BrowsePage) -> None:
    everything = page.presenter.library.count(replace(page.presenter.query, limit=None))
    assert everything > PAGE  # more than the first page holds
    page.refresh()
    assert page.count.text() == f"The first {PAGE} styles; more appear as you scroll."
    qtbot.waitUntil(lambda: page.count.text() == f"{everything:,} styles")  # a moment after the cards
