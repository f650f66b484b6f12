"""The tab's Qt models: model-tester clean, and drag and drop through ``mimeData``/``dropMimeData``."""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.collections.collection_model import CollectionFilter, CollectionListModel
from horde_style_studio.ui.collections.member_model import MemberListModel
from horde_style_studio.ui.shared.card_lists import StyleListModel
from horde_style_studio.ui.shared.mime import (
    MEMBERS_MIME,
    STYLE_IDS_MIME,
    decode_style_ids,
    encode_style_ids,
)
from horde_style_studio.ui.shared.row_model import CARD_ROLE
from horde_style_studio.workflows.collections.records import CollectionEntry
from tests.qt.collections.conftest import CARDS, image, members_over, resolver, text

COPY, MOVE = Qt.DropAction.CopyAction, Qt.DropAction.MoveAction
AMBER, BIRCH, COBALT, DUSK, EMBER, TALE = CARDS


def _check(tester: ModelTester, model: QAbstractItemModel, *, force_py: bool = False) -> None:
    """Qt's own model tester, or pytest-qt's Python port with ``force_py``."""
    tester.check(model, force_py=force_py)  # type: ignore[no-untyped-call]  # pytest-qt leaves it unannotated


def _drop(model: MemberListModel, ids: list[str], row: int = -1) -> bool:
    return model.dropMimeData(encode_style_ids(ids), COPY, row, 0, QModelIndex())


def _names(model: MemberListModel) -> list[str]:
    return [card.name for card in model.cards()]


def _members(qtbot: QtBot) -> tuple[MemberListModel, list[str]]:
    model = members_over(resolver())
    refusals: list[str] = []
    model.refused.connect(refusals.append)
    return model, refusals


# -- model tester --------------------------------------------------------------------------------------------
def test_the_style_list_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = StyleListModel()
    model.set_cards(CARDS)
    _check(qtmodeltester, model, force_py=True)
    _check(qtmodeltester, model)
    model.set_cards(CARDS[:2])
    assert model.rowCount() == 2
    assert model.index(1).data(CARD_ROLE) == BIRCH


def test_the_member_model_passes_the_model_tester_while_it_changes(qtmodeltester: ModelTester) -> None:
    model = members_over(resolver())
    _check(qtmodeltester, model)
    _drop(model, [AMBER.id, BIRCH.id, COBALT.id])
    _drop(model, [DUSK.id], row=1)
    model.removeRows(0, 2)
    model.set_cards([EMBER, AMBER])
    assert _names(model) == ["Ember", "Amber"]
    _check(qtmodeltester, model, force_py=True)


def test_the_collection_lists_pass_the_model_tester_and_split_mine_from_public(
    qtmodeltester: ModelTester,
) -> None:
    model = CollectionListModel()
    model.set_entries([
        CollectionEntry("c1", "Rainy Cities", StyleKind.IMAGE, True, 5, True),
        CollectionEntry("c2", "Noir Nights", StyleKind.IMAGE, True, 4, False),
        CollectionEntry("c3", "Roleplay Starters", StyleKind.TEXT, False, 3, False),
    ])  # fmt: skip
    mine, public = CollectionFilter(model, mine=True), CollectionFilter(model, mine=False)
    for checked in (model, mine, public):
        _check(qtmodeltester, checked)
    assert [mine.index(r, 0).data().split("\n")[0] for r in range(mine.rowCount())] == ["Rainy Cities"]
    assert public.rowCount() == 2
    assert model.index(2).data() == "Roleplay Starters\ntext · 3 styles · private"
    public.set_text("noir")
    assert [public.index(r, 0).data().split("\n")[0] for r in range(public.rowCount())] == ["Noir Nights"]


# -- mime data -----------------------------------------------------------------------------------------------
def test_the_style_list_drags_the_selected_ids_as_json() -> None:
    model = StyleListModel()
    model.set_cards(CARDS)
    data = model.mimeData([model.index(2), model.index(0), model.index(2)])
    assert data.formats()[0] == STYLE_IDS_MIME
    assert json.loads(bytes(data.data(STYLE_IDS_MIME).data())) == [AMBER.id, COBALT.id]
    assert not data.hasFormat(MEMBERS_MIME)


def test_malformed_or_foreign_payloads_carry_no_ids() -> None:
    for payload in (b"not json", b'{"a": 1}', b"[1, null]"):
        data = QMimeData()
        data.setData(STYLE_IDS_MIME, payload)
        assert decode_style_ids(data) == []
    plain = QMimeData()
    plain.setText(AMBER.id)
    assert decode_style_ids(plain) == []


# -- dropping into the builder -------------------------------------------------------------------------------
def test_a_single_drop_adds_the_style_and_fixes_the_kind(qtbot: QtBot) -> None:
    model, refusals = _members(qtbot)
    with qtbot.waitSignal(model.kind_changed) as kind:
        assert _drop(model, [AMBER.id])
    assert kind.args == [StyleKind.IMAGE]
    assert _names(model) == ["Amber"]
    assert refusals == []


