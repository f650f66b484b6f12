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
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from horde_style_studio import APP_NAME, version
from horde_style_studio.domain.redaction import redact

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from horde_style_studio.ui.widgets.exception_dialog import ExceptionDialog

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def scrub_secrets(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every known secret and every ``apikey=...`` value masked."""
    return redact(text, tuple(s for s in secrets if s))


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
            # Imported for the first error: the dialog's Qt classes would cost the first paint (issue 18).
            from horde_style_studio.ui.widgets.exception_dialog import ExceptionDialog

            self.dialog = ExceptionDialog(self._parent())
        self.dialog.show_error(
            f"Something went wrong that {APP_NAME} did not expect. The app keeps running, but the last "
            f"action may not have finished.\n\n{summary}",
            f"{APP_NAME} {version()}, Python {sys.version.split()[0]}\n\n{details}",
        )
