"""The one place unexpected exceptions end up: logged, and shown in a dialog with "Copy details".

Expected failures (a refused key, a lost connection) never come here; presenters turn them into messages in
the message bar. The API key is scrubbed from everything this module logs, shows or copies.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio import APP_NAME, version
from horde_style_studio.domain.redaction import redact

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def scrub_secrets(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every known secret and every ``apikey=...`` value masked."""
    return redact(text, tuple(s for s in secrets if s))


class ExceptionDialog(QDialog):
    """Tells the user something unexpected happened; the details are one click away and copyable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: unexpected error")
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(readOnly=True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumSize(560, 220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.copy_button.clicked.connect(self.copy_details)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        self.setWindowIcon(icon)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def show_error(self, summary: str, details: str) -> None:
        self.summary.setText(summary)
        self.details.setPlainText(details)
        self.show()
        self.raise_()

    def copy_details(self) -> None:
        QApplication.clipboard().setText(f"{self.summary.text()}\n\n{self.details.toPlainText()}")


class ExceptHook:
    """A ``sys.excepthook`` that logs the exception and shows it in one non-modal ``ExceptionDialog``.

    ``secrets`` returns the values to mask (the current API key); ``parent`` the window to attach to.
    """

    def __init__(
        self,
        secrets: Callable[[], Iterable[str | None]],
        parent: Callable[[], QWidget | None] = lambda: None,
    ) -> None:
        self._secrets = secrets
        self._parent = parent
        self._previous: Callable[..., object] | None = None
        self.dialog: ExceptionDialog | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook is self:
            sys.excepthook = self._previous
        self._previous = None

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            self._report((exc_type, exc, tb))
        except Exception:  # the hook must never raise: fall back to Python's own printing
            sys.__excepthook__(exc_type, exc, tb)
        # A hook installed before ours (pytest-qt's, a debugger's) still hears about it; Python's default
        # would only print the traceback the log already holds.
        if self._previous not in (None, sys.__excepthook__):
            self._previous(exc_type, exc, tb)

    def _report(self, info: ExcInfo) -> None:
        secrets = tuple(self._secrets())
        details = scrub_secrets("".join(traceback.format_exception(*info)), secrets)
        log.error("unexpected error\n%s", details)
        summary = scrub_secrets(f"{info[0].__name__}: {info[1]}", secrets)
        if QApplication.instance() is None:
            return
        if self.dialog is None:
            self.dialog = ExceptionDialog(self._parent())
        self.dialog.show_error(
            f"Something went wrong that {APP_NAME} did not expect. The app keeps running, but the last "
            f"action may not have finished.\n\n{summary}",
            f"{APP_NAME} {version()}, Python {sys.version.split()[0]}\n\n{details}",
        )
