"""The image style form: the style's fields, every image param of §4.1, and the LoRA and TI lists."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QComboBox, QGroupBox, QVBoxLayout, QWidget

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.params import KNOWN_POST_PROCESSORS, KNOWN_SAMPLERS, KNOWN_WORKFLOWS
from horde_style_studio.ui.editor.chips import ChipsField
from horde_style_studio.ui.editor.fields import ChoiceField, JsonObjectField, LineField, TriStateField
from horde_style_studio.ui.editor.form_base import StyleForm
from horde_style_studio.ui.editor.lists import LoraListField, TIListField
from horde_style_studio.ui.editor.numbers import NumberField, NumberSpec

# Common sizes, all multiples of 64 as the server requires (§4.1).
ASPECTS: Final = (
    ("1:1", 1024, 1024), ("2:3", 832, 1216), ("3:2", 1216, 832), ("3:4", 896, 1152),
    ("4:3", 1152, 896), ("9:16", 768, 1344), ("16:9", 1344, 768),
    ("SD 1:1", 512, 512), ("SD 2:3", 512, 768), ("SD 3:2", 768, 512),
)  # fmt: skip
SIDE = NumberSpec(64, 8192, 64, typical=1024, snap=True)
STRENGTH_01 = NumberSpec(0.01, 2, 0.05, 2, typical=0.65)
SHARED_KEY_TIP = (
    "A shared key pays for requests using this style. The server only accepts it when the style is "
    "created, never on an edit."
)


class AspectPresets(QComboBox):
    """Sets width and height together from a list of common sizes; shows "Custom" otherwise."""

    def __init__(self, width: NumberField, height: NumberField) -> None:
        super().__init__()
        self._width, self._height = width, height
        self.setAccessibleName("Aspect preset")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.addItem("Custom", None)
        for label, w, h in ASPECTS:
            self.addItem(f"{label}  ({w} x {h})", f"{w}x{h}")
        self.activated.connect(self._apply)
        for field in (width, height):
            field.input.valueChanged.connect(self._match)

    def _apply(self, index: int) -> None:
        size = self.itemData(index)
        if isinstance(size, str):
            width, height = (int(side) for side in size.split("x"))
            self._width.set_by_user(width)
            self._height.set_by_user(height)

    def _match(self) -> None:
        size = f"{int(self._width.input.value())}x{int(self._height.input.value())}"
        self.setCurrentIndex(max(0, self.findData(size)))


class ImageForm(StyleForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(StyleKind.IMAGE, parent)
        style, form = self.style_group()
        hint = "Optional 36-character key id"
        self.sharedkey = LineField("sharedkey", "Shared key", placeholder=hint, empty_is_none=True,
                                   tip=SHARED_KEY_TIP)  # fmt: skip
        self.add_field(form, self.sharedkey)
        right: list[QWidget] = [self._params_group()]
        for field in (LoraListField(), TIListField()):
            group = QGroupBox(field.label_text)
            box = QVBoxLayout(group)
            box.addWidget(field)
            self._register(field)
            right.append(group)
        self.place([style], right)

    def _params_group(self) -> QGroupBox:
        # Post-processing's chips grow with each processor chosen: the whole width, not a narrow column.
        group, first, second, wide, _box = self.params_group()
        add = self.add_field
        add(first, ChoiceField("params.sampler_name", "Sampler", KNOWN_SAMPLERS))
        add(first, NumberField("params.steps", "Steps", NumberSpec(1, 1000, 1, typical=30)))
        add(first, NumberField("params.cfg_scale", "CFG scale", NumberSpec(0, 200, 0.5, 2, typical=7.0),
                               tip="0 to 100, at most 2 decimals"))  # fmt: skip
        width = NumberField("params.width", "Width", SIDE, tip="64 to 3072, a multiple of 64")
        height = NumberField("params.height", "Height", SIDE, tip="64 to 3072, a multiple of 64")
        add(first, width)
        add(first, height)
        self.aspect = AspectPresets(width, height)
        first.addRow("Aspect preset", self.aspect)
        add(first, NumberField("params.clip_skip", "CLIP skip", NumberSpec(1, 24, 1, typical=1)))
        add(first, ChoiceField("params.workflow", "Workflow", KNOWN_WORKFLOWS, unset="None"))
        add(first, JsonObjectField("params.special", "Special", placeholder="{…} special role only"))
        add(second, TriStateField("params.karras", "Karras"))
        add(second, TriStateField("params.hires_fix", "Hires fix"))
        add(second, NumberField("params.hires_fix_denoising_strength", "Hires denoise", STRENGTH_01))
        add(second, NumberField("params.denoising_strength", "Denoising", STRENGTH_01))
        add(second, TriStateField("params.tiling", "Tiling"))
        add(second, TriStateField("params.transparent", "Transparent"))
        add(second, NumberField("params.facefixer_strength", "Face fixer",
                                NumberSpec(0, 2, 0.05, 2, typical=0.75)))  # fmt: skip
        tip = "Face fixers, upscalers (one at most) and strip_background"
        add(wide, ChipsField("params.post_processing", "Post-processing", limit=len(KNOWN_POST_PROCESSORS),
                               placeholder="Add…", tip=tip, known=KNOWN_POST_PROCESSORS,
                               empty_is_none=True))  # fmt: skip
        return group

    def set_creating(self, creating: bool) -> None:
        self.sharedkey.setEnabled(creating)
        # §2.5: 5.1.5 refuses every PATCH that carries a shared key.
        tip = SHARED_KEY_TIP if creating else "A shared key can only be attached when a style is created."
        self.sharedkey.setToolTip(tip)
