"""The status bar: which server, who is signed in (kudos, role), requests in flight, the library's refresh."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from horde_style_studio.ui.stylesheet import styled

if TYPE_CHECKING:
    from horde_style_studio.ui.presenters.account import Account


def describe_server(url: str) -> str:
    """``https://aihorde.net/api`` -> ``aihorde.net``; a non-default port is kept, a user name and password
    in the URL are not shown."""
    parts = urlsplit(url)
    return parts.netloc.rpartition("@")[2] or url


class StudioStatusBar(QStatusBar):
    """Permanent widgets on the right: server, account, kudos, role and a busy indicator with a count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server = QLabel()
        self.account = QLabel()
        self.kudos = QLabel()
        self.role = QLabel()
        self.busy_bar = QProgressBar(textVisible=False)
        self.busy_bar.setMaximumSize(72, 12)
        self.busy_bar.setRange(0, 0)
        self.busy_text = QLabel()
        self.library = QLabel()
        self.library.setObjectName("StatusItem")
        styled(self.library)
        self.sync_bar = QProgressBar(textVisible=False)
        self.sync_bar.setMaximumSize(72, 12)
        self.sync_bar.setRange(0, 0)  # a list's length is unknown until its last page
        self.sync_bar.setVisible(False)
        self.stop_sync = QToolButton()
        self.stop_sync.setText("Stop")
        self.stop_sync.setAutoRaise(True)
        self.stop_sync.setToolTip("Stop refreshing the library; the next refresh resumes where it stopped")
        self.stop_sync.setVisible(False)
        self.addWidget(self.sync_bar)
        self.addWidget(self.library)
        self.addWidget(self.stop_sync)
        for label in (self.server, self.account, self.kudos, self.role):
            label.setObjectName("StatusItem")
            styled(label)
        for widget in (self.busy_bar, self.busy_text, self.server, self.account, self.kudos, self.role):
            self.addPermanentWidget(widget)
        self.show_account(None)
        self.show_in_flight(0)

    def show_server(self, url: str, *, sandbox: bool = False) -> None:
        name = describe_server(url)
        self.server.setText(f"Sandbox: {name}" if sandbox else f"Server: {name}")
        self.server.setToolTip(url)

    def show_account(self, account: Account | None) -> None:
        if account is None:
            self.account.setText("Not signed in")
            self.account.setToolTip("Account ▸ Sign in… to use your AI Horde API key")
            for label in (self.kudos, self.role):
                label.clear()
                label.setVisible(False)
            return
        user = account.user
        self.account.setText(user.username)
        self.account.setToolTip(f"Profile: {account.profile}")
        self.kudos.setText(f"{user.kudos:,.0f} kudos")
        self.role.setText(user.role_label.capitalize())
        self.role.setToolTip(role_explanation(account))
        for label in (self.kudos, self.role):
            label.setVisible(True)

    def show_sync_busy(self, busy: bool) -> None:
        self.sync_bar.setVisible(busy)
        self.stop_sync.setVisible(busy)

    def show_sync_progress(self, text: str) -> None:
        self.library.setText(text)

    def show_last_sync(self, when: datetime | None) -> None:
        """The time of the last library refresh, in local time."""
        if when is None:
            self.library.setText("Library never refreshed")
            return
        local = when.astimezone()
        today = local.date() == datetime.now().astimezone().date()
        stamp = f"{local:%H:%M}" if today else f"{local:%d %b %H:%M}"
        self.library.setText(f"Library refreshed {stamp}")
        self.library.setToolTip(f"Last refresh: {local:%Y-%m-%d %H:%M:%S}")

    def show_sync_incomplete(self, short: str, text: str) -> None:
        """A refresh that could not fetch everything: ``short`` in the bar, the whole sentence as tip."""
        self.library.setText(short)
        self.library.setToolTip(text)

    def show_in_flight(self, count: int) -> None:
        """Show the busy indicator while ``count`` requests are in flight."""
        self.busy_text.setText(f"{count} request{'s' if count != 1 else ''}")
        self.busy_bar.setVisible(count > 0)
        self.busy_text.setVisible(count > 0)


def role_explanation(account: Account) -> str:
    """One sentence on what the signed-in account may do."""
    return account.user.abilities
