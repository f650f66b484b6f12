"""Search finds a style by its id and by ``alias::name``, and an exact name comes before the other matches."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.ui.browse.page import BrowsePage
from tests.qt.browse.conftest import SECTION_5


def _style(n: int, name: str, uses: int, creator: str = "someone#7") -> ImageStyle:
    style_id = f"00000000-0000-4000-8000-0000000001{n:02d}"
    fields = {"name": name, "use_count": uses, "id": style_id, "creator": creator}
    return ImageStyle.model_validate({**SECTION_5.model_dump(mode="json"), **fields})


def _search(qtbot: QtBot, page: BrowsePage, text: str) -> list[str]:
    with qtbot.waitSignal(page.presenter.results):
        page.filters.search.setText(text)
    return [row.name for n in range(page.model.rowCount()) if (row := page.model.row_at(n)) is not None]


def test_an_exact_name_comes_first_however_little_used(
    qtbot: QtBot, page: BrowsePage, library: StyleLibrary
) -> None:
    styles = [_style(1, "Ember Glow Deluxe", 900), _style(2, "Ember Glow", 1),
              _style(3, "Glow of Ember", 500)]  # fmt: skip
    library.upsert_styles(StyleKind.IMAGE, styles, datetime.now(UTC))
    assert _search(qtbot, page, "ember glow") == ["Ember Glow", "Ember Glow Deluxe", "Glow of Ember"]


def test_an_id_finds_its_style(qtbot: QtBot, page: BrowsePage) -> None:
    assert _search(qtbot, page, SECTION_5.id.upper()) == ["Impasto Section Five"]
    qtbot.waitUntil(lambda: page.count.text() == "1 style")


def test_alias_and_name_find_that_creators_style_first(
    qtbot: QtBot, page: BrowsePage, library: StyleLibrary
) -> None:
    twin = _style(4, "Impasto Section Five", 5000, creator="copycat#9")
    library.upsert_styles(StyleKind.IMAGE, [twin], datetime.now(UTC))
    for text in ("db0#1::Impasto Section Five", "db0#1::style::impasto section five"):
        found = _search(qtbot, page, text)
        assert found[0] == "Impasto Section Five"
        first = page.model.row_at(0)
        assert first is not None
        assert first.creator == "db0#1"  # not the more used copy by someone else


def test_the_whole_list_keeps_the_exact_name_first_and_once(
    qtbot: QtBot, page: BrowsePage, library: StyleLibrary
) -> None:
    # More matches than a page: the whole list's order, read once counted, must agree with the first page.
    many = [_style(n, f"Ember Glow Deluxe {n}", 900 + n) for n in range(10, 90)]
    exact = _style(5, "Ember Glow", 1)
    library.upsert_styles(StyleKind.IMAGE, [*many, exact], datetime.now(UTC))
    _search(qtbot, page, "ember glow")
    qtbot.waitUntil(lambda: page.model.rowCount() == len(many) + 1)
    rows = [page.model.row_at(n) for n in range(page.model.rowCount())]
    ids = [row.id for row in rows if row is not None]
    assert ids[0] == exact.id
    assert sorted(ids) == sorted([exact.id, *(style.id for style in many)])


def test_typing_a_search_ranks_names_before_other_fields_and_a_picked_sort_still_wins(
    qtbot: QtBot, page: BrowsePage, library: StyleLibrary
) -> None:
    # The most used styles only mention the word in their description: a name beginning with it, then a
    # name holding it, come first all the same; the user's own choice of order is kept when picked.
    described = [
        ImageStyle.model_validate({**_style(n, f"Style {n}", 9000 + n).model_dump(mode="json"),
                                   "info": "a lantern lit scene"})
        for n in range(20, 25)
    ]  # fmt: skip
    styles = [*described, _style(6, "Old Lantern Road", 30), _style(7, "Lanterns at Dusk", 10)]
    library.upsert_styles(StyleKind.IMAGE, styles, datetime.now(UTC))
    assert page.filters.sort.currentText() == "Best match"
    assert _search(qtbot, page, "lantern")[:2] == ["Lanterns at Dusk", "Old Lantern Road"]
    with qtbot.waitSignal(page.presenter.results):
        page.filters.sort.setCurrentIndex(page.filters.sort.findText("Most used"))
    first = page.model.row_at(0)
    assert first is not None
    assert first.name == "Style 24"
