"""Before saving: exactly what will change on the server, against a copy fetched just now, and what someone
else changed there meanwhile (then both are shown; per field the user keeps the server's value or theirs is
overwritten, but only when asked to)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from horde_style_studio.domain.diff import Change, ChangeKind, shown
from horde_style_studio.ui.widgets.inline import inline_label
from horde_style_studio.workflows.editing.style_edits import Review

IDLE = "Press “Review and save…” to see exactly what will change on the server before anything is sent."
STALE = "The style changed after this review; review again before saving."
HIDDEN_TEXT_PARAMS = (
    "The server never shows a text style's max length and max context back, so they always appear as new."
)


def diff_table(changes: Sequence[Change], before: str, after: str) -> str:
    """The changes as an HTML table of field, old value, new value."""
    if not changes:
        return "<p>No differences.</p>"
    rows = "".join(
        f"<tr><td><b>{escape(change.path)}</b></td><td>{_cell(change.before, change.kind, old=True)}</td>"
        f"<td>{_cell(change.after, change.kind, old=False)}</td></tr>"
        for change in changes
    )
    head = f"<tr><th align='left'>Field</th><th align='left'>{before}</th><th align='left'>{after}</th></tr>"
    return f"<table cellspacing='0' cellpadding='3' width='100%'>{head}{rows}</table>"


def _cell(value: object, kind: ChangeKind, *, old: bool) -> str:
    missing = (old and kind is ChangeKind.ADDED) or (not old and kind is ChangeKind.REMOVED)
    return "<i>(not set)</i>" if missing else escape(shown(value))


class ReviewPanel(QWidget):
    """Signals: ``confirmed()`` send it; ``again()`` fetch and compare again; ``keep_theirs(str, object)``
    take the server's current value of one field (its path and value; None: the server has none)."""

    confirmed = Signal()
    again = Signal()
    keep_theirs = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(IDLE, wordWrap=True)
        self.conflict = inline_label("FieldError")
        self.changes = QTextBrowser()
        self.changes.setAccessibleName("What saving changes")
        self.theirs_label = QLabel("Changed on the server since you started editing:")
        self.theirs = QTextBrowser()
        self.theirs.setAccessibleName("What changed on the server meanwhile")
        self.keep = QWidget()
        self.keep_buttons: list[QPushButton] = []
        keep_layout = self._keep_layout = QHBoxLayout(self.keep)
        keep_layout.setContentsMargins(0, 0, 0, 0)
        keep_layout.addWidget(QLabel("Keep the server's value of:"))
        keep_layout.addStretch(1)
        self.keep.setVisible(False)
        self.note = inline_label("FieldNote")
        self.note.setText(HIDDEN_TEXT_PARAMS)
        self.confirm = QPushButton("Save to the server")
        self.confirm.setEnabled(False)
        self.theirs_label.setVisible(False)
        self.theirs.setVisible(False)
        self.recheck = QPushButton("Compare again")
        self.recheck.setToolTip("Fetch the server's copy again and compare it with yours")
        self.confirm.setToolTip("Send the changes listed above to the server")
        self.confirm.clicked.connect(self.confirmed)
        self.recheck.clicked.connect(self.again)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recheck)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self.summary, self.conflict, self.changes, self.theirs_label, self.theirs, self.keep,
                       self.note):  # fmt: skip
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.review: Review | None = None

    def show_review(self, review: Review) -> None:
        self.review = review
        self.summary.setText(_summary(review))
        self.changes.setHtml(diff_table(review.changes, "On the server now", "After saving"))
        self.conflict.setVisible(review.conflict)
        self.conflict.setText(
            "Someone changed this style on the server after you started editing (or your library copy was "
            "older). Keep the server's value of a field below, or save to replace their version with yours."
        )
        self.theirs_label.setVisible(review.conflict)
        self.theirs.setVisible(review.conflict)
        self.theirs.setHtml(diff_table(review.theirs, "When you started", "On the server now"))
        contested = [c for c in review.theirs if c.path in {mine.path for mine in review.changes}]
        self._offer_theirs(contested)
        self.note.setVisible(any(c.path in ("params.max_length", "params.max_context_length")
                                 for c in review.changes) and not review.creating)  # fmt: skip
        self.confirm.setText(_confirm_text(review, bool(contested)))
        self.confirm.setEnabled(bool(review.changes))

    def _offer_theirs(self, contested: list[Change]) -> None:
        """One button per field where saving would overwrite what someone else changed."""
        layout = self._keep_layout
        for button in self.keep_buttons:
            layout.removeWidget(button)
            button.deleteLater()
        self.keep_buttons = []
        for change in contested:
            button = QPushButton(change.path)
            button.setToolTip(f"Use the server's {change.path} instead of yours: {shown(change.after)}")
            button.setAccessibleName(f"Keep the server's {change.path}")
            button.clicked.connect(lambda _=False, c=change: self.keep_theirs.emit(c.path, c.after))
            layout.insertWidget(layout.count() - 1, button)
            self.keep_buttons.append(button)
        self.keep.setVisible(bool(contested))

    def mark_stale(self) -> None:
        if self.review is not None:
            self.review = None
            self.summary.setText(STALE)
            self.confirm.setEnabled(False)

    def show_saved(self, outcome: str) -> None:
        """After a save: no differences are left to show."""
        self.clear()
        self.summary.setText(f"{outcome} It matches the server's version now; {IDLE[0].lower()}{IDLE[1:]}")

    def clear(self) -> None:
        self.review = None
        self.summary.setText(IDLE)
        self.changes.clear()
        for widget in (self.conflict, self.theirs_label, self.theirs, self.keep, self.note):
            widget.setVisible(False)
        self.confirm.setText("Save to the server")
        self.confirm.setEnabled(False)


def _summary(review: Review) -> str:
    count = len(review.changes)
    fields = f"{count} field{'s' if count != 1 else ''}"
    if review.creating:
        return f"A new style: saving creates it with these {fields}."
    if review.gone:
        return f"The server no longer has this style (deleted meanwhile?); saving creates it ({fields})."
    if not count:
        return "Nothing differs from the server's copy fetched just now."
    return f"Saving changes {fields} on the server (compared with its copy fetched just now):"


def _confirm_text(review: Review, contested: bool) -> str:
    if review.creating or review.gone:
        return "Create on the server"
    return "Save, replacing theirs" if contested else "Save to the server"
