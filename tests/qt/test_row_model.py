"""``RowListModel[T]``, the list model under every list: rows by role, paging, edits, checked by Qt's own
model tester while they happen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from horde_style_studio.ui.shared.row_model import ID_ROLE, ROW_ROLE, RowListModel


@dataclass(frozen=True)
class Row:
    id: str
    name: str


ROWS = [Row(f"r{n}", f"Row {n}") for n in range(25)]


def model(page: int = 0) -> RowListModel[Row]:
    rows: RowListModel[Row] = RowListModel(
        {Qt.ItemDataRole.DisplayRole: lambda row: row.name}, key=lambda row: row.id, pages=bool(page)
    )
    rows.more_wanted.connect(lambda _offset, after: rows.append_page(following(after, page)))
    return rows


def following(after: str, page: int) -> list[Row]:
    """The page after the row ``after``, as the library's keyset paging reads it."""
    start = next(n for n, row in enumerate(ROWS) if row.id == after) + 1
    return ROWS[start : start + page]


def names(rows: RowListModel[Row]) -> list[str]:
    return [rows.index(n).data() for n in range(rows.rowCount())]


def test_rows_answer_by_role_and_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    rows = model()
    rows.set_rows(ROWS[:3])
    qtmodeltester.check(rows)  # type: ignore[no-untyped-call]  # pytest-qt leaves it unannotated
    assert names(rows) == ["Row 0", "Row 1", "Row 2"]
    assert rows.index(1).data(ROW_ROLE) == ROWS[1]
    assert rows.index(1).data(ID_ROLE) == "r1"
    assert rows.index(1).data(Qt.ItemDataRole.ToolTipRole) is None  # a role the list did not name
    assert rows.row_of("r2") == 2
    assert rows.row_of("nope") == -1


def test_edits_keep_the_model_consistent(qtmodeltester: ModelTester, qtbot: QtBot) -> None:
    rows = model()
    qtmodeltester.check(rows)  # type: ignore[no-untyped-call]  # pytest-qt leaves it unannotated
    rows.set_rows(ROWS[:3])
    with qtbot.waitSignal(rows.rowsInserted):
        rows.insert_rows(1, [ROWS[10], ROWS[11]])
    assert names(rows) == ["Row 0", "Row 10", "Row 11", "Row 1", "Row 2"]
    rows.insert_rows(-1, [ROWS[12]])
    assert names(rows)[-1] == "Row 12"
    assert rows.removeRows(0, 2)
    assert not rows.removeRows(5, 1)
    with qtbot.waitSignal(rows.dataChanged):
        rows.replace_row(0, ROWS[20])
    assert names(rows) == ["Row 20", "Row 1", "Row 2", "Row 12"]


def test_a_full_first_page_pages_further_rows_in_as_a_view_scrolls(qtmodeltester: ModelTester) -> None:
    rows = model(page=10)
    qtmodeltester.check(rows)  # type: ignore[no-untyped-call]  # pytest-qt leaves it unannotated
    rows.set_rows(ROWS[:10], page=10)
    assert rows.canFetchMore(QModelIndex())
    rows.fetchMore(QModelIndex())
    rows.fetchMore(QModelIndex())
    assert rows.rowCount() == 25
    rows.fetchMore(QModelIndex())  # nothing more: the model stops asking
    assert not rows.canFetchMore(QModelIndex())
    short = model(page=10)
    short.set_rows(ROWS[:4], page=10)
    assert not short.canFetchMore(QModelIndex())


def test_the_next_page_is_asked_for_after_the_last_row(qtbot: QtBot) -> None:
    rows = model(page=10)
    rows.set_rows(ROWS[:10], page=10)
    with qtbot.waitSignal(rows.more_wanted) as asked:
        rows.fetchMore(QModelIndex())
    assert asked.args == [10, "r9"]
    assert names(rows)[10:12] == ["Row 10", "Row 11"]
