"""ui layer (see DESIGN: layers below ui never import Qt)."""

from __future__ import annotations

import gc
import os
import sys

# Start-up makes objects that live as long as the app (modules, classes, Qt's wrappers), and the collector's
# passes over the young ones cost 20-35 ms before the first paint (issue 18, measured with gc.callbacks):
# until the window has painted they come rarely, then restore_collector() puts the usual rhythm back.
# A process that imports the ui and paints no studio (a benchmark, a test) gets the usual rhythm back after
# the first collection: kept at 100,000 young objects, each older-generation pass grew to millions of objects
# (a 141 ms stall in the 100k sync benchmark, run after its Browse part in one process).
STARTUP_YOUNG_THRESHOLD = 100_000
_usual = gc.get_threshold()
_usual_thresholds: tuple[int, ...] | None = _usual


def _after_first_collection(phase: str, _info: dict[str, int]) -> None:
    if phase == "stop":
        _restore(remove_callback=False)  # the list of callbacks is being walked: it stays, doing nothing


gc.set_threshold(STARTUP_YOUNG_THRESHOLD, *_usual[1:])
gc.callbacks.append(_after_first_collection)

# Qt's raster engine hands every fill of more than about a hundred lines (a scroll bar's gradient groove,
# each time a list scrolls) to a pool of threads and waits for them: on a desktop of two or four cores, busy
# with the app's own threads, waking and joining them costs more than the fill, about a quarter of a
# screenful scroll step in Browse (issue 18). The pixels are the same either way. Read by Qt at its first
# such fill, so set before anything paints; a value the user set is kept.
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")

# PySide6 before qasync or anything else Qt (DESIGN qasync rule 1).
import PySide6.QtCore  # noqa: E402, F401  # loads PySide6's import hooks, quieted below


def _skip_pyside_source_scan() -> None:
    """PySide6 reads the whole source of every module imported after it, to tell whether the module uses
    PySide6 and so takes part in its ``__feature__`` imports (snake_case names, true properties). The app
    selects no such feature anywhere, and a module that uses PySide6 with no feature selected behaves as one
    PySide6 ignores, so each module is taken as using it without reading it: about a tenth of the app's
    import time before the first paint (issue 18). A PySide6 without this hook is left as it is."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", _uses_pyside)  # noqa: B010  # a private name of PySide6


def _uses_pyside(module: object) -> bool:
    return True


_skip_pyside_source_scan()


def restore_collector() -> None:
    """The garbage collector's usual thresholds, once the first window has painted; later calls do nothing."""
    _restore(remove_callback=True)


def _restore(*, remove_callback: bool) -> None:
    global _usual_thresholds
    if _usual_thresholds is not None:
        gc.set_threshold(*_usual_thresholds)
        _usual_thresholds = None
    if remove_callback and _after_first_collection in gc.callbacks:
        gc.callbacks.remove(_after_first_collection)
