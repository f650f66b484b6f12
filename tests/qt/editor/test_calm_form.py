"""Issue 16 in the Editor's form: nothing moves as problems come and go, a fresh form is not red all over,
chips fit and go by keyboard, sizes step on the 64 grid, and a narrow form stacks its columns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.editor.chips import Chip, ChipsField
from horde_style_studio.ui.editor.image_form import SIDE
from horde_style_studio.ui.editor.numbers import NumberField
from horde_style_studio.ui.editor.page import EditorPage


def _retype(page: EditorPage, path: str, text: str) -> None:
    target = page.form().field(path).focusProxy()
    assert target is not None
    target.setFocus()
    QTest.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(target, Qt.Key.Key_Backspace)
    if text:
        QTest.keyClicks(target, text)


def test_a_fresh_form_shows_no_problem_until_its_field_is_touched(qtbot: QtBot, page: EditorPage) -> None:
    page.presenter.new_style(StyleKind.IMAGE)
    form = page.form()
    assert all(not field.problems_text() for field in form.fields.values())
    assert "The name cannot be empty" in page.reason.text()  # Save still says why it cannot
    _retype(page, "info", "Short")
    assert "between 10 and 1000 characters" in form.field("info").problems_text()
    assert not form.field("name").problems_text()  # untouched, still quiet


def test_a_problem_appearing_moves_no_field(qtbot: QtBot, page: EditorPage) -> None:
    page.presenter.new_style(StyleKind.IMAGE)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    form = page.form()
    paths = ("info", "prompt", "tags", "models")

    def places() -> list[int]:
        return [form.field(path).mapTo(page, form.field(path).rect().topLeft()).y() for path in paths]

    _retype(page, "name", "Calm")
    QApplication.processEvents()  # the form settles into its columns for this width
    before = places()
    _retype(page, "name", "")  # "The name cannot be empty" appears under the name
    QApplication.processEvents()
    assert form.field("name").problems_text()
    assert places() == before


def test_sizes_step_to_the_next_multiple_of_64(qtbot: QtBot) -> None:
    width = NumberField("params.width", "Width", SIDE)
    qtbot.addWidget(width)
    width.set_value(1000)
    width.input.stepBy(1)
    assert width.input.value() == 1024
    width.set_value(1000)
    width.input.stepBy(-1)
    assert width.input.value() == 960
    width.input.stepBy(1)
    assert width.input.value() == 1024


def _chips(qtbot: QtBot, *names: str) -> ChipsField:
    field = ChipsField("models", "Models", limit=5, placeholder="Add a model…")
    qtbot.addWidget(field)
    field.resize(320, 120)
    field.show()
    field.activateWindow()
    qtbot.waitUntil(field.isActiveWindow)
    for name in names:
        field.add(name)
    return field


def test_a_long_chip_is_elided_and_keeps_its_remove_button(qtbot: QtBot) -> None:
    long_name = "ICBINP - I Can't Believe It's Not Photography Seco Extra Long Edition v2"
    field = _chips(qtbot, long_name)
    [chip] = field.chip_widgets()
    QApplication.processEvents()
    assert chip.label.shown().endswith("…")
    assert long_name in chip.toolTip()
    remove = chip.findChild(QToolButton, "ChipRemove")
    assert remove is not None
    assert chip.rect().contains(remove.geometry())
    assert field.rect().contains(chip.geometry())
    remove.click()
    assert field.values() == []


def test_chips_go_by_keyboard_and_the_focus_stays_in_the_field(qtbot: QtBot) -> None:
    field = _chips(qtbot, "one", "two", "three")
    field.entry.setFocus()
    QTest.keyClick(field.entry, Qt.Key.Key_Backspace)  # in the empty entry: the last chip goes
    assert field.values() == ["one", "two"]
    first = field.chip_widgets()[0]
    first.setFocus()
    QTest.keyClick(first, Qt.Key.Key_Delete)
    assert field.values() == ["two"]
    focused = field.window().focusWidget()
    assert isinstance(focused, Chip)
    assert focused.name == "two"


def test_past_the_limit_the_entry_keeps_the_name_and_the_focus(qtbot: QtBot) -> None:
    field = _chips(qtbot, "m1", "m2", "m3", "m4", "m5")
    field.entry.setFocus()
    QTest.keyClicks(field.entry, "m6")
    QTest.keyClick(field.entry, Qt.Key.Key_Return)
    assert field.values() == ["m1", "m2", "m3", "m4", "m5"]
    assert field.entry.isEnabled()
    assert field.entry.text() == "m6"
    assert "At most 5" in field.note.text()


def test_a_picked_completion_becomes_a_chip_and_leaves_the_entry_empty(qtbot: QtBot) -> None:
    field = _chips(qtbot)
    field.set_known(["AlbedoBase XL (SDXL)", "Deliberate"])
    popup = field.completer.popup()
    assert popup is not None
    assert popup.minimumWidth() >= field.entry.fontMetrics().horizontalAdvance("AlbedoBase XL (SDXL)")
    field.entry.setText("Albedo")  # typed; the popup itself needs a real screen
    field.entry.setFocus()
    field.completer.activated.emit("AlbedoBase XL (SDXL)")
    qtbot.waitUntil(lambda: field.values() == ["AlbedoBase XL (SDXL)"])
    assert field.entry.text() == ""


def test_a_narrow_form_stacks_its_columns_rather_than_scroll_sideways(qtbot: QtBot, page: EditorPage) -> None:
    page.presenter.new_style(StyleKind.IMAGE)
    page.show()
    qtbot.waitExposed(page)
    form = page.form()
    bar = form.scroller.horizontalScrollBar()
    assert bar is not None
    for width in (1900, 760, 1100):
        page.resize(width, 700)
        qtbot.waitUntil(lambda: bar.maximum() == 0)
