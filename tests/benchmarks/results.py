"""One benchmark figure, printed as a JSON line with its target and a same-process baseline."""

from __future__ import annotations

import json
import statistics
import sys
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Result:
    """``ratio`` is ``value / baseline``, so a figure can be compared across machines of different speed."""

    name: str
    value: float
    unit: str
    limit: float
    baseline: float
    ratio: float
    ok: bool

    @classmethod
    def of(cls, name: str, value: float, unit: str, limit: float, baseline: float) -> Result:
        ratio = value / baseline if baseline else float("inf")
        return cls(name, round(value, 3), unit, limit, round(baseline, 3), round(ratio, 2), value <= limit)

    def emit(self) -> Result:
        print(json.dumps(asdict(self)), flush=True)
        return self


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def note(text: str) -> None:
    """Progress for the person running the benchmarks; stdout stays JSON lines only."""
    print(text, file=sys.stderr, flush=True)
