"""``EditorPage``: the two forms, the JSON view, the preview, the review before saving, drafts and history.

It shows what the presenter says and forwards what the user does; questions (discard? delete? recreate?)
are asked here, before the presenter starts any round trip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.domain.escaping import ESCAPED_FIELDS
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.problems import Problem
from horde_style_studio.ui.editor.drafts_view import DraftsPanel
from horde_style_studio.ui.editor.form_base import StyleForm
from horde_style_studio.ui.editor.history_view import HistoryPanel
from horde_style_studio.ui.editor.image_form import ImageForm
from horde_style_studio.ui.editor.json_view import JsonView
from horde_style_studio.ui.editor.my_styles import MyStylesBox
from horde_style_studio.ui.editor.presenter import EditorPresenter
from horde_style_studio.ui.editor.preview import PreviewPanel
from horde_style_studio.ui.editor.questions import EditorQuestions
from horde_style_studio.ui.editor.review_view import ReviewPanel
from horde_style_studio.ui.editor.text_form import TextForm
from horde_style_studio.ui.widgets.focus_order import take_place_after
from horde_style_studio.ui.widgets.one_line import MessageSlot, OneLineLabel
from horde_style_studio.workflows.editing import messages
from horde_style_studio.workflows.editing.document import owns
from horde_style_studio.workflows.editing.state import EditorState
from horde_style_studio.workflows.editing.style_edits import Review

LOCAL_STYLE = """
QLabel#FieldError { padding: 1px 6px; border-left: 3px solid rgba(225, 45, 45, 200);
                    background: rgba(225, 45, 45, 32); }
QLabel#FieldNote { padding: 1px 6px; border-left: 3px solid rgba(230, 160, 0, 200);
                   background: rgba(230, 160, 0, 40); }
QLabel#ReadOnly { padding: 5px 8px; border: 1px solid rgba(230, 160, 0, 170); border-radius: 4px;
                  background: rgba(230, 160, 0, 46); }
QFrame#Chip { border: 1px solid palette(mid); border-radius: 9px; }
QFrame#Chip:focus { border: 2px solid palette(highlight); }
QToolButton#ChipRemove { border: none; padding: 0 4px; }
"""


FORMS: dict[StyleKind, Callable[[QWidget], StyleForm]] = {
    StyleKind.IMAGE: ImageForm,
    StyleKind.TEXT: TextForm,
}


class LazyForms(Mapping[StyleKind, StyleForm]):
    """The page's form of each kind, built by ``build`` the first time it is asked for."""

    def __init__(self, build: Callable[[StyleKind], StyleForm]) -> None:
        self._build = build
        self._built: dict[StyleKind, StyleForm] = {}

    def __getitem__(self, kind: StyleKind) -> StyleForm:
        form = self._built.get(kind)
        if form is None:
            form = self._built[kind] = self._build(kind)
        return form

    def __iter__(self) -> Iterator[StyleKind]:
        return iter(StyleKind)

    def __len__(self) -> int:
        return len(StyleKind)

    def is_built(self, kind: StyleKind) -> bool:
        return kind in self._built

    def built(self) -> list[StyleForm]:
        return list(self._built.values())


