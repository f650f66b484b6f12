"""Light and dark: the desktop's colour scheme is followed, and Settings can choose one over it, live."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.settings import SettingsStore
from horde_style_studio.ui.composition import Studio
from horde_style_studio.ui.theme import ColorSchemes, is_dark
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start, unreachable


@pytest.fixture(autouse=True)
def platform_palette_after(qapp: QApplication) -> Iterator[None]:
    """Whatever a test chose, the next test starts from the platform's own palette."""
    yield
    qapp.setPalette(QPalette())
    QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Unknown)


@pytest.fixture
def keeper() -> Iterator[Callable[[str], ColorSchemes]]:
    """``keeper(choice)``: a palette keeper as a studio holds one; each is closed after the test, as every
    studio's shutdown closes its own."""
    made: list[ColorSchemes] = []

    def make(choice: str) -> ColorSchemes:
        made.append(ColorSchemes(choice))
        return made[-1]

    yield make
    for colours in made:
        colours.close()


def _looks_dark(widget: QWidget) -> bool:
    """Whether the widget, as painted, is mostly dark (the mean lightness of its pixels)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    step = 7
    samples = [image.pixelColor(x, y).lightness() for x in range(0, image.width(), step)
               for y in range(0, image.height(), step)]  # fmt: skip
    return sum(samples) / len(samples) < 100


def _choose(qtbot: QtBot, studio: Studio, label: str) -> None:
    dialog = studio.open_settings()
    dialog.color_scheme.setCurrentIndex(dialog.color_scheme.findText(label))
    with qtbot.waitSignal(studio.settings.changed):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_dark_chosen_in_settings_repaints_the_open_window_and_is_kept(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    studio = make_studio(unreachable())
    task = start(qtbot, studio)
    assert not _looks_dark(studio.window)
    _choose(qtbot, studio, "Dark")
    qtbot.waitUntil(lambda: _looks_dark(studio.window))  # Qt posts the palette change to open windows
    window = studio.window.palette().color(QPalette.ColorRole.Window).lightness()
    faint = [label.text() for label in studio.window.findChildren(QLabel)
             if label.isVisibleTo(studio.window) and label.text()
             and abs(label.palette().color(label.foregroundRole()).lightness() - window) < 60]  # fmt: skip
    assert faint == []  # every word shown, greyed remarks too, stays readable on the dark window
    if not studio._server_built:
        with qtbot.waitSignal(studio.ready, timeout=10_000):
            pass  # the tabs after the first paint are built
    studio.window.select_tab("editor")  # built after the first paint, before the choice
    assert _looks_dark(studio.window)
    _choose(qtbot, studio, "Light")
    qtbot.waitUntil(lambda: not _looks_dark(studio.window))
    _choose(qtbot, studio, "Dark")
    close(qtbot, studio, task)
    assert SettingsStore.for_dirs(app_dirs()).load().settings.color_scheme == "dark"


def test_the_desktops_scheme_is_followed_unless_one_was_chosen(
    qtbot: QtBot, qapp: QApplication, keeper: Callable[[str], ColorSchemes]
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(200, 120)
    colours = keeper("system")
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # the desktop switched to dark
    qtbot.waitUntil(lambda: _looks_dark(window))
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: not _looks_dark(window))
    colours.choose("dark")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)  # the user's choice wins over the desktop's
    assert is_dark(qapp.palette())
    qtbot.waitUntil(lambda: _looks_dark(window))
    colours.choose("system")
    qtbot.waitUntil(lambda: not _looks_dark(window))


def test_a_studio_that_ended_leaves_the_palette_to_the_one_after_it(
    qapp: QApplication, keeper: Callable[[str], ColorSchemes]
) -> None:
    live = keeper("light")
    ended = keeper("system")
    ended.close()  # its studio's shutdown
    ended.choose("dark")  # a last word from the ended studio (its settings, saved on the way out)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # the desktop went dark
    assert not is_dark(qapp.palette())  # the live studio's choice holds
    assert live.choice == "light"
