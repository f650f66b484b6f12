"""Guards the Qt binding the app depends on: every model returns values from ``data()`` many thousand times a
minute while a grid scrolls. PySide6 6.12.0 released the value a ``data()`` override returns once too often,
and the interpreter aborted ("deallocating None") after a few thousand calls.

The test counts the references of what ``data()`` returns. It used to return None, but from Python 3.12 on
None is immortal (PEP 683): its count never changes, so a binding that drops references would pass there.
So the values are mortal objects the model holds, one converted to a Qt type on the way out (a str
subclass, as a DisplayRole answer) and one that Qt carries as an opaque Python object (a plain instance,
as a custom role answer). Many extra references keep a broken binding from freeing them mid-test: it shows
as a count that falls by about one per call.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication

CALLS = 2000


class _Text(str):
    """A str that is not interned or shared with anything else in the process."""


class _Payload:
    """What a custom role hands out: Qt wraps it, it does not convert it."""


class _Answering(QAbstractListModel):
    def __init__(self, value: object) -> None:
        super().__init__()
        self.value = value

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        return self.value


@pytest.mark.parametrize("value", [_Text("a style's name"), _Payload()], ids=["converted", "wrapped"])
def test_a_value_returned_from_data_keeps_its_reference_count(qapp: QApplication, value: object) -> None:
    model = _Answering(value)
    cushion = [value] * (CALLS * 2)  # a broken binding takes references from these, never the last one
    index = model.index(0, 0)
    before = sys.getrefcount(value)
    for _ in range(CALLS):
        index.data(Qt.ItemDataRole.DisplayRole)
    # A small drift is the interpreter's own bookkeeping; a broken binding loses one reference per call.
    assert sys.getrefcount(value) - before > -CALLS // 20
    del cushion
