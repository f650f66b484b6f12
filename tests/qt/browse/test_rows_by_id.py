"""Browse's style list once it knows the whole order: each row is read by id when the view first shows it,
whichever way the view moves, and a screenful anywhere is read in one go (issue 18: any scroll position
within a frame)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.rows import StyleRow
from horde_style_studio.ui.browse.model import KEPT_ROWS, StyleCardModel

SEEN = datetime(2026, 1, 1, tzinfo=UTC)
FIRST_PAGE = 60
SHOWN = 12  # a screenful of the grid: three cards a row, four rows


def _row(n: int) -> StyleRow:
    return StyleRow(
        id=f"s-{n}", kind=StyleKind.IMAGE, name=f"Style {n}", info="", creator="maker#1", tags=(), models=(),
        use_count=n, nsfw=False, public=True, thumbnail=None, mine=False, favourite=False, has_note=False,
        seen_at=SEEN, gone_at=None,
    )  # fmt: skip


class Library:
    """The rows by id, as the library reads them; ``gone`` ids are no longer there."""

    def __init__(self, count: int, gone: frozenset[str] = frozenset()) -> None:
        self.rows = {row.id: row for row in map(_row, range(count))}
        self.gone = gone
        self.reads: list[list[str]] = []

    def load(self, ids: Sequence[str]) -> list[StyleRow]:
        self.reads.append(list(ids))
        return [self.rows[id_] for id_ in ids if id_ not in self.gone]


def _model(library: Library) -> tuple[StyleCardModel, list[str]]:
    order = list(library.rows)
    model = StyleCardModel(load=library.load)
    model.set_rows([library.rows[id_] for id_ in order[:FIRST_PAGE]], page=FIRST_PAGE)
    model.set_order(order)
    return model, order


def _show(model: StyleCardModel, first: int) -> list[str | None]:
    """What a view shows from row ``first`` on: it asks for the rows in order."""
    rows = [model.row_at(n) for n in range(first, min(first + SHOWN, model.rowCount()))]
    return [row.id if row is not None else None for row in rows]


@pytest.fixture
def library(qapp: QApplication) -> Library:
    return Library(8_000)  # more than the model keeps, so rows read long ago are read again


def test_every_row_shows_as_itself_scrolling_down_up_and_jumping(library: Library) -> None:
    model, order = _model(library)
    assert model.rowCount() == len(order)
    moves = [*range(0, len(order), 9), *range(len(order) - SHOWN, -1, -9)]
    moves += random.Random(18).choices(range(len(order)), k=200)
    for first in moves:
        assert _show(model, first) == order[first : first + SHOWN]
    assert len(model.loaded_rows()) <= FIRST_PAGE + KEPT_ROWS


def test_a_screenful_anywhere_is_read_in_one_go(library: Library) -> None:
    model, order = _model(library)
    for first in random.Random(7).choices(range(FIRST_PAGE, len(order) - SHOWN), k=100):
        library.reads.clear()
        _show(model, first)
        assert len(library.reads) <= 1, f"rows {first}+ took {len(library.reads)} reads"


def test_scrolling_a_screenful_at_a_time_reads_each_row_once_either_way(library: Library) -> None:
    model, _ = _model(library)
    down = range(FIRST_PAGE, 3_000, 9)
    for first in down:
        _show(model, first)
    read_down = [id_ for ids in library.reads for id_ in ids]
    assert sorted(read_down) == sorted(set(read_down))
    library.reads.clear()
    for first in range(7_000, 4_000, -9):  # from the bottom up, past rows never read
        _show(model, first)
    read_up = [id_ for ids in library.reads for id_ in ids]
    assert sorted(read_up) == sorted(set(read_up))
    assert len(library.reads) < len(range(7_000, 4_000, -9)) / 2  # several screenfuls a read, going up too


def test_a_style_gone_from_the_library_leaves_an_empty_row_and_its_neighbours(qapp: QApplication) -> None:
    library = Library(500, gone=frozenset({"s-300"}))
    model, order = _model(library)
    shown = _show(model, 295)
    assert shown == [*order[295:300], None, *order[301:307]]
    model.replace_row(301, replace(library.rows["s-301"], favourite=True))
    assert model.row_at(301) == replace(library.rows["s-301"], favourite=True)
