"""5.1.5's ``sort=popular`` orders by use count alone (REFERENCE §12).

PostgreSQL returns rows with equal counts in whatever order the plan yields, which changes from one page
request to the next: walking pages under that sort skips some styles and repeats others. Kept apart from
the sorting itself so a faster index can call it on its sorted rows too.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from itertools import groupby
from typing import TypeVar

_Row = TypeVar("_Row")


def shuffle_ties(rows: Sequence[_Row], use_count: Callable[[_Row], int], rng: random.Random) -> list[_Row]:
    """``rows`` (already sorted by use count) with each run of equal counts in a fresh random order."""
    shuffled: list[_Row] = []
    for _, run in groupby(rows, key=use_count):
        group = list(run)
        rng.shuffle(group)
        shuffled.extend(group)
    return shuffled