def test_several_styles_dropped_at_once_go_in_at_the_drop_row(qtbot: QtBot) -> None:
    model, refusals = _members(qtbot)
    _drop(model, [AMBER.id, EMBER.id])
    assert _drop(model, [BIRCH.id, COBALT.id, DUSK.id], row=1)
    assert _names(model) == ["Amber", "Birch", "Cobalt", "Dusk", "Ember"]
    assert refusals == []


def test_a_duplicate_is_refused_with_a_message_and_the_rest_goes_in(qtbot: QtBot) -> None:
    model, refusals = _members(qtbot)
    _drop(model, [AMBER.id, BIRCH.id])
    assert not _drop(model, [AMBER.id])
    assert refusals == ["“Amber” is already in the collection."]
    assert _drop(model, [AMBER.id, BIRCH.id, COBALT.id])
    assert _names(model) == ["Amber", "Birch", "Cobalt"]
    assert refusals[-1] == "2 styles already in the collection were skipped."


def test_a_style_of_the_other_kind_is_refused_with_a_message(qtbot: QtBot) -> None:
    model, refusals = _members(qtbot)
    _drop(model, [AMBER.id])
    assert not _drop(model, [TALE.id])
    assert _names(model) == ["Amber"]
    assert refusals == [
        "“Tale” is a text style: a collection holds styles of one kind, and this one is for image styles."
    ]


def test_in_a_mixed_drop_the_first_style_fixes_the_kind(qtbot: QtBot) -> None:
    model, refusals = _members(qtbot)
    assert _drop(model, [TALE.id, AMBER.id, BIRCH.id])
    assert _names(model) == ["Tale"]
    assert model.kind is StyleKind.TEXT
    assert refusals == [
        "2 image styles were refused: a collection holds styles of one kind, and this one is for text styles."
    ]


def test_a_new_collection_emptied_takes_the_kind_of_its_next_first_style(qtbot: QtBot) -> None:
    model, _ = _members(qtbot)
    _drop(model, [AMBER.id])
    model.removeRows(0, 1)
    assert model.kind is None
    assert _drop(model, [TALE.id])
    assert model.kind is StyleKind.TEXT


def test_a_saved_collection_keeps_its_kind_even_when_emptied(qtbot: QtBot) -> None:
    model, refusals = _members(qtbot)
    model.set_cards([AMBER], kind=StyleKind.IMAGE)
    model.remove_ids([AMBER.id])
    assert not _drop(model, [TALE.id])
    assert model.kind is StyleKind.IMAGE
    assert "this one is for image styles" in refusals[0]


def test_ids_the_library_does_not_know_are_reported(qtbot: QtBot) -> None:
    model, refusals = _members(qtbot)
    assert _drop(model, [AMBER.id, "nope-1", "nope-2"])
    assert refusals == ["2 styles could not be found in the local library."]


def test_the_builder_offers_its_cards_marked_as_its_own_and_ignores_them_dropped_back(qtbot: QtBot) -> None:
    model, refusals = _members(qtbot)
    _drop(model, [AMBER.id, BIRCH.id])
    data = model.mimeData([model.index(1)])
    assert decode_style_ids(data, MEMBERS_MIME) == [BIRCH.id]
    assert not model.canDropMimeData(data, MOVE, -1, 0, QModelIndex())
    assert not model.dropMimeData(data, MOVE, -1, 0, QModelIndex())
    assert _names(model) == ["Amber", "Birch"]
    assert refusals == []


def test_the_style_list_takes_members_dragged_out_of_the_builder_as_a_move_only(qtbot: QtBot) -> None:
    members, _ = _members(qtbot)
    _drop(members, [AMBER.id])
    styles = StyleListModel()
    from_builder = members.mimeData([members.index(0)])
    assert styles.canDropMimeData(from_builder, MOVE, -1, 0, QModelIndex())
    assert styles.dropMimeData(from_builder, MOVE, -1, 0, QModelIndex())
    from_a_list = encode_style_ids([BIRCH.id])
    assert not styles.canDropMimeData(from_a_list, COPY, -1, 0, QModelIndex())
    assert styles.rowCount() == 0  # a drop never inserts anything here


def test_removing_rows_and_ids(qtbot: QtBot) -> None:
    model, _ = _members(qtbot)
    _drop(model, [c.id for c in CARDS[:5]])
    with qtbot.waitSignal(model.changed):
        assert model.remove_ids([BIRCH.id, DUSK.id, "nope"]) == 2
    assert _names(model) == ["Amber", "Cobalt", "Ember"]
    assert not model.removeRows(2, 5)
    assert model.removeRows(0, 3)
    assert model.rowCount() == 0


def test_a_card_can_be_updated_in_place(qtbot: QtBot) -> None:
    model, _ = _members(qtbot)
    _drop(model, [AMBER.id, BIRCH.id])
    with qtbot.waitSignal(model.dataChanged):
        model.replace_card(image("Birch", info="changed"))
    assert model.cards()[1].info == "changed"
    assert text("Tale").kind is StyleKind.TEXT
