"""The JSON export bundle (styles with their examples, and collections), and one style's JSON.

One shape for the ``horde-styles export`` command and the app: the app exports from the library (own
styles or a selection, no request spent), the command from the server. ``import`` reads it back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, Final

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.own_collections import OwnCollections

BUNDLE_FORMAT: Final = "horde-style-studio/export"
BUNDLE_VERSION: Final = 1


def bundled_style(style: AnyStyle) -> dict[str, Any]:
    """A style as the API shapes it, without its shared key.

    §2.8 / B9: 5.1.5 serves an attached shared key's id, which spends its owner's kudos, to everyone. A
    bundle or a style file is made to be passed around, so that object stays out of it.
    """
    data = style.model_dump(mode="json", exclude_none=True)
    data.pop("shared_key", None)
    return data


def style_file_text(style: AnyStyle) -> str:
    """One style's JSON, as ``show --json`` prints it: ``create`` and ``update`` take it back."""
    return json.dumps({"kind": style.kind.value, **bundled_style(style)}, indent=2, ensure_ascii=False) + "\n"


def export_bundle(
    styles: Iterable[AnyStyle],
    collections: Sequence[dict[str, Any]],
    server: str,
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    by_kind: dict[str, list[Any]] = {kind.value: [] for kind in StyleKind}
    for style in styles:
        by_kind[style.kind.value].append(bundled_style(style))
    return {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "exported_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "server": server,
        "styles": by_kind,
        "collections": list(collections),
    }


def library_bundle(library: StyleLibrary, style_ids: Sequence[str], server: str) -> dict[str, Any]:
    """The styles ``style_ids`` as the library holds them, and the own collections any of them is in.

    The server cannot list an account's collections (§3); the library remembers those made or found here.
    """
    styles = [style for style_id in style_ids if (style := library.get_style(style_id)) is not None]
    chosen = {style.id for style in styles}
    account = library.account()
    collections: list[dict[str, Any]] = []
    for own in OwnCollections(library).own_collections(account, include_gone=False) if account else []:
        members = [{"id": m.id, "name": m.name} for m in own.state.members]
        if any(member["id"] in chosen for member in members):
            kind = own.state.kind.value if own.state.kind is not None else None
            collections.append(
                {"id": own.id, "name": own.name, "type": kind, "info": own.state.info or None,
                 "public": own.state.public, "styles": members}
            )  # fmt: skip
    return export_bundle(styles, [{k: v for k, v in c.items() if v is not None} for c in collections], server)


def write_bundle(path: str, bundle: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as file:
        json.dump(bundle, file, indent=2, ensure_ascii=False)
        file.write("\n")
