"""The text style form: the style's fields and every text param of §4.2, ``max_length`` and
``max_context_length`` included (5.1.5 stores and applies them but never shows them back, B11)."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QGroupBox, QLabel, QWidget

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.ui.editor.fields import IntListField, LinesField, TriStateField
from horde_style_studio.ui.editor.form_base import StyleForm
from horde_style_studio.ui.editor.numbers import NumberField, NumberSpec

FLAGS: Final = (
    ("frmtadsnsp", "Add leading space"), ("frmtrmblln", "Remove blank lines"),
    ("frmtrmspch", "Remove special chars"), ("frmttriminc", "Trim incomplete"),
    ("singleline", "Single line"), ("use_default_badwordsids", "Default bad words"),
)  # fmt: skip
SAMPLING: Final = (
    ("temperature", "Temperature", NumberSpec(0, 10, 0.05, 2, typical=0.7)),
    ("top_p", "Top-p", NumberSpec(0.001, 2, 0.05, 3, typical=0.9)),
    ("top_k", "Top-k", NumberSpec(0, 400, 1, typical=0)),
    ("top_a", "Top-a", NumberSpec(0, 2, 0.05, 2, typical=0.0)),
    ("min_p", "Min-p", NumberSpec(0, 2, 0.01, 2, typical=0.0)),
    ("typical", "Typical", NumberSpec(0, 2, 0.05, 2, typical=1.0)),
    ("tfs", "Tail free", NumberSpec(0, 2, 0.05, 2, typical=1.0)),
    ("smoothing_factor", "Smoothing", NumberSpec(0, 20, 0.05, 2, typical=0.0)),
    ("dynatemp_range", "Dyn. temp range", NumberSpec(0, 10, 0.05, 2, typical=0.0)),
    ("dynatemp_exponent", "Dyn. temp exponent", NumberSpec(0, 10, 0.05, 2, typical=1.0)),
)
LENGTHS: Final = (
    ("max_length", "Max length", NumberSpec(16, 9999, 16, typical=512)),
    ("max_context_length", "Max context", NumberSpec(80, 2_097_152, 256, typical=4096)),
    ("rep_pen", "Repetition penalty", NumberSpec(1, 6, 0.05, 2, typical=1.1)),
    ("rep_pen_range", "Rep. pen. range", NumberSpec(0, 9999, 64, typical=320)),
    ("rep_pen_slope", "Rep. pen. slope", NumberSpec(0, 20, 0.1, 2, typical=0.7)),
)
HIDDEN_NOTE = (
    "The server keeps max length and max context but never shows them back, so the library and a "
    "re-fetched copy cannot show them."
)


class TextForm(StyleForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(StyleKind.TEXT, parent)
        style, _form = self.style_group()
        self.place([style], [self._params_group()])

    def _params_group(self) -> QGroupBox:
        # Free-text fields whose hints and values are longer than a number: the whole width, not a column.
        group, first, second, wide, box = self.params_group()
        for key, label, spec in LENGTHS:
            self.add_field(first, NumberField(f"params.{key}", label, spec))
        for key, label in FLAGS:
            self.add_field(first, TriStateField(f"params.{key}", label))
        for key, label, spec in SAMPLING:
            self.add_field(second, NumberField(f"params.{key}", label, spec))
        order = IntListField("params.sampler_order", "Sampler order", "all 7, e.g. 6, 0, 1, 3, 4, 2, 5")
        self.add_field(wide, order)
        stops = LinesField(
            "params.stop_sequence", "Stop sequences", lines=2, placeholder="one per line; \\n for a break"
        )
        self.add_field(wide, stops)
        note = QLabel(HIDDEN_NOTE, wordWrap=True)
        note.setObjectName("FieldNote")
        box.addWidget(note)
        return group
