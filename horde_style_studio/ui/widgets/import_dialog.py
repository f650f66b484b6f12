"""File ▸ Import: choose a file, see the review (what maps, what does not, which names clash), then keep
the styles as drafts or create the ready ones. Non-modal: it only talks to its presenter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.ui.presenters.transfer import TransferPresenter
from horde_style_studio.ui.shared.places import in_documents
from horde_style_studio.ui.theme import is_dark
from horde_style_studio.ui.widgets.list_table import ListTableModel
from horde_style_studio.workflows.importing import ImportFormat, ImportReview, ReviewedStyle, Verdict

_COLOURS = {
    Verdict.READY: QColor(46, 125, 50),
    Verdict.NEEDS_WORK: QColor(183, 110, 0),
    Verdict.CLASH: QColor(198, 40, 40),
}
FILTER = "Style files (*.csv *.json);;All files (*)"


def remarks(item: ReviewedStyle) -> str:
    return " ".join([problem.message for problem in item.problems] + item.style.notes)


def _verdict_colour(item: ReviewedStyle, column: int) -> QColor | None:
    if column != 2:
        return None
    # Words in these dark tones would fade into a dark base: there they are lifted to stay readable.
    colour = _COLOURS[item.verdict]
    return colour.lighter(170) if is_dark(QGuiApplication.palette()) else colour


def review_model(parent: QWidget) -> ListTableModel[ReviewedStyle]:
    """The reviewed styles of one import; the verdict in its colour."""
    columns: list[tuple[str, Callable[[ReviewedStyle], str]]] = [
        ("Row", lambda item: str(item.style.row)),
        ("Name", lambda item: item.name),
        ("Verdict", lambda item: item.verdict.value),
        ("What to know", remarks),
    ]
    return ListTableModel(columns, _verdict_colour, parent)


class ImportDialog(QDialog):
    def __init__(self, presenter: TransferPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import styles")
        self.resize(980, 620)
        self.presenter = presenter
        self.path = QLineEdit(placeholderText="styles.csv, sdxl_styles.json, styles.json or an export bundle")
        self.browse = QPushButton("Choose…")
        self.format = QComboBox()
        self.format.addItem("Tell by its content", None)
        for fmt in ImportFormat:
            self.format.addItem(fmt.label, fmt.value)
        self.model_name = QLineEdit(
            placeholderText="e.g. AlbedoBase XL (SDXL), for styles whose file names none"
        )
        self.read = QPushButton("Read")
        self.summary = QLabel(wordWrap=True)
        self.model = review_model(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.left_out = QPlainTextEdit(readOnly=True)
        self.left_out.setMaximumHeight(90)
        self.left_out.setPlaceholderText("Rows that could not be used are listed here, by row number.")
        self.buttons = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        self.keep_button = self.buttons.addButton("Keep as drafts", role.AcceptRole)
        self.create_button = self.buttons.addButton("Create ready styles", role.ApplyRole)
        self.create_button.setToolTip(
            "Creates the styles marked ready (private, so you can look first); the rest stay drafts"
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._layout()
        self.browse.clicked.connect(self._choose)
        self.read.clicked.connect(self._read)
        self.path.returnPressed.connect(self._read)
        self.keep_button.clicked.connect(presenter.keep_drafts)
        self.create_button.clicked.connect(presenter.create)
        self.buttons.rejected.connect(self.close)
        presenter.reviewed.connect(self.show_review)
        presenter.failed.connect(lambda text: self.summary.setText(f"⚠ {text}"))
        presenter.done.connect(self.summary.setText)
        presenter.busy.connect(lambda busy: self.create_button.setEnabled(not busy))
        self.show_review(None)

    def _layout(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("File", file_row)
        form.addRow("Format", self.format)
        form.addRow("Default model", self.model_name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.read, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Left out"))
        layout.addWidget(self.left_out)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Import styles", in_documents(), FILTER)
        if path:
            self.path.setText(path)
            self._read()

    def _read(self) -> None:
        if self.path.text().strip():
            chosen = self.format.currentData()
            fmt = ImportFormat(chosen) if chosen else None
            self.presenter.read(self.path.text().strip(), fmt, self.model_name.text())

    def show_review(self, review: ImportReview | None) -> None:
        self.model.set_items(review.styles if review else [])
        self.keep_button.setEnabled(review is not None and bool(review.styles))
        self.create_button.setEnabled(review is not None and review.count(Verdict.READY) > 0)
        self.summary.setText(
            review.summary() if review else "Nothing is sent until you choose to create styles."
        )
        self.left_out.setPlainText("\n".join(str(p) for p in review.batch.problems) if review else "")
