"""The one dialog for unexpected errors: logged, shown, copyable, and the API key in none of them."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from horde_style_studio.ui.excepthook import ExceptHook, scrub_secrets

KEY = "Sup3rSecretKey-abcdef123"


def _raise_with_key() -> BaseException:
    try:
        headers = {"apikey": KEY, "Client-Agent": "x"}
        raise RuntimeError(f"request failed with headers {headers} and apikey={KEY}")
    except RuntimeError as exc:
        return exc
    raise AssertionError("did not raise")


def _report(hook: ExceptHook, exc: BaseException) -> None:
    hook(type(exc), exc, exc.__traceback__)


def _divide() -> BaseException:
    try:
        _ = 1 / 0
    except ZeroDivisionError as exc:
        return exc
    raise AssertionError("1 / 0 did not raise")


@pytest.mark.logs_warning("unexpected error")
def test_an_unexpected_error_opens_one_dialog_with_the_traceback(qtbot: QtBot) -> None:
    hook = ExceptHook(lambda: ())
    _report(hook, _divide())
    dialog = hook.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert not dialog.isModal()
    assert "ZeroDivisionError: division by zero" in dialog.summary.text()
    assert "Traceback" in dialog.details.toPlainText()
    assert "in _divide" in dialog.details.toPlainText()
    _report(hook, KeyError("second"))
    assert hook.dialog is dialog
    assert "KeyError" in dialog.summary.text()


@pytest.mark.logs_warning("unexpected error")
def test_the_key_is_scrubbed_from_the_dialog_the_clipboard_and_the_log(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    hook = ExceptHook(lambda: (KEY, None))
    with caplog.at_level(logging.ERROR):
        _report(hook, _raise_with_key())
    dialog = hook.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    shown = dialog.summary.text() + dialog.details.toPlainText()
    assert "request failed" in shown
    assert KEY not in shown
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "request failed" in copied
    assert KEY not in copied
    assert "RuntimeError" in caplog.text
    assert KEY not in caplog.text


def test_apikey_values_are_masked_even_when_the_key_is_not_known() -> None:
    text = "headers={'apikey': 'abcdefghijk0123'} then apikey=zzzz9999 and apikey: qqq"
    scrubbed = scrub_secrets(text, ())
    for secret in ("abcdefghijk0123", "zzzz9999", "qqq"):
        assert secret not in scrubbed
    assert scrubbed.count("•••") == 3


@pytest.mark.logs_warning("unexpected error")
def test_install_chains_to_the_hook_that_was_there(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    heard: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: heard.append(exc))
    hook = ExceptHook(lambda: ())
    hook.install()
    assert sys.excepthook is hook
    exc = ValueError("x")
    sys.excepthook(type(exc), exc, None)
    hook.uninstall()
    assert heard == [exc]
    assert sys.excepthook is not hook
    assert hook.dialog is not None
    qtbot.addWidget(hook.dialog)
