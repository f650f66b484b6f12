"""The sign-in dialog: paste an API key, name the profile, see who the server says it belongs to."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.ui.presenters.account import Account, AccountPresenter
from horde_style_studio.ui.widgets.inline import inline_label, set_inline

REGISTER_URL = "https://aihorde.net/register"


def describe_account(account: Account) -> str:
    """Rich text: who the key belongs to, their kudos, and what they may do."""
    user = account.user
    role = f"<b>{escape(user.role_label.capitalize())}</b>: {escape(user.abilities)}"
    where = "in your system keyring" if account.persistent else "in memory until you quit (no keyring)"
    return (
        f"Signed in as <b>{escape(user.username)}</b> · {user.kudos:,.0f} kudos<br>{role}<br>"
        f"<small>The key for “{escape(account.profile)}” is kept {where}.</small>"
    )


class SignInDialog(QDialog):
    """Sends the pasted key to ``AccountPresenter.sign_in`` and shows the outcome inline.

    It only reacts to the presenter's outcome signals while its own request is pending, so a profile switch
    elsewhere in the app does not write into it.
    """

    def __init__(
        self, presenter: AccountPresenter, parent: QWidget | None = None, *, profile: str = "",
        demo: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._pending = False
        # In the sandbox, its demo accounts by profile name: one click signs in as one again.
        self.demo_buttons = [self._demo_button(name, key) for name, key in (demo or {}).items()]
        self.setWindowTitle("Sign in to the AI Horde")
        self.setMinimumWidth(480)
        self.profile = QLineEdit(profile or "default", maxLength=64)
        self.key = QLineEdit(echoMode=QLineEdit.EchoMode.Password, placeholderText="Paste your API key")
        self.key.setAccessibleName("API key")
        self.show_key = QToolButton()
        self.show_key.setText("Show")
        self.show_key.setCheckable(True)
        self.show_key.setToolTip("Show or hide the key")
        self.show_key.toggled.connect(self._toggle_echo)
        self.error = inline_label("InlineError")
        self.outcome = inline_label("InlineResult", rich=True)  # describe_account() escapes the server's text
        self.submit = QPushButton("&Sign in", default=True)
        self.submit.clicked.connect(self._submit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.submit, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        presenter.signed_in.connect(self._on_signed_in)
        presenter.sign_in_failed.connect(self._on_failed)
        self.key.textChanged.connect(self._edited)
        self.profile.textChanged.connect(self._edited)

    def _lay_out(self) -> None:
        intro = self.intro = QLabel(wordWrap=True, openExternalLinks=True)
        problem = self._presenter.keys_problem
        keeps = (
            "It is kept in your system keyring, never in a file."
            if problem is None
            else f"<b>{escape(problem)}</b>: the key is kept only until you quit."
        )
        intro.setText(
            f"Paste your AI Horde API key; the app asks the server who it belongs to. {keeps}<br>"
            f'No key yet? <a href="{REGISTER_URL}">Register at aihorde.net</a>.'
        )
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.show_key)
        key_label = QLabel("API &key:")
        key_label.setBuddy(self.key)
        form = QFormLayout()
        form.addRow("&Profile name:", self.profile)
        form.addRow(key_label, key_row)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if self.demo_buttons:
            demo_row = QHBoxLayout()
            demo_row.addWidget(QLabel("Sandbox accounts:"))
            for button in self.demo_buttons:
                demo_row.addWidget(button)
            demo_row.addStretch(1)
            layout.addLayout(demo_row)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _demo_button(self, profile: str, key: str) -> QPushButton:
        button = QPushButton(profile)
        button.setToolTip(f"Sign in to the sandbox as its demo account “{profile}”")

        def use() -> None:
            self.profile.setText(profile)
            self.key.setText(key)
            self._submit()

        button.clicked.connect(use)
        return button

    def _toggle_echo(self, shown: bool) -> None:
        self.key.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_key.setText("Hide" if shown else "Show")

    def _submit(self) -> None:
        self._pending = True
        self._set_busy(True)
        set_inline(self.error, None)
        set_inline(self.outcome, None)
        self._presenter.sign_in(self.profile.text(), self.key.text())

    def _set_busy(self, busy: bool) -> None:
        self.submit.setEnabled(not busy)
        self.submit.setText("Checking…" if busy else "&Sign in")
        for widget in (self.profile, self.key, self.show_key, *self.demo_buttons):
            widget.setEnabled(not busy)

    def _on_signed_in(self, account: Account) -> None:
        if not self._pending:
            return
        self._pending = False
        self._set_busy(False)
        self.key.clear()
        set_inline(self.outcome, describe_account(account))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Done")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_failed(self, message: str) -> None:
        if not self._pending:
            return
        self._pending = False
        self._set_busy(False)
        set_inline(self.error, message)
        self.key.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edited(self) -> None:
        set_inline(self.error, None)
