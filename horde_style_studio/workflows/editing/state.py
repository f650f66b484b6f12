"""What the editor has open: the document, where it came from, and what counts as "no changes"."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from horde_style_studio.domain.diff import diff_styles
from horde_style_studio.domain.escaping import escape_notes
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.problems import Problem
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.domain.validation import validate_style
from horde_style_studio.library.drafts import Draft
from horde_style_studio.workflows.editing.document import Document, blank_document, document_of


@dataclass
class EditorState:
    """One open style. ``style_id`` None: not on the server yet (new, forked, restored after a delete).

    ``base`` is the server's version when editing began, for spotting changes made meanwhile; ``pristine``
    is what the document must equal to have nothing unsaved; ``raw`` is JSON view text that does not parse.
    """

    kind: StyleKind
    doc: Document
    pristine: Document
    style_id: str | None = None
    base: Document | None = None
    served: AnyStyle | None = None
    draft_id: str | None = None
    origin: str = ""
    raw: str | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # per field: how the server will store it

    @classmethod
    def new(cls, kind: StyleKind, doc: Document | None = None, origin: str = "") -> EditorState:
        blank = blank_document(kind)
        return cls(kind, copy.deepcopy(doc) if doc is not None else blank, blank, origin=origin).checked()

    @classmethod
    def editing(cls, style: AnyStyle, doc: Document | None = None, origin: str = "") -> EditorState:
        base = document_of(style)
        working = copy.deepcopy(doc) if doc is not None else copy.deepcopy(base)
        return cls(style.kind, working, base, style.id, base, style, origin=origin).checked()

    @classmethod
    def from_draft(cls, draft: Draft, served: AnyStyle | None) -> EditorState:
        pristine = draft.base if draft.style_id and draft.base is not None else blank_document(draft.kind)
        state = cls(draft.kind, copy.deepcopy(draft.payload), copy.deepcopy(pristine), draft.style_id,
                    draft.base, served, draft.id, draft.origin, draft.raw)  # fmt: skip
        return state.checked()

    @property
    def creating(self) -> bool:
        return self.style_id is None

    @property
    def name(self) -> str:
        name = self.doc.get("name")
        return name.strip() if isinstance(name, str) and name.strip() else "Untitled style"

    @property
    def dirty(self) -> bool:
        """Unsaved: the JSON view holds unparsed text, or the document differs from ``pristine`` in any
        way the server would notice (tag order, say, does not count)."""
        return self.raw is not None or bool(diff_styles(self.pristine, self.doc))

    def checked(self) -> EditorState:
        """Re-run the offline checks (as the server would for a create, or for the full-object PATCH)."""
        self.problems = validate_style(self.kind, self.doc, creating=self.creating)
        self.notes = escape_notes(self.doc)  # §2.2, §12: said before saving, not discovered afterwards
        return self

    def saved_as(self, style_id: str, sent: Document, served: AnyStyle | None) -> None:
        """The server now holds ``sent`` under ``style_id``."""
        self.style_id = style_id
        self.base = copy.deepcopy(sent)
        self.pristine = copy.deepcopy(sent)
        self.served = served or self.served
        self.origin = ""
        self.checked()
