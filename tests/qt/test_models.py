"""Every list model of the app keeps Qt's model contract (pytest-qt's model tester), filled with rows.

The models are found, not listed: every QAbstractItemModel subclass in the ui package that nothing there
derives from is tested, and one without a filled example in ``FILLED`` fails, so a new model cannot skip
the tester.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester

import horde_style_studio.ui
from horde_style_studio.domain.collections import Collection
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle, StyleExample, TextStyle
from horde_style_studio.library import CollectionQuery, StyleLibrary, StyleQuery
from horde_style_studio.library.drafts import Drafts
from horde_style_studio.library.history import History, SnapshotReason
from horde_style_studio.ui.browse.columns import STYLE_COLUMNS
from horde_style_studio.ui.browse.model import CollectionCardModel, StyleCardModel
from horde_style_studio.ui.browse.table_model import ColumnTableModel
from horde_style_studio.ui.collections.collection_model import CollectionFilter, CollectionListModel
from horde_style_studio.ui.collections.member_model import MemberListModel
from horde_style_studio.ui.editor.drafts_view import DraftListModel
from horde_style_studio.ui.editor.history_view import SnapshotListModel
from horde_style_studio.ui.examples.gallery_model import GalleryModel
from horde_style_studio.ui.shared.card_lists import CardListModel, StyleListModel
from horde_style_studio.ui.shared.row_model import ROW_ROLE, RowListModel
from horde_style_studio.ui.widgets.list_table import ListTableModel
from horde_style_studio.workflows.cards import Card, Mark
from horde_style_studio.workflows.collections.records import CollectionEntry

EXAMPLES = [
    StyleExample(id="e1", url="https://img.test/one.png", primary=True),
    StyleExample(id="e2", url="https://img.test/two.png"),
]
CARDS = [
    Card("s1", StyleKind.IMAGE, "Harbour Fog", "curator#1", "Fog.", "https://img.test/one.png"),
    Card("s2", StyleKind.IMAGE, "Neon Rain", "someone#2", mark=Mark.PRIVATE),
    Card("s3", StyleKind.IMAGE, "Gone Style", mark=Mark.GONE),
]
ENTRIES = [
    CollectionEntry("c1", "Moody", StyleKind.IMAGE, True, 2, mine=True),
    CollectionEntry("c2", "Bright", None, False, 0, mine=False, gone=True),
]


def _ui_models() -> list[type[QAbstractItemModel]]:
    for module in pkgutil.walk_packages(horde_style_studio.ui.__path__, "horde_style_studio.ui."):
        importlib.import_module(module.name)
    found: set[type[QAbstractItemModel]] = set()
    stack = [QAbstractItemModel]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("horde_style_studio."):
                found.add(sub)
    # Bases too: RowListModel and CardListModel are used as they are, not only through subclasses.
    return sorted(found, key=lambda model: f"{model.__module__}.{model.__qualname__}")


@pytest.fixture
def library() -> Iterator[StyleLibrary]:
    lib = StyleLibrary.in_memory()
    now = datetime(2025, 3, 1, tzinfo=UTC)
    images = [
        ImageStyle(
            id="s1", name="Harbour Fog", prompt="{p}, fog###{np}", creator="curator#1", examples=EXAMPLES
        ),
        ImageStyle(id="s2", name="Neon Rain", prompt="{p}, neon###{np}", public=False, use_count=7),
    ]
    lib.upsert_styles(StyleKind.IMAGE, images, now, mine=True)
    lib.upsert_styles(StyleKind.TEXT, [TextStyle(id="t1", name="Terse", prompt="{p}")], now)
    lib.upsert_collections([Collection(id="c1", name="Moody", type=StyleKind.IMAGE, use_count=3)], now)
    yield lib
    lib.close()


def _style_cards(library: StyleLibrary) -> StyleCardModel:
    model = StyleCardModel()
    model.set_rows(library.search(StyleQuery(show_nsfw=True, limit=None)))
    return model


def _collection_cards(library: StyleLibrary) -> CollectionCardModel:
    model = CollectionCardModel()
    model.set_rows(library.search_collections(CollectionQuery()))
    return model


def _collection_list(library: StyleLibrary) -> CollectionListModel:
    model = CollectionListModel()
    model.set_entries(ENTRIES)
    return model


def _members(library: StyleLibrary) -> MemberListModel:
    model = MemberListModel()
    model.ids_dropped.connect(
        lambda ids, row: model.add_cards([card for card in CARDS if card.id in ids], row, asked=len(ids))
    )
    model.set_cards(CARDS[:2], kind=StyleKind.IMAGE)
    return model


def _styles(library: StyleLibrary) -> StyleListModel:
    model = StyleListModel()
    model.set_cards(CARDS)
    return model


def _drafts(library: StyleLibrary) -> DraftListModel:
    drafts = Drafts(library)
    drafts.save_draft(None, StyleKind.IMAGE, {"name": "Half done", "prompt": "{p}###{np}"})
    drafts.save_draft(None, StyleKind.TEXT, {"name": ""}, raw="{ not json")
    model = DraftListModel()
    model.set_rows(drafts.drafts())
    return model


def _snapshots(library: StyleLibrary) -> SnapshotListModel:
    history = History(library)
    style = library.get_style("s1")
    assert style is not None
    history.take_snapshot(style, SnapshotReason.PATCH)
    history.take_snapshot(style, SnapshotReason.DELETE)
    model = SnapshotListModel()
    model.set_rows(history.snapshots())
    return model


def _rows(library: StyleLibrary) -> RowListModel[str]:
    pages = {0: ["a", "b"], 2: ["c"], 3: []}
    model: RowListModel[str] = RowListModel(
        {Qt.ItemDataRole.DisplayRole: str.upper, ROW_ROLE: lambda row: row}, key=lambda row: row, pages=True
    )
    model.more_wanted.connect(lambda offset, _after: model.append_page(pages.get(offset, [])))
    model.set_rows(pages[0], page=2)
    return model


def _card_list(library: StyleLibrary) -> CardListModel:
    model = CardListModel()
    model.set_rows(CARDS)
    return model


def _gallery(library: StyleLibrary) -> GalleryModel:
    model = GalleryModel()
    model.set_examples(list(EXAMPLES))
    return model


def _list_table(library: StyleLibrary) -> ListTableModel[Card]:
    def colour(card: Card, column: int) -> QColor | None:
        return QColor("darkred") if card.mark is Mark.GONE and column == 0 else None

    model: ListTableModel[Card] = ListTableModel(
        [("Name", lambda card: card.name), ("Creator", lambda card: card.creator)], colour
    )
    model.set_items(CARDS)
    return model


FILLED: dict[type[QAbstractItemModel], Callable[[StyleLibrary], QAbstractItemModel]] = {
    StyleCardModel: _style_cards,
    CollectionCardModel: _collection_cards,
    ColumnTableModel: lambda library: ColumnTableModel(_style_cards(library), STYLE_COLUMNS),
    CollectionListModel: _collection_list,
    CollectionFilter: lambda library: CollectionFilter(_collection_list(library), mine=True),
    MemberListModel: _members,
    StyleListModel: _styles,
    RowListModel: _rows,
    CardListModel: _card_list,
    DraftListModel: _drafts,
    SnapshotListModel: _snapshots,
    GalleryModel: _gallery,
    ListTableModel: _list_table,
}


@pytest.mark.parametrize("model_class", _ui_models(), ids=lambda model: model.__qualname__)
def test_every_model_keeps_qts_model_contract(
    qtmodeltester: ModelTester, library: StyleLibrary, model_class: type[QAbstractItemModel]
) -> None:
    make = FILLED.get(model_class)
    assert make is not None, f"{model_class.__qualname__} is new: add a filled example of it to FILLED"
    model: Any = make(library)
    assert isinstance(model, model_class)
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]  # pytest-qt leaves it unannotated
