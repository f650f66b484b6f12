"""Trials ▸ Image host and trials: where example images go, and when a trial asks before spending."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.services.image_hosts import S3Keys
from horde_style_studio.services.settings import MAX_KUDOS_CONFIRM, AppSettings, ImageHostSettings

KINDS = (
    ("", "None"),
    ("s3", "S3-compatible bucket (AWS S3, R2, B2, MinIO)"),
    ("folder", "A published folder"),
)


class HostSettingsDialog(QDialog):
    """``submitted(AppSettings, object)``: the new settings and the S3 keys typed (None: leave as they are).
    The keys go to the keyring only, never into the settings file."""

    submitted = Signal(object, object)

    def __init__(self, settings: AppSettings, *, has_keys: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Image host and trials")
        self._settings = settings
        host = settings.image_host
        self.kind = QComboBox()
        for value, label in KINDS:
            self.kind.addItem(label, value)
        self.kind.setCurrentIndex(max(0, [k for k, _ in KINDS].index(host.kind)))
        self.public_url = QLineEdit(
            host.public_url, placeholderText="https://pub-….r2.dev or https://you.github.io/pics"
        )
        self.folder = QLineEdit(host.folder, placeholderText="a folder that git, rsync or Pages publishes")
        self.endpoint = QLineEdit(host.endpoint, placeholderText="https://<account>.r2.cloudflarestorage.com")
        self.bucket = QLineEdit(host.bucket)
        self.region = QLineEdit(host.region, placeholderText="auto, us-east-1, …")
        self.access = QLineEdit(placeholderText="stored in the keyring" if has_keys else "access key id")
        self.secret = QLineEdit(placeholderText="stored in the keyring" if has_keys else "secret access key")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.threshold = QDoubleSpinBox(minimum=0, maximum=MAX_KUDOS_CONFIRM, decimals=0, suffix=" kudos")
        self.threshold.setValue(settings.kudos_confirm_above)
        form = QFormLayout()
        form.addRow("Ask before a trial above", self.threshold)
        form.addRow("Image host", self.kind)
        form.addRow("Public address", self.public_url)
        form.addRow("Folder", self.folder)
        form.addRow("S3 endpoint", self.endpoint)
        form.addRow("Bucket", self.bucket)
        form.addRow("Region", self.region)
        form.addRow("Access key id", self.access)
        form.addRow("Secret access key", self.secret)
        self.problem = QLabel(wordWrap=True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._form = form
        self.kind.currentIndexChanged.connect(self._show_fields)
        self._show_fields()

    def _show_fields(self) -> None:
        kind = self.kind.currentData()
        for widget in (self.endpoint, self.bucket, self.region, self.access, self.secret):
            self._form.setRowVisible(widget, kind == "s3")
        self._form.setRowVisible(self.folder, kind == "folder")
        self._form.setRowVisible(self.public_url, kind != "")
        self.adjustSize()  # rows hidden for another kind leave no gap behind

    def _accept(self) -> None:
        try:
            host = ImageHostSettings(
                kind=self.kind.currentData(),
                folder=self.folder.text().strip(),
                public_url=self.public_url.text(),
                endpoint=self.endpoint.text(),
                bucket=self.bucket.text().strip(),
                region=self.region.text().strip(),
            )
            settings = self._settings.replace(
                kudos_confirm_above=self.threshold.value(), image_host=host.model_dump()
            )
        except ValueError as err:
            self.problem.setText(str(err).splitlines()[-1])
            return
        keys = None
        if self.access.text().strip() and self.secret.text().strip():
            keys = S3Keys(self.access.text().strip(), self.secret.text().strip())
        self.submitted.emit(settings, keys)
        self.accept()
