"""The drag-and-drop formats for styles.

Any list of styles (Browse, this tab's style list) offers :data:`STYLE_IDS_MIME`; the builder's cards also
carry :data:`MEMBERS_MIME`, so a drop target can tell a member dragged out of the builder from a style
dragged in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QMimeData

STYLE_IDS_MIME = "application/x-horde-style-ids"
"""A JSON list of style ids (strings)."""
MEMBERS_MIME = "application/x-horde-collection-members"
"""The same JSON list, set only on drags that start in the collection builder."""


def encode_style_ids(ids: Iterable[str], *, from_builder: bool = False) -> QMimeData:
    """Mime data for dragging the styles ``ids`` (duplicates dropped, order kept)."""
    payload = json.dumps(list(dict.fromkeys(ids))).encode("utf-8")
    data = QMimeData()
    data.setData(STYLE_IDS_MIME, payload)
    if from_builder:
        data.setData(MEMBERS_MIME, payload)
    data.setText("\n".join(dict.fromkeys(ids)))
    return data


def decode_style_ids(data: QMimeData | None, mime: str = STYLE_IDS_MIME) -> list[str]:
    """The style ids in ``data`` under ``mime``; an empty list for anything else or a malformed payload."""
    if data is None or not data.hasFormat(mime):
        return []
    try:
        values = json.loads(bytes(data.data(mime).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(values, list):
        return []
    return list(dict.fromkeys(v for v in values if isinstance(v, str) and v))


def is_from_builder(data: QMimeData | None) -> bool:
    return data is not None and data.hasFormat(MEMBERS_MIME)
