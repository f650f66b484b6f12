"""What changes between two style payloads: a pure, ordered list of field changes.

Used before saving (what a PATCH will change on the server) and for conflicts (what someone else changed
since editing began). Payloads are the JSON bodies of ``ImageStyleWrite``/``TextStyleWrite``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from horde_style_studio.domain.escaping import as_written

if TYPE_CHECKING:
    from horde_style_studio.domain.styles import AnyStyle

# §2.2: the server stores models and tags as sets, so their order and repeats never reach it.
_SET_FIELDS: Final = frozenset({"tags", "models"})
_TOP_ORDER: Final = ("name", "info", "prompt", "public", "nsfw", "tags", "models", "sharedkey", "params")


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Change:
    """One field that differs. ``before``/``after`` are None when the field is absent on that side."""

    path: str
    before: Any
    after: Any

    @property
    def kind(self) -> ChangeKind:
        if self.before is None:
            return ChangeKind.ADDED
        if self.after is None:
            return ChangeKind.REMOVED
        return ChangeKind.CHANGED


def diff_styles(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[Change]:
    """Every change from ``before`` to ``after``, top-level fields in editor order, params by name.

    A null counts as absent (payloads never carry nulls, §1); tags and models compare as sets. The server's
    HTML escaping is no change: both sides are compared as their author wrote them (§2.2, §12).
    """
    old, new = _as_written(before), _as_written(after)
    changes: list[Change] = []
    for key in _ordered_keys(old, new):
        if key in _SET_FIELDS:
            changes += _set_change(key, old.get(key), new.get(key))
        else:
            changes += _value_changes(key, old.get(key), new.get(key))
    return changes


def _as_written(payload: Mapping[str, Any] | None) -> dict[str, Any]:
    plain = dict(payload or {})
    for key in ("name", "info"):
        if isinstance(plain.get(key), str):
            plain[key] = as_written(plain[key])
    for key in _SET_FIELDS:
        if isinstance(plain.get(key), list):
            plain[key] = [as_written(v) if isinstance(v, str) else v for v in plain[key]]
    return plain


def payload_of(style: AnyStyle) -> dict[str, Any]:
    """The full-object PATCH body that would leave ``style`` exactly as the server holds it (§2.5)."""
    from horde_style_studio.domain.styles import ImageStyle, ImageStyleWrite, TextStyleWrite

    if isinstance(style, ImageStyle):
        return ImageStyleWrite.from_style(style).to_patch_payload()
    return TextStyleWrite.from_style(style).to_patch_payload()


def describe(change: Change) -> str:
    """One line for a person, e.g. ``params.width: 512 → 768``."""
    if change.kind is ChangeKind.ADDED:
        return f"{change.path}: set to {shown(change.after)}"
    if change.kind is ChangeKind.REMOVED:
        return f"{change.path}: removed (was {shown(change.before)})"
    return f"{change.path}: {shown(change.before)} → {shown(change.after)}"


def shown(value: Any) -> str:
    """A compact rendering of a JSON value, strings quoted and long text cut."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 80 else value[:77] + "…"
        return f"“{text}”"
    if isinstance(value, list):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {shown(item)}" for key, item in value.items()) + "}"
    return "nothing" if value is None else str(value)


def _ordered_keys(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    known = [key for key in _TOP_ORDER if key in old or key in new]
    rest = sorted((set(old) | set(new)) - set(_TOP_ORDER))
    return known + rest


def _set_change(path: str, old: Any, new: Any) -> list[Change]:
    if isinstance(old, list) and isinstance(new, list) and _as_set(old) == _as_set(new):
        return []
    if not old and not new:
        return []  # an empty list and an absent one both mean "none"
    before = sorted(_as_set(old)) if isinstance(old, list) else old
    after = sorted(_as_set(new)) if isinstance(new, list) else new
    return [Change(path, before or None, after or None)]


def _as_set(values: list[Any]) -> set[str]:
    return {str(value) for value in values if value is not None}


def _value_changes(path: str, old: Any, new: Any) -> list[Change]:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        changes: list[Change] = []
        for key in sorted(set(old) | set(new)):
            changes += _value_changes(f"{path}.{key}", old.get(key), new.get(key))
        return changes
    if isinstance(old, list) and isinstance(new, list) and old != new:
        return _list_changes(path, old, new)
    if isinstance(new, Mapping) and old is None:
        return [] if not new else _value_changes(path, {}, new)  # params {} and absent are the same
    if isinstance(old, Mapping) and new is None:
        return [] if not old else _value_changes(path, old, {})
    if _same(old, new):
        return []
    return [Change(path, old, new)]


def _list_changes(path: str, old: list[Any], new: list[Any]) -> list[Change]:
    if not all(isinstance(item, Mapping) for item in (*old, *new)):
        return [Change(path, old, new)]  # a list of plain values reads best whole
    changes: list[Change] = []
    for index in range(max(len(old), len(new))):
        before = old[index] if index < len(old) else None
        after = new[index] if index < len(new) else None
        if before is None or after is None:
            changes.append(Change(f"{path}.{index}", before, after))
        else:
            changes += _value_changes(f"{path}.{index}", before, after)
    return changes


def _same(old: Any, new: Any) -> bool:
    # JSON does not tell 7 from 7.0, and neither does the server; True is not 1 though.
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    return bool(old == new)


__all__ = ["Change", "ChangeKind", "describe", "diff_styles", "payload_of", "shown"]
