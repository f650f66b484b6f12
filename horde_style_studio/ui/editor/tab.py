"""``EditorTab``: the Editor tab's objects, built once by the composition root; :meth:`connect_to` wires them
to the account and the window.

What other tabs and the shell call: :meth:`fork` and :meth:`open_style` (from Browse),
:meth:`has_unsaved_changes` and :meth:`confirm_discard` (the close path; :meth:`connect_to` installs it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.editor.page import EditorPage
from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.ui.main_window import MainWindow
from horde_style_studio.ui.presenters.account import Account, AccountPresenter
from horde_style_studio.ui.shared.messages import MessageBridge
from horde_style_studio.workflows.editing.messages import window_title

TAB = "editor"
WARNINGS = "editor.warnings"
BLOCKED = "editor.blocked"


def report(presenter: EditorPresenter, messages: MessageBridge) -> None:
    """The presenter's outcomes as messages, all under one key: the latest says how things stand (a save
    that went through replaces the failure before it)."""
    for done in (presenter.saved, presenter.deleted, presenter.status):
        done.connect(lambda text: messages.info(text, source=TAB))
    presenter.failed.connect(lambda text: messages.error(text, source=TAB))
    presenter.warned.connect(lambda ws: messages.warning(_warned(presenter, ws), source=WARNINGS))
    presenter.opened.connect(lambda state: _opened(state.origin, messages))
    # Why Save could not go ahead stands only while it is still why: an edit that changes the reason
    # ("Nothing to save", then a change) takes the message away.
    shown: list[str] = []

    def blocked(reason: str) -> None:
        shown[:] = [reason]
        messages.warning(reason, source=BLOCKED)

    def save_state(reason: str | None) -> None:
        if shown and reason != shown[0]:
            shown.clear()
            messages.clear(BLOCKED)

    presenter.blocked.connect(blocked)
    presenter.save_state.connect(save_state)


def _warned(presenter: EditorPresenter, warnings: list[str]) -> str:
    # The warning stays until dismissed, seen from any tab: it names the style it is about.
    name = str(presenter.state.doc.get("name") or "").strip()
    about = f" about “{name}”" if name else ""
    return f"The server warns{about}: " + " ".join(warnings)


def _opened(origin: str, messages: MessageBridge) -> None:
    # Another style open: what was said about the last one is over; a fork says where it came from.
    messages.clear(WARNINGS)
    messages.clear(BLOCKED)
    if origin:
        messages.info(origin, source=TAB)
    else:
        messages.clear(TAB)


class EditorTab(QObject):
    """Owns the presenter and the page; guards the main window's close against unsaved changes."""

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        tasks: TaskRegistry,
        parent: QObject | None = None,
        *,
        messages: MessageBridge,
        page_parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = EditorPresenter(session, library, tasks, self)
        # Built inside the widget that will hold it: moved there afterwards, its many fields, under the page's
        # own style sheet, would all be styled over again (most of a hundred ms, issue 18).
        self.page = EditorPage(self.presenter, page_parent)
        self.export_action = QAction("&Export draft as JSON…", self)
        self.export_action.triggered.connect(self.page.ask_export)
        self._window: MainWindow | None = None
        self._closing = False
        report(self.presenter, messages)
        self.presenter.resume()  # after report(): "your draft is back" is a message

    def connect_to(self, account: AccountPresenter, window: MainWindow) -> None:
        """Follow the signed-in account, add File ▸ Export draft as JSON, guard the window's close."""
        self._window = window
        account.signed_in.connect(self._signed_in)
        account.signed_out.connect(lambda: self.presenter.set_account(None))
        self.presenter.set_account(account.account.user if account.account else None)
        menus = window.menus
        menus.file.insertAction(menus.settings, self.export_action)
        menus.new_style.triggered.connect(
            lambda: self.confirm_discard(lambda: self.presenter.new_style(StyleKind.IMAGE))
        )
        window.installEventFilter(self)
        p = self.presenter
        # The title follows every change of the open style's name or of its saved state.
        for signal in (p.opened, p.identity, p.save_state, p.changed):
            signal.connect(self._show_title)
        self._show_title()

    def _show_title(self) -> None:
        if self._window is not None:
            state = self.presenter.state
            name = state.doc.get("name")
            title = window_title(name if isinstance(name, str) else "", modified=state.dirty)
            self._window.setWindowTitle(title)

    def _signed_in(self, account: Account) -> None:
        self.presenter.set_account(account.user)

    # -- for other tabs and the shell ------------------------------------------------------------------------
    def fork(self, style: AnyStyle) -> None:
        """Browse's "Fork into editor": a new draft copied from ``style``, crediting it."""
        self._show()
        self.confirm_discard(lambda: self.presenter.fork(style))

    def fork_id(self, style_id: str) -> None:
        """The same for a style id from the library (what Browse's signals carry)."""
        self._show()
        self.confirm_discard(lambda: self.presenter.fork_id(style_id))

    def open_style(self, style: AnyStyle) -> None:
        """Edit one of the user's own styles."""
        self._show()
        self.confirm_discard(lambda: self.presenter.open_style(style))

    def open_style_id(self, style_id: str) -> None:
        """Browse's Edit (or Enter on an own style): that style in the editor, after the usual question."""
        self._show()
        self.confirm_discard(lambda: self.presenter.open_style_id(style_id))

    def delete_style_id(self, style_id: str) -> None:
        """Browse's Delete: the style opens in the editor, which asks the delete question there."""
        self._show()

        def opened_then_ask() -> None:
            self.presenter.open_style_id(style_id)
            if self.presenter.state.style_id == style_id:
                self.page.ask_delete()

        self.confirm_discard(opened_then_ask)

    def has_unsaved_changes(self) -> bool:
        return self.presenter.has_unsaved_changes()

    def confirm_discard(self, proceed: Callable[[], None]) -> None:
        """Run ``proceed`` at once, or after asking (non-modally) to keep or discard unsaved changes."""
        self.page.confirm_discard(proceed)

    def _show(self) -> None:
        if self._window is not None:
            self._window.select_tab(TAB)

    # -- the close guard -------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Close or not isinstance(watched, QMainWindow) or self._closing:
            return False
        if not self.presenter.needs_answer():
            self.presenter.close()  # a draft already kept is written as it stands, without asking again
            return False
        event.ignore()
        self._show()
        self.page.confirm_discard(lambda: self._close(watched), quitting=True)
        return True

    def _close(self, window: QMainWindow) -> None:
        self._closing = True
        self.presenter.close()
        window.close()
