"""Turning other tools' prompt templates into Horde templates (`{p}`, `{np}`, `###`; REFERENCE §5).

The Horde fills one template with the user's prompt and negative prompt split at the first `###`; other
tools keep a positive and a negative template and fill each with its own half. A converted template joins
the two halves with `###`, so the Horde's merged prompt, split at its first `###`, is the pair the other
tool would have sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from horde_style_studio.domain.params import MAX_LORAS
from horde_style_studio.domain.prompt import NEGATIVE_SEPARATOR

PROMPT_SLOT: Final = "{prompt}"
# A1111's extra-network syntax; A1111 removes these tags from the prompt before encoding it.
EXTRA_NETWORK: Final = re.compile(r"<(lora|lyco|hypernet):([^:>]+)(?::([^:>]*))?(?::[^>]*)?>", re.IGNORECASE)
_HORDE_SLOTS: Final = re.compile(r"\{(?:p|np)\}")
_STRENGTH_RANGE: Final = (-5.0, 5.0)

LoraResolver = Callable[[str], str | None]
"""A LoRA file name (as A1111 knows it) to the name the Horde resolves, or None when unknown."""


def no_loras(_name: str) -> str | None:
    return None


def lora_map_resolver(mapping: dict[str, str]) -> LoraResolver:
    """Resolve names through ``mapping``, ignoring case (A1111 names are file names)."""
    folded = {key.casefold(): value for key, value in mapping.items()}
    return lambda name: folded.get(name.strip().casefold())


@dataclass(slots=True)
class Conversion:
    """A converted template, the LoRAs it carries and what the review should say about it."""

    template: str
    loras: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def a1111_template(prompt: str, negative: str) -> Conversion:
    """A1111 merges a style by replacing `{prompt}`, or, without one, by appending the style after the
    user's text with ", " (leaving out whichever side is empty). The Horde cannot leave out an empty user
    prompt, so only then the merged text keeps a stray ", "."""
    notes: list[str] = []
    positive = _a1111_side(prompt, "{p}")
    if not negative.strip():
        # No `###` of its own: the Horde puts "###" in front of a non-empty user negative (§5).
        return Conversion(positive + "{np}", notes=_literal_notes(prompt, negative, notes))
    return Conversion(
        positive + NEGATIVE_SEPARATOR + _a1111_side(negative, "{np}"),
        notes=_literal_notes(prompt, negative, notes),
    )


def styler_template(prompt: str, negative: str) -> Conversion:
    """SDXL Prompt Styler and Fooocus replace `{prompt}` and put the user's negative after the style's."""
    notes: list[str] = []
    if PROMPT_SLOT in prompt:
        positive = prompt.replace(PROMPT_SLOT, "{p}")
    else:
        # Those tools drop the user's prompt here; the Horde requires {p}, so it goes in front.
        positive = "{p}, " + prompt.strip() if prompt.strip() else "{p}"
        notes.append("The template had no {prompt}; the user's prompt now goes in front of it.")
    side = negative.strip()
    template = positive + NEGATIVE_SEPARATOR + f"{side}, {{np}}" if side else positive + "{np}"
    return Conversion(template, notes=_literal_notes(prompt, negative, notes))


def _a1111_side(style_text: str, slot: str) -> str:
    if PROMPT_SLOT in style_text:
        return style_text.replace(PROMPT_SLOT, slot)
    stripped = style_text.strip()
    return f"{slot}, {stripped}" if stripped else slot


def _literal_notes(prompt: str, negative: str, notes: list[str]) -> list[str]:
    if NEGATIVE_SEPARATOR in prompt:
        notes.append("The prompt holds '###', which the Horde reads as the start of the negative prompt.")
    if _HORDE_SLOTS.search(prompt) or _HORDE_SLOTS.search(negative):
        notes.append("The text holds a literal {p} or {np}, which the Horde fills with the user's prompt.")
    return notes


def extract_loras(conversion: Conversion, resolve: LoraResolver) -> Conversion:
    """Move `<lora:name:weight>` tags out of the template into Horde LoRA entries (§4.1 `loras`).

    A tag whose name does not resolve is left out with a warning: A1111 never sends the tag's text to
    the model either, so the prompt is the same, only the LoRA is missing.
    """
    loras: list[dict[str, Any]] = list(conversion.loras)
    notes = list(conversion.notes)

    def take(match: re.Match[str]) -> str:
        network, name, weight = match.group(1).lower(), match.group(2).strip(), match.group(3)
        if network == "hypernet":
            notes.append(f"Hypernetwork '{name}' has no Horde equivalent; it was left out.")
            return ""
        resolved = resolve(name)
        if resolved is None:
            notes.append(f"LoRA '{name}' is not known to the Horde here; it was left out.")
        elif len(loras) >= MAX_LORAS:
            notes.append(f"LoRA '{name}' was left out: a style can use at most {MAX_LORAS} LoRAs.")
        else:
            loras.append(_lora_entry(resolved, weight, name, notes))
        return ""

    template = EXTRA_NETWORK.sub(take, conversion.template)
    return Conversion(template, loras, notes)


def _lora_entry(resolved: str, weight: str | None, name: str, notes: list[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": resolved}
    if resolved.isdigit():
        entry["is_version"] = True
    if weight is None or not weight.strip():
        return entry
    try:
        strength = float(weight)
    except ValueError:
        notes.append(f"LoRA '{name}': weight '{weight}' is not a number; the Horde's default is used.")
        return entry
    low, high = _STRENGTH_RANGE
    if not low <= strength <= high:
        notes.append(f"LoRA '{name}': weight {strength:g} is outside {low:g}..{high:g}; it was capped.")
        strength = min(max(strength, low), high)
    # A1111's single multiplier scales both the UNet and the text encoder.
    entry["model"] = strength
    entry["clip"] = strength
    return entry
