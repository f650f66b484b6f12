"""The main window's menus and their actions, with the platform's standard shortcuts."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from horde_style_studio.ui.shared.edit_actions import EditActions

Std = QKeySequence.StandardKey

NO_ROLE_REASON = "Creating styles needs the customizer role or a trusted account."
SIGNED_OUT_REASON = "Sign in with a customizer or trusted account to create styles."


def _action(menu: QMenu, text: str, *, shortcut: QKeySequence | Std | str | None = None) -> QAction:
    action = menu.addAction(text)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


class MainMenus:
    """Builds File, Edit, View, Account and Help on ``window`` and keeps the actions others connect to."""

    def __init__(self, window: QMainWindow, tab_titles: list[str]) -> None:
        bar = window.menuBar()
        self.file = bar.addMenu("&File")
        self.new_style = _action(self.file, "&New style", shortcut=Std.New)
        self.file.addSeparator()
        self.import_styles = _action(self.file, "&Import styles…", shortcut="Ctrl+I")
        self.import_styles.setToolTip("Read a styles.csv, a styler JSON, styles.json or a bundle into drafts")
        self.export_styles = _action(self.file, "&Export your styles…", shortcut="Ctrl+E")
        self.export_styles.setToolTip("Write your styles, their examples and collections to a JSON bundle")
        self.file.addSeparator()
        self.settings = _action(self.file, "&Settings…", shortcut=_preferences_shortcut())
        self.file.addSeparator()
        self.quit = _action(self.file, "&Quit", shortcut="Ctrl+Q")

        self.edit = bar.addMenu("&Edit")
        self.edit_actions = EditActions(self.edit)
        self.edit.addSeparator()
        self.find = _action(self.edit, "&Find…", shortcut=Std.Find)
        self.find.setToolTip("Search the library's styles in Browse")

        self.view = bar.addMenu("&View")
        self.tab_actions = [
            _action(self.view, title, shortcut=f"Ctrl+{number}") for number, title in enumerate(tab_titles, 1)
        ]
        self.view.addSeparator()
        self.refresh_library = _action(self.view, "&Refresh library", shortcut=Std.Refresh)
        self.refresh_library.setToolTip("Fetch every public style and collection from the server again")
        self.stop_refresh = _action(self.view, "S&top refreshing")
        self.stop_refresh.setEnabled(False)
        self.view.addSeparator()
        self.full_screen = _action(self.view, "&Full screen", shortcut=Std.FullScreen)
        self.full_screen.setCheckable(True)

        self.account = bar.addMenu("&Account")
        self.sign_in = _action(self.account, "&Sign in…")
        self.profiles = self.account.addMenu("S&witch profile")
        self.sign_out = _action(self.account, "Sign &out")

        self.help = bar.addMenu("&Help")
        self.guide = _action(self.help, "&Getting started", shortcut=Std.HelpContents)
        self.guide.setToolTip("A short guide to the app")
        self.shortcuts = _action(self.help, "&Keyboard shortcuts", shortcut="Ctrl+/")
        self.shortcuts.setToolTip("Every key the app answers to, in one table")
        self.help.addSeparator()
        self.about = _action(self.help, "&About Horde Style Studio")
        for menu in (self.file, self.edit, self.view, self.account, self.help):
            menu.setToolTipsVisible(True)
        self.gate_authoring(can_author=False, signed_in=False)
        self.sign_out.setEnabled(False)

    def gate_authoring(self, *, can_author: bool, signed_in: bool, why_not: str = NO_ROLE_REASON) -> None:
        """Enable authoring actions only for accounts that may author; say why in the tooltip otherwise
        (``why_not`` for a signed-in account that may not)."""
        reason = "" if can_author else (why_not if signed_in else SIGNED_OUT_REASON)
        self.new_style.setEnabled(can_author)
        self.new_style.setToolTip(reason or "Start a new style in the editor")
        self.new_style.setStatusTip(reason)


def _preferences_shortcut() -> QKeySequence:
    # Most Linux desktops define no standard Preferences key; Ctrl+, is what most apps use there.
    standard = QKeySequence(Std.Preferences)
    return standard if not standard.isEmpty() else QKeySequence("Ctrl+,")
