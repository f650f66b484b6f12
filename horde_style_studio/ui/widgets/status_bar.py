"""The status bar: which server, who is signed in (kudos, role), and how many requests are in flight."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from horde_style_studio.ui.presenters.account import Account


def describe_server(url: str) -> str:
    """``https://aihorde.net/api`` -> ``aihorde.net``; a non-default port is kept."""
    parts = urlsplit(url)
    return parts.netloc or url


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
        for label in (self.server, self.account, self.kudos, self.role):
            label.setObjectName("StatusItem")
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

    def show_in_flight(self, count: int) -> None:
        """Show the busy indicator while ``count`` requests are in flight."""
        self.busy_text.setText(f"{count} request{'s' if count != 1 else ''}")
        self.busy_bar.setVisible(count > 0)
        self.busy_text.setVisible(count > 0)


def role_explanation(account: Account) -> str:
    """One sentence on what the signed-in account may do."""
    if account.user.can_author_styles:
        return "May create and edit styles, and build collections."
    return "May build collections. Creating styles needs the customizer role or a trusted account."
