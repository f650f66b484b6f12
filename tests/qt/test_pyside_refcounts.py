"""Guards the Qt binding the app depends on: every model returns None from ``data()`` for roles it does not
serve, many thousand times a minute while a grid scrolls. PySide6 6.12.0 released that None once too often,
and the interpreter aborted ("deallocating None") after a few thousand calls."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication


class _Quiet(QAbstractListModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        return None


def test_none_returned_from_data_keeps_its_reference_count(qapp: QApplication) -> None:
    model = _Quiet()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        index.data(Qt.ItemDataRole.DecorationRole)
    # A small drift is other objects; a broken binding loses one reference per call.
    assert sys.getrefcount(None) - before > -100
