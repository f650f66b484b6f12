"""Browse's Collections scope: public collections (and the user's own) searched and filtered like styles,
their members listed, and a member opened among the styles."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.collections import Collection
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import CollectionQuery, CollectionRow, StyleLibrary
from horde_style_studio.library.own_collections import OwnCollections, OwnCollectionState
from horde_style_studio.ui.browse.filters import Scope
from horde_style_studio.ui.browse.page import BrowsePage


def shown(page: BrowsePage) -> list[CollectionRow]:
    model = page.collection_model
    return [row for n in range(model.rowCount()) if (row := model.row_at(n)) is not None]


def to_collections(page: BrowsePage) -> None:
    page.filters.scope_button(Scope.COLLECTIONS).click()
    assert page.scope is Scope.COLLECTIONS


def choose(qtbot: QtBot, page: BrowsePage, name: str) -> CollectionRow:
    page.filters.search.setText(name)
    qtbot.waitUntil(lambda: [row.name for row in shown(page)][:1] == [name])
    page.collections_view.set_current_row(0)
    row = shown(page)[0]
    assert page.collection_detail.current == row
    return row


def test_switching_scope_lists_collections_and_keeps_each_search(qtbot: QtBot, page: BrowsePage) -> None:
    QTest.keyClicks(page.filters.search, "noir")
    qtbot.waitUntil(lambda: page.model.rowCount() < 40)
    noir_styles = page.model.rowCount()
    to_collections(page)
    assert page.filters.search.text() == ""  # each scope keeps its own search
    expected = page.presenter.library.search_collections(CollectionQuery())
    assert [row.name for row in shown(page)] == [row.name for row in expected]
    assert page.count.text() == f"{len(expected)} collections"
    assert not page.filters.tag.isEnabled()
    assert not page.filters.favourites.isEnabled()
    assert "collection" in page.filters.search.placeholderText()
    first = expected[0]
    assert page.details.currentWidget() is page.collection_detail
    assert page.collection_detail.title.text() == first.name
    assert page.collection_detail.members_model.rowCount() == first.member_count
    assert "creator not shown by the server" in page.collection_detail.meta.text()
    page.filters.scope_button(Scope.STYLES).click()
    assert page.filters.search.text() == "noir"
    assert page.model.rowCount() == noir_styles
    assert page.details.currentWidget() is page.detail


def test_search_kind_and_nsfw_narrow_the_collections(qtbot: QtBot, page: BrowsePage) -> None:
    to_collections(page)
    everything = len(shown(page))
    QTest.keyClicks(page.filters.search, "noir")
    qtbot.waitUntil(lambda: len(shown(page)) < everything)
    library = page.presenter.library
    for row in shown(page):
        members = library.collection_member_refs(row.id)
        assert "noir" in row.name.casefold() or any("noir" in m.name.casefold() for m in members)
    page.filters.search.clear()
    qtbot.waitUntil(lambda: len(shown(page)) == everything)
    page.filters.kind.setCurrentIndex(page.filters.kind.findData(StyleKind.TEXT))
    assert shown(page)
    assert all(row.kind is StyleKind.TEXT for row in shown(page))
    page.filters.kind.setCurrentIndex(0)
    page.filters.nsfw.setChecked(True)
    with_nsfw = shown(page)
    assert len(with_nsfw) > everything  # the sandbox has a collection holding an NSFW style
    page.filters.nsfw.setChecked(False)
    assert len(shown(page)) == everything


def test_mine_keeps_the_users_own_collections_also_private(page: BrowsePage, library: StyleLibrary) -> None:
    first = library.search_collections(CollectionQuery())[0]
    member = library.collection_member_refs(first.id)[0]
    own = OwnCollections(library)
    own.remember_collection("sandbox_user#2", "c-secret", OwnCollectionState(
        "Secret Sketches", StyleKind.IMAGE, "Only for me.", False, (member,)))  # fmt: skip
    page.collections.account = "sandbox_user#2"
    to_collections(page)
    page.filters.mine.setChecked(True)
    assert [row.name for row in shown(page)] == ["Secret Sketches"]
    assert "by you" in page.collection_detail.meta.text()
    assert "private" in page.collection_detail.meta.text()
    assert page.collection_detail.info.text() == "Only for me."
    page.filters.scope_button(Scope.STYLES).click()
    assert page.filters.mine.isChecked()  # a shared filter: styles are narrowed to the user's own too
    assert page.presenter.query.mine_only


def test_activating_a_member_opens_it_among_the_styles(qtbot: QtBot, page: BrowsePage) -> None:
    page.filters.favourites.setChecked(True)  # would hide the member: opening it must loosen this
    to_collections(page)
    collection = choose(qtbot, page, "Print Shop")
    members = page.collection_detail.members
    card = page.collection_detail.members_model.card(1)
    members.setCurrentIndex(members.model().index(1, 0))
    QTest.keyClick(members, Qt.Key.Key_Return)
    assert page.scope is Scope.STYLES
    qtbot.waitUntil(lambda: page.detail.current is not None)  # the pane follows the cards a moment later
    assert page.detail.current is not None
    assert page.detail.current.id == card.id
    assert page.model.row_at(page.styles_view.current_row()).id == card.id  # type: ignore[union-attr]
    assert page.filters.search.text() == page.detail.current.name
    assert not page.filters.favourites.isChecked()
    to_collections(page)
    assert page.collection_detail.current == collection  # the collection is still where it was


def test_a_member_the_library_lacks_is_explained_not_opened(qtbot: QtBot, page: BrowsePage) -> None:
    library = page.presenter.library
    lost = Collection.model_validate({
        "id": "c-lost", "name": "Lost And Found", "type": "image", "use_count": 1,
        "styles": [{"id": "s-vanished", "name": "someone#3::style::Vanished Style"}],
    })  # fmt: skip
    library.upsert_collections([lost], datetime.now(UTC))
    to_collections(page)
    choose(qtbot, page, "Lost And Found")
    assert page.collection_detail.members_model.card(0).name == "Vanished Style"
    page.collection_detail.show_member.click()
    assert page.scope is Scope.COLLECTIONS
    assert page.collection_detail.status.isVisibleTo(page.collection_detail)
    assert "“Vanished Style” is not in the local library" in page.collection_detail.status.text()
