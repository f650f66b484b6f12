"""The one message surface: every level shown over the window, information fading, warnings and errors
staying until dismissed or until their cause is gone, never piling up, never moving the page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.ui.shared.messages import Level, MessageBridge, MessageView


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    QVBoxLayout(window).addWidget(QLabel("the page"))
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def bridge(host: QWidget) -> MessageBridge:
    return MessageBridge(host)


@pytest.fixture
def view(bridge: MessageBridge, host: QWidget) -> MessageView:
    return MessageView(bridge, host, limit=3, info_ms=50)


def test_it_is_hidden_until_there_is_something_to_say(bridge: MessageBridge, view: MessageView) -> None:
    assert not view.isVisible()
    bridge.warning("The AI Horde did not answer in time.")
    assert view.isVisible()
    assert view.messages() == [(Level.WARNING, "The AI Horde did not answer in time.")]


def test_it_floats_over_the_bottom_of_the_window_without_moving_the_page(
    bridge: MessageBridge, view: MessageView, host: QWidget
) -> None:
    page = host.findChild(QLabel)
    assert page is not None
    before = page.geometry()
    bridge.error("Could not connect to the AI Horde.")
    bridge.warning("The library is a day old.")
    assert page.geometry() == before
    assert view.geometry().bottom() < host.height()
    assert view.geometry().bottom() > host.height() * 3 // 4
    host.resize(700, 500)
    assert view.geometry().bottom() > 500 * 3 // 4
    assert view.geometry().right() < 700


def test_it_floats_over_the_bottom_of_the_pages_main_area_keeping_the_buttons_below_in_sight(
    bridge: MessageBridge, view: MessageView, host: QWidget
) -> None:
    page = host.findChild(QLabel)
    assert page is not None
    button = QPushButton("Save")
    layout = host.layout()
    assert layout is not None
    layout.addWidget(button)
    QApplication.processEvents()
    view.anchor = lambda: page
    bridge.error("The save failed: the server had an internal error.")
    assert view.geometry().bottom() <= page.geometry().bottom()
    assert not view.geometry().intersects(button.geometry())


def test_each_level_is_styled_by_its_own_property(bridge: MessageBridge, view: MessageView) -> None:
    bridge.info("i")
    bridge.warning("w")
    bridge.error("e")
    assert [row.tint.property("level") for row in view.rows()] == ["info", "warning", "error"]


def test_information_fades_by_itself_and_errors_stay(
    qtbot: QtBot, bridge: MessageBridge, view: MessageView
) -> None:
    bridge.error("The save failed.")
    bridge.info("Signed out.")
    qtbot.waitUntil(lambda: view.messages() == [(Level.ERROR, "The save failed.")], timeout=3000)
    with qtbot.waitSignal(view.rows()[0].destroyed, timeout=100, raising=False) as gone:
        pass
    assert not gone.signal_triggered, "an error stays until dismissed"


def test_dismissing_removes_the_message_and_hides_an_empty_view(
    bridge: MessageBridge, view: MessageView
) -> None:
    bridge.error("first")
    bridge.warning("second")
    view.rows()[0].close_button.click()
    assert view.messages() == [(Level.WARNING, "second")]
    view.rows()[0].close_button.click()
    assert view.messages() == []
    assert not view.isVisible()


def test_a_keyed_message_is_replaced_in_place_and_goes_when_its_cause_is_gone(
    bridge: MessageBridge, view: MessageView
) -> None:
    bridge.warning("Could not refresh the library: no connection.", source="sync")
    bridge.error("The save failed.", source="editor")
    bridge.warning("Could not refresh the library: timed out.", source="sync")
    assert view.messages() == [
        (Level.WARNING, "Could not refresh the library: timed out."),
        (Level.ERROR, "The save failed."),
    ]
    bridge.clear("sync")
    assert view.messages() == [(Level.ERROR, "The save failed.")]


def test_a_success_replaces_the_failure_of_the_same_cause_and_then_fades(
    qtbot: QtBot, bridge: MessageBridge, view: MessageView
) -> None:
    bridge.error("The save failed.", source="editor")
    bridge.info("Saved your changes.", source="editor")
    assert view.messages() == [(Level.INFO, "Saved your changes.")]
    qtbot.waitUntil(lambda: view.messages() == [], timeout=3000)


def test_a_repeated_message_is_shown_once_and_the_oldest_goes_beyond_the_limit(
    bridge: MessageBridge, view: MessageView
) -> None:
    for text in ("a", "b", "a", "c", "d"):
        bridge.warning(text)
    assert [text for _, text in view.messages()] == ["a", "c", "d"]


def test_a_message_quoting_the_server_shows_its_markup_as_text(
    bridge: MessageBridge, view: MessageView
) -> None:
    bridge.error("The AI Horde says: <b>bold</b> <a href='https://evil.test'>click</a>")
    label = view.rows()[0].label
    assert label.textFormat() is Qt.TextFormat.PlainText
    assert label.text() == "The AI Horde says: <b>bold</b> <a href='https://evil.test'>click</a>"


def test_it_does_not_block_the_window(bridge: MessageBridge, view: MessageView) -> None:
    bridge.error("Could not connect to the AI Horde.")
    assert QApplication.activeModalWidget() is None


def test_a_second_long_message_gets_the_room_it_needs(bridge: MessageBridge, view: MessageView) -> None:
    bridge.info("Created “Muted Ink Sketch (fork)” on the server.", source="editor")
    bridge.warning("The server warns: " + "these steps are too many for this model. " * 6, source="warnings")
    rows = view.rows()
    layout = view.layout()
    assert layout is not None
    needed = sum(row.heightForWidth(view.width()) for row in rows) + layout.spacing()
    assert view.height() >= needed
    assert rows[1].heightForWidth(view.width()) > rows[0].heightForWidth(view.width())  # it wraps


def test_each_level_paints_its_own_tint(bridge: MessageBridge, view: MessageView) -> None:
    """The row's sheet styles the tint inside it: information blue, a warning amber, an error red."""
    bridge.info("i")
    bridge.warning("w")
    bridge.error("e")
    QApplication.processEvents()
    tints = []
    for row in view.rows():
        image = row.tint.grab().toImage()
        tints.append(image.pixelColor(3, image.height() // 2))  # inside the border, left of the icon
    info, warning, error = tints
    assert info.blue() > info.red()
    assert min(warning.red(), warning.green()) > warning.blue()
    assert error.red() > max(error.green(), error.blue())
