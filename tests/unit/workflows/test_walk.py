"""The page walk's decisions on both paging semantics (§2.1, §9 B1), without a server."""

from __future__ import annotations

from horde_style_studio.domain.paging import PagingMode
from horde_style_studio.library.walk import WalkState
from horde_style_studio.workflows.sync.walk import step

ROWS = [f"s{n:03d}" for n in range(60)]


def _serve(page: int, offsets: bool) -> list[str]:
    start = page - 1 if offsets else (page - 1) * 25
    return ROWS[start : start + 25]


def _walk(offsets: bool) -> tuple[list[int], list[int | None], bool]:
    state, seen, pages, keys = WalkState("image", 0.0), set[str](), [], []
    while True:
        ids = _serve(state.next_page, offsets)
        pages.append(state.next_page)
        moved = step(state, ids, len(set(ids) - seen))
        seen.update(ids)
        keys.extend(moved.age_keys(len(ids)))
        if moved.finished:
            assert seen == set(ROWS)
            return pages, keys, moved.complete
        state = moved.state


def test_a_5_1_5_server_is_walked_by_row_offsets() -> None:
    pages, keys, complete = _walk(offsets=True)
    assert pages == [1, 2, 27, 52]
    assert complete
    # Every row's age key is its place in the list, overlaps included.
    assert keys[:25] == list(range(25))
    assert keys[25:50] == list(range(1, 26))
    assert keys[-1] == 59


def test_a_fixed_server_is_walked_by_page_numbers() -> None:
    pages, keys, complete = _walk(offsets=False)
    assert pages == [1, 2, 3]
    assert keys == list(range(60))
    assert complete


def test_a_short_first_page_ends_the_walk_complete() -> None:
    moved = step(WalkState("text", 0.0), ["a", "b"], 2)
    assert moved.finished
    assert moved.complete


def test_a_server_that_ignores_page_ends_the_walk_incomplete() -> None:
    state = WalkState("image", 0.0, next_page=3, paging=PagingMode.PAGE_NUMBER, pages=2)
    moved = step(state, ROWS[:25], fresh=0)
    assert moved.finished
    assert not moved.complete


def test_a_walk_goes_on_past_any_number_of_pages_while_they_bring_new_styles() -> None:
    # 4,000 pages is a list of 100,000 styles: the walk must reach its end for departed styles to be marked.
    state = WalkState("image", 0.0, next_page=4000, paging=PagingMode.PAGE_NUMBER, pages=3999)
    moved = step(state, ROWS[:25], fresh=25)
    assert not moved.finished
    assert moved.state.next_page == 4001
    last = step(moved.state, ROWS[:10], fresh=10)
    assert last.finished
    assert last.complete
