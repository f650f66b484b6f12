"""The style document the editor works on: a JSON object shaped like a create/PATCH payload (§2.2, §2.5).

The form and the JSON view are two views of one document; fields address it by dotted path
(``"params.width"``), the same paths ``validate_style`` and the server's ``errors`` use.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from typing import Any

from horde_style_studio.domain import json_text
from horde_style_studio.domain.diff import payload_of
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.problems import Problem
from horde_style_studio.domain.style_files import KIND_KEY
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.domain.validation import MAX_INFO, MAX_NAME

Document = dict[str, Any]


def blank_document(kind: StyleKind) -> Document:
    """A new style: the template holds the placeholders the server requires for ``kind`` (§2.2)."""
    prompt = "{p}###{np}" if StyleKind(kind) is StyleKind.IMAGE else "{p}"
    return {
        "name": "",
        "prompt": prompt,
        "public": True,
        "nsfw": False,
        "tags": [],
        "models": [],
        "params": {},
    }


def document_of(style: AnyStyle) -> Document:
    """The full-object payload that leaves ``style`` as the server holds it."""
    return payload_of(style)


def forked_document(style: AnyStyle) -> Document:
    """A copy of anyone's style as a new one, saying where it came from in its description.

    §9 B3: names are unique across all users, so the copy gets a name of its own.
    """
    doc = payload_of(style)
    credit = f"Based on {style.name} by {style.creator or 'an unknown creator'}."
    info = str(doc.get("info") or "").strip()
    room = MAX_INFO - len(credit) - 2
    info = f"{info[: max(0, room - 1)].rstrip()}…" if len(info) > room else info
    doc["info"] = f"{info}\n\n{credit}" if info else credit
    suffix = " (fork)"
    doc["name"] = style.name[: MAX_NAME - len(suffix)] + suffix
    doc["public"] = style.public
    return doc


def get_path(doc: Mapping[str, Any], path: str) -> Any:
    """The value at dotted ``path``; None when any step is missing or not an object."""
    value: Any = doc
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def with_path(doc: Mapping[str, Any], path: str, value: Any) -> Document:
    """A copy of ``doc`` with ``path`` set to ``value``; None removes the key (no nulls in payloads, §1)."""
    result = copy.deepcopy(dict(doc))
    *parents, last = path.split(".")
    node = result
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    if value is None:
        node.pop(last, None)
    else:
        node[last] = copy.deepcopy(value)
    return result


def owns(path: str, problem: Problem) -> bool:
    """Whether the field at ``path`` is where ``problem`` shows (its own path or anything inside it)."""
    return problem.field == path or problem.field.startswith(path + ".")


def messages_for(path: str, problems: Sequence[Problem]) -> list[str]:
    return [problem.message for problem in problems if owns(path, problem)]


def to_json(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False)


def parse_json(text: str) -> tuple[Document | None, str | None]:
    """The document in ``text``, or None and why not, in words that point at the spot."""
    try:
        # Deep nesting, huge numbers and Infinity/NaN get a message too, never an exception (issue 14).
        value = json_text.loads(text)
    except json_text.JsonTextError as err:
        return None, f"Not valid JSON yet: {err.message}{err.where}."
    if not isinstance(value, dict):
        return None, "A style must be a JSON object: { … } with its fields inside."
    return value, None


def export_text(kind: StyleKind, doc: Mapping[str, Any]) -> str:
    """The draft as a style file ``horde-styles create``/``update`` reads (it names its kind)."""
    return to_json({KIND_KEY: StyleKind(kind).value, **doc}) + "\n"
