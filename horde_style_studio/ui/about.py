"""The About dialog: name, version, licence, links, Qt and PySide versions, beside the application icon."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from horde_style_studio import APP_NAME, PROJECT_URL, version
from horde_style_studio.ui.app_icon import application_icon

LICENCE_ID = "AGPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/agpl-3.0.html"
_LOGO_SIZE = 128


def _link(url: str, text: str) -> str:
    import html  # here: the first paint needs only the icon (issue 18)

    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def about_html() -> str:
    """The dialog's text as Qt rich text; separate so it can be read without building widgets."""
    import html
    import platform  # here: the first paint needs this module (the icon), not this

    return (
        f"<h2>{html.escape(APP_NAME)}</h2>"
        f"<p>Version {html.escape(version())}</p>"
        "<p>A desktop studio for curating AI Horde styles, their example images and collections.</p>"
        f"<p>{_link(PROJECT_URL, PROJECT_URL)}</p>"
        "<p>This program is free software, licensed under the"
        f" {_link(LICENCE_URL, 'GNU Affero General Public License')}, version 3 or any later version"
        f" ({LICENCE_ID}). It comes with no warranty.</p>"
        f"<p><small>Qt {html.escape(qVersion())} · PySide6 {html.escape(PySide6.__version__)}"
        f" · Python {html.escape(platform.python_version())}</small></p>"
    )


class AboutDialog(QDialog):
    """A non-modal window about the app: its icon beside ``about_html()``, and a Close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        # Closing must free it: Help > About may be opened many times in one session.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(self._body())
        layout.addWidget(buttons)

    def _body(self) -> QHBoxLayout:
        logo = QLabel()
        # The 256 px drawing on a 2x screen, so the logo stays sharp there.
        logo.setPixmap(application_icon().pixmap(QSize(_LOGO_SIZE, _LOGO_SIZE), self.devicePixelRatioF()))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(about_html())
        text.setObjectName("aboutText")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setMinimumWidth(360)
        text.setOpenExternalLinks(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        row = QHBoxLayout()
        row.addWidget(logo)
        row.addWidget(text, stretch=1)
        return row


def show_about(parent: QWidget | None) -> AboutDialog:
    """Show the About dialog without blocking (DESIGN.md: no ``exec()``), raising one that is already open."""
    existing = parent.findChild(AboutDialog) if parent is not None else None
    # A closed dialog may linger until its deferred delete runs; never hand that one back.
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = AboutDialog(parent)
    dialog.show()
    return dialog
