"""The settings dialog: server URL (validated as you type), contact, cache size, NSFW default, colours."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.services.settings import (
    COLOR_SCHEMES,
    DEFAULT_SERVER_URL,
    MAX_CACHE_MB,
    MAX_CONTACT,
    MIN_CACHE_MB,
    AppSettings,
    normalize_server_url,
)
from horde_style_studio.ui.theme import SCHEME_LABELS
from horde_style_studio.ui.widgets.inline import inline_label, set_inline


class SettingsDialog(QDialog):
    """Edits a copy of ``AppSettings``; emits ``submitted(AppSettings)`` on OK. OK is disabled while the
    server URL is invalid, and the reason shows under the field."""

    submitted = Signal(object)

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("Settings")
        self.setMinimumWidth(520)
        self.server_url = QLineEdit(settings.server_url)
        self.server_url.setPlaceholderText(DEFAULT_SERVER_URL)
        self.url_error = inline_label("FieldError")
        reset = QPushButton("Default")
        reset.setToolTip(f"Use {DEFAULT_SERVER_URL}")
        reset.clicked.connect(lambda: self.server_url.setText(DEFAULT_SERVER_URL))
        self.contact = QLineEdit(settings.contact, maxLength=MAX_CONTACT)
        self.contact.setPlaceholderText("e.g. your Discord name or e-mail (optional)")
        self.contact.setToolTip("Sent in the Client-Agent header so the Horde's admins can reach you.")
        self.cache_size = QSpinBox(minimum=MIN_CACHE_MB, maximum=MAX_CACHE_MB, suffix=" MB", singleStep=64)
        self.cache_size.setValue(settings.cache_size_mb)
        self.cache_size.setToolTip("Example images kept on disk; the oldest go first beyond the limit.")
        self.show_nsfw = QCheckBox("Show NSFW styles and examples by default")
        self.show_nsfw.setChecked(settings.show_nsfw)
        self.color_scheme = QComboBox()
        for scheme in COLOR_SCHEMES:
            self.color_scheme.addItem(SCHEME_LABELS[scheme], scheme)
        self.color_scheme.setCurrentIndex(COLOR_SCHEMES.index(settings.color_scheme))
        self.color_scheme.setToolTip("Light or dark colours; the system's choice unless you pick one here.")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.server_url.textChanged.connect(self._validate)
        self._lay_out(reset)

    def _lay_out(self, reset: QPushButton) -> None:
        url_row = QHBoxLayout()
        url_row.addWidget(self.server_url, 1)
        url_row.addWidget(reset)
        form = QFormLayout()
        form.addRow(_buddy_label("&Server URL:", self.server_url), url_row)
        form.addRow("", self.url_error)
        form.addRow("&Contact:", self.contact)
        form.addRow("Image &cache:", self.cache_size)
        form.addRow("", self.show_nsfw)
        form.addRow("C&olours:", self.color_scheme)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def url_problem(self) -> str | None:
        """Why the server URL as typed cannot be used, or None."""
        try:
            normalize_server_url(self.server_url.text())
        except ValueError as exc:
            return str(exc)
        return None

    def edited_settings(self) -> AppSettings:
        return self._settings.replace(
            server_url=self.server_url.text(),
            contact=self.contact.text(),
            cache_size_mb=self.cache_size.value(),
            show_nsfw=self.show_nsfw.isChecked(),
            color_scheme=self.color_scheme.currentData(),
        )

    def _validate(self) -> None:
        problem = self.url_problem()
        set_inline(self.url_error, problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def _accept(self) -> None:
        if self.url_problem() is None:
            self.submitted.emit(self.edited_settings())
            self.accept()


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label

