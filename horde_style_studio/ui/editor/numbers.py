"""Number fields for params: a spin box whose lowest position means "not set, the server's default".

The box accepts more than the server does (say width 100 or steps 900), so the check can say what is wrong
in words instead of the box silently refusing a keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QSpinBox

from horde_style_studio.ui.editor.fields import DEFAULT, FieldEditor


@dataclass(frozen=True, slots=True)
class NumberSpec:
    """``low``..``high`` is what the box takes; one ``step`` below ``low`` is the "default" position.
    Stepping up from there lands on ``typical``. With ``snap`` the arrows land on multiples of ``step``
    (a typed 1000 steps to 1024, not 1064)."""

    low: float
    high: float
    step: float = 1
    decimals: int = 0
    typical: float | None = None
    snap: bool = False

    @property
    def whole(self) -> bool:
        return self.decimals == 0

    @property
    def unset(self) -> float:
        return round(self.low - self.step, self.decimals)


class _Typical:
    """Stepping up from "default" jumps to a sensible value instead of the lowest one."""

    spec: NumberSpec

    def _step_from_unset(self, box: QAbstractSpinBox, steps: int) -> bool:
        value = box.value()  # type: ignore[attr-defined]  # both spin boxes have value()
        if value == self.spec.unset and steps > 0 and self.spec.typical is not None:
            box.setValue(self.spec.typical)  # type: ignore[attr-defined]  # both spin boxes have it
            return True
        return False


class _IntBox(QSpinBox, _Typical):
    def __init__(self, spec: NumberSpec) -> None:
        super().__init__()
        self.spec = spec
        self.setRange(int(spec.unset), int(spec.high))
        self.setSingleStep(int(spec.step))

    def stepBy(self, steps: int) -> None:
        if self._step_from_unset(self, steps):
            return
        step, value = int(self.spec.step), self.value()
        if self.spec.snap and step > 1 and value % step:
            # Off the grid (typed by hand): the first step goes to the nearest multiple in that direction.
            below = value - value % step
            self.setValue(below + steps * step if steps > 0 else below + (steps + 1) * step)
            return
        super().stepBy(steps)


class _FloatBox(QDoubleSpinBox, _Typical):
    def __init__(self, spec: NumberSpec) -> None:
        super().__init__()
        self.spec = spec
        self.setDecimals(spec.decimals)
        self.setRange(spec.unset, spec.high)
        self.setSingleStep(spec.step)

    def stepBy(self, steps: int) -> None:
        if not self._step_from_unset(self, steps):
            super().stepBy(steps)


NumberBox = _IntBox | _FloatBox


def number_box(spec: NumberSpec) -> NumberBox:
    """A spin box for ``spec`` whose lowest position reads "Default" (not set)."""
    box: NumberBox = _IntBox(spec) if spec.whole else _FloatBox(spec)
    box.setSpecialValueText(DEFAULT)
    box.setKeyboardTracking(True)
    box.setAccelerated(True)
    put_box(box, None)
    return box


def read_box(box: NumberBox) -> int | float | None:
    """The box's number, None at "default"."""
    value = box.value()
    if value == box.minimum():
        return None
    return int(value) if box.spec.whole else round(float(value), box.spec.decimals)


def put_box(box: NumberBox, value: Any) -> None:
    """Show ``value``; anything but a number shows "default" (the check says what is wrong with it).

    A value the box cannot hold (a fraction in a whole-number box, one out of its range) is shown as near as
    it gets; the document keeps the real one.
    """
    if not _is_number(value):
        value = box.minimum()
    # Clamped here, not by Qt: a 30-digit integer overflows the C int before the box could (issue 14).
    near = min(max(value, box.minimum()), box.maximum())
    if isinstance(box, _IntBox):
        box.setValue(int(near))
    else:
        box.setValue(float(near))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class NumberField(FieldEditor):
    """An optional number at ``path``: None while the box shows "Default"."""

    def __init__(self, path: str, label: str, spec: NumberSpec, *, tip: str = "") -> None:
        super().__init__(path, label, tip)
        self.spec = spec
        self.input = number_box(spec)
        self.input.valueChanged.connect(lambda _v: self._emit(read_box(self.input)))
        self._set_input(self.input)

    def _show(self, value: Any) -> None:
        put_box(self.input, value)

    def set_by_user(self, value: int | float) -> None:
        """Change the value as if typed (aspect presets), so the document hears of it."""
        put_box(self.input, value)