class EditorPage(QWidget):
    def __init__(self, presenter: EditorPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setStyleSheet(LOCAL_STYLE)
        # Each form is built the first time it is wanted: the text form in a turn of the event loop of its
        # own after the page (:meth:`build_rest`), or at once for a text style opened before that (issue 18:
        # no turn of a hundred milliseconds and more after the first paint).
        self.forms = LazyForms(self._built_form)
        self._room_below = 0
        self._served: dict[StyleKind, list[str] | None] = {}
        self._server_problems: list[Problem] = []
        # A fresh, empty form stays free of red until the user touches a field; None: show every problem.
        self._touched: set[str] | None = None
        self.questions = EditorQuestions(self, presenter)
        self.confirm_discard = self.questions.confirm_discard
        self.ask_delete = self.questions.ask_delete
        self.ask_export = self.questions.ask_export
        self._later = False  # a form built from now on comes after the side panels in the Tab order
        self._build()
        self._wire()
        self._later = True

    # -- building --------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_button = QPushButton("New style")
        self.new_button.setToolTip("Start a new image or text style (Ctrl+N for an image style)")
        menu = QMenu(self.new_button)
        self.new_image = menu.addAction("Image style")
        self.new_text = menu.addAction("Text style")
        self.new_button.setMenu(menu)
        self.my_styles = MyStylesBox(self.presenter)
        self.save_button = QPushButton("Review and save…")
        self.delete_button = QPushButton("Delete…")
        top = QHBoxLayout()
        for widget in (self.new_button, self.my_styles, self.title):
            top.addWidget(widget)
        top.setStretchFactor(self.title, 1)
        top.addWidget(self.save_button)
        top.addWidget(self.delete_button)
        # Why the account cannot save, else why this document cannot be saved yet: one reserved line, so
        # the form below never moves as the reason comes and goes (issue 16).
        self.read_only = OneLineLabel("ReadOnly")
        self.reason = OneLineLabel("FieldNote")
        self.state_line = MessageSlot(self.read_only, self.reason)
        self.stack = QStackedWidget()
        self.forms[StyleKind.IMAGE]  # built here, the form a new style opens in
        self.json = JsonView()
        self.preview = PreviewPanel()
        self.review = ReviewPanel()
        self.drafts = DraftsPanel()
        self.history = HistoryPanel()
        self.side = QTabWidget(documentMode=True)
        self.side.setAccessibleName("Style views")
        self.side.tabBar().setUsesScrollButtons(True)
        self.side.tabBar().setExpanding(False)
        tabs: list[tuple[QWidget, str]] = [(self.json, "JSON"), (self.preview, "Preview"),
                                           (self.review, "Changes"), (self.drafts, "Drafts"),
                                           (self.history, "History")]  # fmt: skip
        for panel, title in tabs:
            self.side.addTab(panel, title)
        # Wide enough for every tab's title: a scrolled-away "History" tab is one nobody finds.
        self.side.setMinimumWidth(self.side.tabBar().sizeHint().width() + 4)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.stack)
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 360])  # at 1280 px every field of the image form fits beside the panel
        self.split = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.state_line)
        layout.addWidget(split, 1)

    def _wire(self) -> None:
        p = self.presenter
        self.json.edited.connect(p.set_json)
        self.new_image.triggered.connect(lambda: self.confirm_discard(lambda: p.new_style(StyleKind.IMAGE)))
        self.new_text.triggered.connect(lambda: self.confirm_discard(lambda: p.new_style(StyleKind.TEXT)))
        self.my_styles.chosen.connect(
            lambda style_id: self.confirm_discard(lambda: p.open_style_id(style_id))
        )
        self.save_button.clicked.connect(self._review)
        self.delete_button.clicked.connect(self.ask_delete)
        self.review.confirmed.connect(p.save)
        # What the review showed is on the server now: the pane says so instead of the old differences.
        p.saved.connect(self.review.show_saved)
        self.review.again.connect(p.review)
        self.review.keep_theirs.connect(p.keep_server_value)
        self.drafts.open_draft.connect(lambda draft_id: self.confirm_discard(lambda: p.open_draft(draft_id)))
        self.drafts.discard_draft.connect(self.questions.ask_discard_draft)
        self.drafts.export.connect(self.ask_export)
        self.history.restore.connect(lambda seq: self.confirm_discard(lambda: p.restore(seq)))
        self.history.scope.connect(p.set_history_scope)
        p.opened.connect(self._opened)
        p.identity.connect(self._show_identity)
        p.changed.connect(self._changed)
        p.checked.connect(self._checked)
        p.json_error.connect(self.json.show_error)
        p.save_state.connect(self._save_state)
        p.delete_state.connect(self._delete_state)
        p.read_only.connect(self._read_only)
        p.reviewed.connect(self._reviewed)
        p.server_problems.connect(self._show_server_problems)
        p.patch_unsupported.connect(self.questions.ask_recreate)
        p.models.known.connect(self._served_models)
        p.drafts_changed.connect(self.drafts.show_drafts)
        p.history_changed.connect(self.history.show_snapshots)

    def _built_form(self, kind: StyleKind) -> StyleForm:
        form = FORMS[kind](self.stack)  # built inside the styled page: moved in, it would be styled twice
        if kind is StyleKind.IMAGE:
            self.stack.insertWidget(0, form)
        else:
            self.stack.addWidget(form)
        if self._later:
            take_place_after(self.stack, form)  # Tab order as when both forms were built with the page
        form.edited.connect(self._edited)
        if self._room_below:
            form.make_room_below(self._room_below)
        if kind in self._served:
            form.set_served_models(self._served[kind])
        return form

    def build_rest(self) -> None:
        """Build what was left to be built when first wanted (the text form)."""
        for kind in StyleKind:
            self.forms[kind]  # built now, if not yet

    # -- showing ---------------------------------------------------------------------------------------------
    def _served_models(self, kind: StyleKind, names: list[str] | None) -> None:
        self._served[kind] = names
        if self.forms.is_built(kind):
            self.forms[kind].set_served_models(names)

    def message_area(self) -> QWidget:
        """Where the window's messages float: over the bottom of the form."""
        return self.stack

    def make_room_below(self, pixels: int) -> None:
        """The window's messages cover ``pixels`` of the form's bottom: every form can scroll its last field
        clear of them."""
        self._room_below = max(self._room_below, pixels)
        for form in self.forms.built():
            form.make_room_below(pixels)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Asked only once the tab is seen, so starting the app sends no request for it.
        self.presenter.want_models()

    def form(self) -> StyleForm:
        return self.forms[self.presenter.state.kind]

    def _opened(self, state: EditorState) -> None:
        self._server_problems = []
        fresh = state.creating and state.raw is None and state.doc == state.pristine
        self._touched = set() if fresh else None
        form = self.forms[state.kind]
        self.stack.setCurrentWidget(form)
        form.set_document(state.doc)
        form.set_creating(state.creating)
        self.json.show_text(state.raw) if state.raw is not None else self.json.show_document(state.doc)
        self.preview.show_document(state.kind, state.doc)
        self.review.clear()
        self._show_identity(state)

    def _show_identity(self, state: EditorState) -> None:
        where = "new, not on the server yet" if state.creating else f"on the server, id {state.style_id}"
        self.title.setText(f"<b>{state.kind.value.capitalize()} style</b> · {where}")
        self.forms[state.kind].set_creating(state.creating)

    def _edited(self, path: str, value: Any) -> None:
        if self._touched is not None:
            self._touched.add(path)
        self._server_problems = [p for p in self._server_problems if not owns(path, p)]
        self.presenter.set_field(path, value)

    def _changed(self, doc: dict[str, Any], source: str) -> None:
        state = self.presenter.state
        if source == "json":
            self._touched = None  # the whole document was written by hand: every problem counts
        if source != "form":
            self.form().set_document(doc)
        if source != "json":
            self.json.show_document(doc)
        self.preview.show_document(state.kind, doc)
        self.review.mark_stale()

    def _checked(self, problems: list[Problem]) -> None:
        form = self.form()
        touched = self._touched
        if touched is not None:  # Save's reason still names them all; the fields wait until touched
            problems = [p for p in problems if any(owns(path, p) for path in touched)]
        form.show_problems([*problems, *self._server_problems])
        notes = self.presenter.state.notes
        for path in ESCAPED_FIELDS:
            form.field(path).show_note(notes.get(path))

    def _show_server_problems(self, problems: list[Problem]) -> None:
        self._server_problems = list(problems)
        self._checked(self.presenter.state.problems)

    def _save_state(self, reason: str | None) -> None:
        self.save_button.setEnabled(reason is None)
        self.save_button.setToolTip(reason or "See exactly what will change on the server, then save")
        shown = (
            reason if reason is not None and reason not in (messages.SIGNED_OUT, messages.NO_ROLE) else None
        )
        self.reason.setText(f"Save is not possible yet. {shown}" if shown else "")
        self.state_line.show_messages()
        if self.review.review is not None:
            self.review.confirm.setEnabled(reason is None and bool(self.review.review.changes))

    def _delete_state(self, reason: str | None) -> None:
        self.delete_button.setEnabled(reason is None)
        self.delete_button.setToolTip(reason or "Delete this style from the server, after asking")

    def _read_only(self, reason: str | None) -> None:
        self.read_only.setText(reason or "")
        self.state_line.show_messages()

    def _reviewed(self, review: Review) -> None:
        self.review.show_review(review)
        self.side.setCurrentWidget(self.review)

    def _review(self) -> None:
        self.side.setCurrentWidget(self.review)
        self.presenter.review()
