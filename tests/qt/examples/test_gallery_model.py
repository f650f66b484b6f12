"""The gallery model: Qt's model contract, rows that keep their checks, and links dropped on it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt, QUrl
from PySide6.QtGui import QImage, QPixmap
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.styles import StyleExample
from horde_style_studio.services.images import ImageProblem
from horde_style_studio.ui.examples.gallery_model import GalleryModel, Health, Role
from horde_style_studio.ui.shared.decoding import TIMES, CheckedImage

ONE = StyleExample(id="e1", url="https://img.test/one.png", primary=True)
TWO = StyleExample(id="e2", url="https://img.test/two.png")
THREE = StyleExample(id="e3", url="https://img.test/three.png")


def checked(url: str) -> CheckedImage:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    return CheckedImage(url, b"\x89PNG" + bytes(2044), 400, 300, "png", image)


def filled(qtbot: QtBot) -> GalleryModel:
    model = GalleryModel()
    model.set_examples([ONE, TWO, THREE])
    model.mark_loaded(ONE, checked(ONE.url))
    model.mark_failed(TWO, ImageProblem.BROKEN, "The link is broken: its server answered 404 Not Found.")
    return model


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_the_model_keeps_qts_contract_while_it_changes(
    qtbot: QtBot, qtmodeltester: ModelTester, force_py: bool
) -> None:
    model = filled(qtbot)
    # The tester stays connected, so the changes below are checked as they happen.
    qtmodeltester.check(model, force_py=force_py)  # type: ignore[no-untyped-call]  # pytest-qt leaves it unannotated
    model.mark_loaded(THREE, checked(THREE.url))
    model.set_examples([TWO, THREE.model_copy(update={"primary": True})])
    model.mark_failed(TWO, ImageProblem.TOO_LARGE, "The image is too large.")
    model.clear()
    model.set_examples([ONE])


def test_each_row_shows_its_example_and_what_its_download_found(qtbot: QtBot) -> None:
    model = filled(qtbot)
    first, second, third = (model.index(row, 0) for row in range(3))
    assert [model.data(i) for i in (first, second, third)] == [ONE.url, TWO.url, THREE.url]
    assert [model.data(i, Role.PRIMARY) for i in (first, second, third)] == [True, False, False]
    assert [model.data(i, Role.HEALTH) for i in (first, second, third)] == [
        Health.LOADS, Health.BROKEN, Health.CHECKING,
    ]
    assert model.data(first, Role.SIZE) == f"400 {TIMES} 300 px · PNG · 2 KB"
    assert isinstance(model.data(first, Qt.ItemDataRole.DecorationRole), QPixmap)
    assert model.data(second, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(first, Qt.ItemDataRole.ToolTipRole).startswith("Primary example")
    assert "404 Not Found" in model.data(second, Qt.ItemDataRole.ToolTipRole)
    assert model.data(second, Qt.ItemDataRole.AccessibleTextRole) == f"Example, Broken, {TWO.url}"
    assert model.data(QModelIndex()) is None


def test_rows_that_did_not_change_keep_their_checks(qtbot: QtBot) -> None:
    model = filled(qtbot)
    moved = StyleExample(id="e2", url="https://img.test/two-new.png")
    needing = model.set_examples([ONE.model_copy(update={"primary": False}), moved, THREE])
    assert needing == [moved, THREE]
    assert model.data(model.index(0, 0), Role.HEALTH) is Health.LOADS
    assert model.data(model.index(0, 0), Role.PRIMARY) is False
    assert model.data(model.index(1, 0), Role.HEALTH) is Health.CHECKING


def test_a_result_for_a_link_that_changed_meanwhile_is_dropped(qtbot: QtBot) -> None:
    model = GalleryModel()
    model.set_examples([ONE])
    model.set_examples([ONE.model_copy(update={"url": "https://img.test/other.png"})])
    with qtbot.assertNotEmitted(model.dataChanged):
        model.mark_loaded(ONE, checked(ONE.url))
        model.mark_failed(TWO, ImageProblem.NOT_IMAGE, "gone")
    assert model.data(model.index(0, 0), Role.HEALTH) is Health.CHECKING


def test_a_link_dropped_from_a_browser_is_announced_not_inserted(qtbot: QtBot) -> None:
    model = filled(qtbot)
    drop = QMimeData()
    drop.setUrls([QUrl("https://img.test/dropped.png")])
    drop.setText("https://img.test/dropped.png")
    assert model.canDropMimeData(drop, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    with qtbot.waitSignal(model.url_dropped) as dropped:
        model.dropMimeData(drop, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    assert dropped.args == ["https://img.test/dropped.png"]
    assert model.rowCount() == 3
    assert "text/uri-list" in model.mimeTypes()


def test_plain_text_drops_count_and_files_do_not(qtbot: QtBot) -> None:
    model = GalleryModel()
    text = QMimeData()
    text.setText("  https://img.test/typed.png\nsecond line\n")
    with qtbot.waitSignal(model.url_dropped) as dropped:
        model.dropMimeData(text, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    assert dropped.args == ["https://img.test/typed.png"]
    local = QMimeData()
    local.setUrls([QUrl.fromLocalFile("picture.png")])
    assert not model.canDropMimeData(local, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    with qtbot.assertNotEmitted(model.url_dropped):
        model.dropMimeData(local, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
