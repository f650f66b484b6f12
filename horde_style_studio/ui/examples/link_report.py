"""The result of "Check links": a table of the broken examples across the user's styles."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from horde_style_studio.ui.examples.link_check import BrokenLink, LinkReport
from horde_style_studio.ui.widgets.plain_text import plain_tip

COLUMNS = ("Style", "Example", "Problem", "Link")
STYLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TABLE_HEIGHT = 120


def report_summary(report: LinkReport) -> str:
    links = f"{report.checked} link{'' if report.checked == 1 else 's'}"
    styles = f"{report.styles} image style{'' if report.styles == 1 else 's'}"
    if not report.broken:
        verdict = "all of them load."
    else:
        verdict = f"{len(report.broken)} broken. Double-click one to open its style and fix it."
    text = f"Checked {links} in your {styles}: {verdict}"
    if report.unread:
        text += f" {len(report.unread)} style(s) could not be read: " + "; ".join(report.unread)
    return text


class LinkReportPanel(QWidget):
    """Hidden until a check has run. Emits ``style_chosen(str)`` with the id of a style to open."""

    style_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # it may quote the server's answer
        self.rows = QStandardItemModel(0, len(COLUMNS), self)
        self.rows.setHorizontalHeaderLabels(list(COLUMNS))
        self.table = QTableView()
        self.table.setModel(self.rows)
        self.table.setAccessibleName("Broken example links")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMaximumHeight(TABLE_HEIGHT)  # the gallery keeps the room; the table scrolls
        self.table.activated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.setVisible(False)

    def show_progress(self, done: int, total: int) -> None:
        self.setVisible(True)
        self.summary.setText(f"Checking links: {done} of {total}…" if total else "Reading your styles…")

    def show_report(self, report: LinkReport) -> None:
        self.rows.removeRows(0, self.rows.rowCount())
        for link in report.broken:
            self.rows.appendRow(_row(link))
        self.table.setVisible(bool(report.broken))
        self.summary.setText(report_summary(report))
        self.setVisible(True)

    def show_failure(self, message: str) -> None:
        self.summary.setText(message)
        self.table.setVisible(False)
        self.setVisible(True)

    def _chosen(self, index: QModelIndex) -> None:
        style_id = self.rows.item(index.row(), 0).data(STYLE_ID_ROLE)
        if isinstance(style_id, str):
            self.style_chosen.emit(style_id)


def _row(link: BrokenLink) -> list[QStandardItem]:
    style = QStandardItem(link.style_name)
    style.setData(link.style_id, STYLE_ID_ROLE)
    which = QStandardItem("Primary" if link.example.primary else "Other")
    problem = QStandardItem(link.message)
    problem.setToolTip(plain_tip(link.message))
    url = QStandardItem(link.example.url)
    url.setToolTip(plain_tip(link.example.url))
    return [style, which, problem, url]
