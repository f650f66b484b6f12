"""The Examples tab: pick a style, see its examples as cards, add, replace, remove and choose the primary.

A layout shell over :class:`ExamplesPresenter` and :class:`LinkChecker`: buttons call them, their signals
fill the widgets. The gallery's model belongs to the presenter.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QSize, Qt
from PySide6.QtGui import QFont, QImage, QPalette, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.domain.validation import MAX_EXAMPLES
from horde_style_studio.ui.examples.gallery_view import GalleryView
from horde_style_studio.ui.examples.link_check import LinkChecker
from horde_style_studio.ui.examples.link_report import LinkReportPanel
from horde_style_studio.ui.examples.presenter import ExamplesPresenter
from horde_style_studio.ui.examples.style_picker import StylePicker
from horde_style_studio.ui.examples.viewer import ImageViewer
from horde_style_studio.ui.shared.decoding import CheckedImage
from horde_style_studio.ui.shared.pixmaps import fitted
from horde_style_studio.ui.widgets.questions import ask_delete

NOTHING_OPEN = "Choose one of your image styles above, or type any style's id or name."
TIPS = {
    "add": f"Download and check the link (https only, an image within the limits), then add it; at most "
    f"{MAX_EXAMPLES} per style.",
    "replace": "Point the selected example at the link in the field, after the same checks as adding.",
    "make_primary": "Make the selected example the one front ends show first (P or Space).",
    "remove": "Remove the selected example from the style (Delete).",
    "url": "Paste or drop a link to an image here, or drop it on the gallery.",
}
PREVIEW_EDGE = 72


class ExamplesPage(QWidget):
    """The Examples tab's widgets, wired to ``presenter`` and ``links``."""

    def __init__(
        self, presenter: ExamplesPresenter, links: LinkChecker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.presenter, self.links = presenter, links
        self.question: QMessageBox | None = None  # the open "Remove example?" box (tests answer it)
        self._edit_reason, self._add_reason = presenter.edit_refusal() or "", ""
        self._busy = False
        self._selected_id: str | None = None
        self._viewer: ImageViewer | None = None
        self._checked: CheckedImage | None = None
        self._build()
        self._wire()
        self._show_nothing()
        # The gallery's model belongs to the presenter. Should the presenter die first, the view must let go
        # of the model before it is deleted: otherwise the view's delayed reset later runs on a selection
        # model without a model and Qt warns. destroyed() fires before the presenter's children go.
        presenter.destroyed.connect(self._release_model)

    # -- building ----------------------------------------------------------------------------------------
    def _release_model(self) -> None:
        self.gallery.setModel(None)

    def _build(self) -> None:
        self.picker = StylePicker()
        self.check_links = QPushButton("Check links")
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # the style's name, a stranger's text
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.details = _quiet_label()
        self.access_note = _quiet_label()
        self.gallery = GalleryView()
        self.gallery.setModel(self.presenter.model)
        self.report = LinkReportPanel()
        self.url = QLineEdit(placeholderText="Paste or drop a link to an image (https://…)")
        self.url.setClearButtonEnabled(True)
        self.url.setAccessibleName("Image link")
        self.add = QPushButton("&Add")
        self.replace = QPushButton("&Replace selected")
        self.make_primary = QPushButton("Make &primary")
        self.remove = QPushButton("Re&move")
        self.view_full = QPushButton("&View full size")
        self.view_full.setToolTip("Show the selected example at full size (Enter)")
        self.busy_label = _quiet_label("Working…")
        self.busy_label.setVisible(False)
        self.cancel_check = QPushButton("&Cancel")
        self.cancel_check.setToolTip("Stop downloading the link; nothing is sent to the AI Horde")
        self.cancel_check.setVisible(False)
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_EDGE, PREVIEW_EDGE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_text = QLabel(wordWrap=True)
        self.preview_text.setTextFormat(Qt.TextFormat.PlainText)  # it shows the link as given
        self.setLayout(self._layout())

    def _layout(self) -> QVBoxLayout:
        top = _row(self.picker, self.check_links, stretch_first=True)
        link_row = _row(self.url, self.add, self.replace, self.cancel_check, stretch_first=True)
        self.preview_row = _row(self.preview, self.preview_text, stretch_first=False)
        self.preview_row.setVisible(False)
        actions = _row(
            self.make_primary, self.remove, self.view_full, None, self.busy_label, stretch_first=False
        )
        layout = QVBoxLayout()
        for widget in (
            top,
            self.heading,
            self.details,
            self.access_note,
            self.gallery,
            self.report,
            link_row,
            self.preview_row,
            actions,
        ):
            layout.addWidget(widget)
        layout.setStretchFactor(self.gallery, 1)
        return layout

    def _wire(self) -> None:
        p, picker, gallery = self.presenter, self.picker, self.gallery
        picker.style_chosen.connect(p.open_style)
        picker.reference_entered.connect(p.open_reference)
        picker.reload_requested.connect(p.refresh)
        p.style_loaded.connect(self._show_style)
        p.access_changed.connect(self._show_access)
        p.own_styles_changed.connect(self._show_own_styles)
        p.busy.connect(self._show_busy)
        p.checked.connect(self._show_checked)
        p.checking.connect(self.cancel_check.setVisible)
        self.cancel_check.clicked.connect(p.cancel_check)
        p.full_image_ready.connect(self._show_full)
        for signal in (p.refused, p.failed, p.load_failed):
            signal.connect(self._not_accepted)
        p.saved.connect(self._show_saved)
        self.add.clicked.connect(lambda: p.add_example(self.url.text()))
        self.url.returnPressed.connect(self.add.click)
        self.url.textEdited.connect(lambda _text: self.preview_row.setVisible(False))
        self.replace.clicked.connect(lambda: p.replace_example(gallery.current_row(), self.url.text()))
        self.make_primary.clicked.connect(lambda: p.make_primary(gallery.current_row()))
        self.remove.clicked.connect(lambda: self.ask_remove(gallery.current_row()))
        self.view_full.clicked.connect(lambda: p.view_full(gallery.current_row()))
        gallery.primary_requested.connect(p.make_primary)
        gallery.remove_requested.connect(self.ask_remove)
        gallery.view_requested.connect(p.view_full)
        gallery.url_pasted.connect(p.add_example)
        gallery.selectionModel().selectionChanged.connect(self._selection_changed)
        self.check_links.clicked.connect(self.links.check)
        self.links.started.connect(lambda: self._show_link_check(running=True))
        self.links.progress.connect(self.report.show_progress)
        self.links.finished.connect(self.report.show_report)
        self.links.failed.connect(self.report.show_failure)
        for signal in (self.links.finished, self.links.failed):
            signal.connect(lambda *_: self._show_link_check(running=False))
        self.report.style_chosen.connect(p.open_style)

    def message_area(self) -> QWidget:
        """Where the window's messages float: over the bottom of the gallery."""
        return self.gallery

    # -- showing -----------------------------------------------------------------------------------------
    def _show_nothing(self) -> None:
        self.heading.setText("No style open")
        self.details.setText(NOTHING_OPEN)
        self._show_link_check(running=False)
        self._refresh_actions()

    def _show_style(self, style: ImageStyle) -> None:
        self.heading.setText(style.name)
        count = len(style.examples)
        parts = [f"by {style.creator or 'an unknown account'}", f"{count} of {MAX_EXAMPLES} examples"]
        parts.append("public" if style.public else "private")
        if not count:
            parts.append("no examples yet: the first one you add becomes the primary")
        self.details.setText(" · ".join(parts))
        self.picker.show_current(style.id)
        row = self.presenter.model.row_of(self._selected_id) if self._selected_id else -1
        self.gallery.select_row(row if row >= 0 else 0)
        self._refresh_actions()

    def _show_access(self, edit_reason: str, add_reason: str) -> None:
        self._edit_reason, self._add_reason = edit_reason, add_reason
        opened = self.presenter.style is not None
        self.access_note.setText(edit_reason if opened else "")
        self.access_note.setVisible(bool(edit_reason) and opened)
        self.gallery.card_delegate.editable = not edit_reason
        self.gallery.viewport().update()
        self._refresh_actions()

    def _show_own_styles(self, styles: list[tuple[str, str]]) -> None:
        signed_in = self.presenter.user is not None
        self.picker.show_own_styles(styles, signed_in=signed_in)
        if self.presenter.style is not None:
            self.picker.show_current(self.presenter.style.id)
        self._show_link_check(running=self.links.running)

    def _show_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_label.setVisible(busy)
        if busy:
            self.preview_row.setVisible(False)
        self._refresh_actions()

    def _show_checked(self, image: CheckedImage) -> None:
        edge = PREVIEW_EDGE
        pixmap = fitted(QPixmap.fromImage(image.thumbnail), QSize(edge, edge), self.devicePixelRatioF())
        self.preview.setPixmap(pixmap)
        self._checked = image
        self._show_preview_state(image, "sending it to the AI Horde…")
        self.preview_row.setVisible(True)

    def _show_preview_state(self, image: CheckedImage, state: str) -> None:
        self.preview_text.setText(f"Checked: {image.summary}; {state}\n{image.url}")

    def _show_full(self, url: str, image: QImage) -> None:
        if self._viewer is None:
            self._viewer = ImageViewer(self)
        self._viewer.show_image(url, image)

    def _not_accepted(self, message: str) -> None:
        checked, self._checked = self._checked, None
        if checked is not None:
            self._show_preview_state(checked, "not accepted.")

    def ask_remove(self, row: int) -> QMessageBox | None:
        """Removing an example cannot be undone on the server (its URL is gone with it): ask first."""
        if self.presenter.model.item(row) is None or self.presenter.style is None:
            return None
        name = self.presenter.style.name
        self.question = ask_delete(
            self, "Remove example", f"Remove this example from “{name}”? Its link is not kept anywhere else.",
            lambda: self.presenter.remove_example(row), confirm="Remove",
        )
        return self.question

    def _show_saved(self, message: str) -> None:
        checked, self._checked = self._checked, None
        if checked is not None:
            self._show_preview_state(checked, "done.")
            if self.url.text().strip() == checked.url:
                self.url.clear()  # the link in the field is the one just added or swapped in

    def _show_link_check(self, *, running: bool) -> None:
        signed_in = self.presenter.user is not None
        self.check_links.setEnabled(not running and signed_in)
        self.check_links.setText("Checking links…" if running else "Check links")
        self.check_links.setToolTip(
            "Download every example of your image styles and list the broken ones"
            if signed_in
            else "Sign in to check the example links of your styles"
        )
        if running:
            self.report.show_progress(0, 0)

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        item = self.presenter.model.item(self.gallery.current_row())
        if item is not None:
            self._selected_id = item.example.id
        self._refresh_actions()

    def _refresh_actions(self) -> None:
        editable = not self._edit_reason and not self._busy
        selected = self.presenter.model.item(self.gallery.current_row()) is not None
        for key in ("replace", "make_primary", "remove"):
            button: QPushButton = getattr(self, key)
            button.setEnabled(editable and selected)
            button.setToolTip(self._edit_reason or TIPS[key])
        self.add.setEnabled(editable)
        self.add.setToolTip(self._edit_reason or self._add_reason or TIPS["add"])
        self.url.setEnabled(not self._edit_reason)
        self.url.setToolTip(self._edit_reason or TIPS["url"])
        self.view_full.setEnabled(selected)
        self.picker.setEnabled(not self._busy)


def _row(*widgets: QWidget | None, stretch_first: bool) -> QWidget:
    """A horizontal strip of ``widgets``; ``None`` is a stretch."""
    strip = QWidget()
    layout = QHBoxLayout(strip)
    layout.setContentsMargins(0, 0, 0, 0)
    for position, widget in enumerate(widgets):
        if widget is None:
            layout.addStretch(1)
        else:
            layout.addWidget(widget, 1 if stretch_first and position == 0 else 0)
    return strip


def _quiet_label(text: str = "") -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label
