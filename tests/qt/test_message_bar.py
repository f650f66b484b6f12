"""The message bar: expected problems shown inline at their level, dismissable, never piling up."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.ui.widgets.message_bar import Level, MessageBar


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    return window


@pytest.fixture
def bar(window: QWidget) -> MessageBar:
    bar = MessageBar(limit=3)
    QVBoxLayout(window).addWidget(bar)
    window.show()
    return bar


def test_it_is_hidden_until_there_is_something_to_say(bar: MessageBar) -> None:
    assert not bar.isVisible()
    bar.warning("The AI Horde did not answer in time.")
    assert bar.isVisible()
    assert bar.messages() == [(Level.WARNING, "The AI Horde did not answer in time.")]


def test_each_level_is_styled_by_its_own_property(bar: MessageBar) -> None:
    bar.info("i")
    bar.warning("w")
    bar.error("e")
    assert [row.property("level") for row in bar.rows()] == ["info", "warning", "error"]


def test_dismissing_removes_the_message_and_hides_an_empty_bar(bar: MessageBar) -> None:
    bar.error("first")
    bar.info("second")
    bar.rows()[0].close_button.click()
    assert bar.messages() == [(Level.INFO, "second")]
    bar.rows()[0].close_button.click()
    assert bar.messages() == []
    assert not bar.isVisible()


def test_a_repeated_message_is_shown_once_and_the_oldest_goes_beyond_the_limit(bar: MessageBar) -> None:
    for text in ("a", "b", "a", "c", "d"):
        bar.warning(text)
    assert [text for _, text in bar.messages()] == ["a", "c", "d"]


def test_it_does_not_block_the_window(bar: MessageBar) -> None:
    bar.error("Could not connect to the AI Horde.")
    assert QApplication.activeModalWidget() is None
