"""What a style's uses are worth to its owner (§5 Kudos)."""

from __future__ import annotations

from typing import Final

# §5: each use records +2 kudos for the style's owner (`User.record_style(2, …)`), own uses included.
KUDOS_PER_USE: Final = 2


def kudos_earned(use_count: int) -> int:
    """The kudos a style has earned its owner over ``use_count`` uses."""
    return KUDOS_PER_USE * max(0, use_count)
