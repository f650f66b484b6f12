"""How styles, collections and users come back on the wire in each behaviour (REFERENCE §2.8, §3, §6)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .constants import Behaviour
from .params import StyleWarning
from .schemas import SERVED_IMAGE_PARAMS, SERVED_NESTED, SERVED_TEXT_PARAMS
from .store import Collection, SandboxStore, SharedKey, Style

IMAGE_ROUTE_PREFIX = "/sandbox-images/"
_MODERN_TEXT_EXTRAS = frozenset({"max_length", "max_context_length"})


@dataclass(frozen=True)
class View:
    """Who is looking and from where: decides URLs, hidden params and shared-key visibility."""

    store: SandboxStore
    behaviour: Behaviour
    base_url: str
    viewer_id: int | None = None
    single: bool = False

    def absolute(self, url: str) -> str:
        # Seed examples are stored origin-relative and served by the sandbox itself.
        return self.base_url + url if url.startswith(IMAGE_ROUTE_PREFIX) else url


def served_params(style: Style, behaviour: Behaviour) -> dict[str, Any]:
    """Only keys the params model knows come back; the rest stay stored but hidden (REFERENCE B11)."""
    if style.kind == "image":
        allowed = SERVED_IMAGE_PARAMS
    else:
        allowed = SERVED_TEXT_PARAMS | (_MODERN_TEXT_EXTRAS if behaviour == "modern" else frozenset())
    served: dict[str, Any] = {}
    for key, value in style.params.items():
        if key not in allowed:
            continue
        nested = SERVED_NESTED.get(key) if style.kind == "image" else None
        if nested is not None and isinstance(value, list):
            value = [
                {k: v for k, v in item.items() if k in nested} for item in value if isinstance(item, dict)
            ]
        served[key] = value
    return served


def style_details(style: Style, view: View) -> dict[str, Any]:
    details: dict[str, Any] = {
        "name": style.name,
        "info": style.info,
        "prompt": style.prompt,
        "params": served_params(style, view.behaviour),
        "public": style.public,
        "nsfw": style.nsfw,
        "tags": list(style.tags),
        "models": list(style.models),
        "id": style.id,
        "use_count": style.use_count,
        "creator": view.store.owner_alias(style.user_id),
    }
    if style.kind == "image":
        details["examples"] = [
            {"url": view.absolute(e.url), "primary": bool(e.primary), "id": e.id} for e in style.examples
        ]
        _add_shared_key(details, style, view)
    if view.behaviour == "modern":
        details["parameter_policy"] = style.parameter_policy
        details["template_fields"] = style.template_fields
    return details


def _add_shared_key(details: dict[str, Any], style: Style, view: View) -> None:
    key = view.store.shared_keys.get(style.sharedkey_id) if style.sharedkey_id else None
    if view.behaviour == "v5_1_5":
        # 5.1.5 shows the (spendable) key to everyone, and skip_none drops it when unset (REFERENCE B9).
        if key is not None:
            details["shared_key"] = shared_key_details(key, view.store)
        return
    owner_reads_one = view.single and view.viewer_id == style.user_id
    details["shared_key"] = shared_key_details(key, view.store) if key and owner_reads_one else None


def shared_key_details(key: SharedKey, store: SandboxStore) -> dict[str, Any]:
    return {
        "id": key.id,
        "username": store.owner_alias(key.user_id),
        "name": key.name,
        "kudos": key.kudos,
        "expiry": key.expiry.strftime("%a, %d %b %Y %H:%M:%S GMT"),
        "utilized": key.utilized,
        "max_image_pixels": key.max_image_pixels,
        "max_image_steps": key.max_image_steps,
        "max_text_tokens": key.max_text_tokens,
    }


def unique_style_name(style: Style, store: SandboxStore) -> str:
    return f"{store.owner_alias(style.user_id)}::style::{style.name}"


def collection_details(collection: Collection, store: SandboxStore) -> dict[str, Any]:
    # Marshalled without skip_none, and get_details() never includes info: always null (REFERENCE §3, B6).
    members = [store.styles[sid] for sid in collection.style_ids if sid in store.styles]
    return {
        "id": collection.id,
        "name": collection.name,
        "type": collection.kind,
        "info": None,
        "public": collection.public,
        "styles": [{"name": unique_style_name(s, store), "id": s.id} for s in members],
        "use_count": collection.use_count,
    }


def style_as_collection(style: Style) -> dict[str, Any]:
    """A style found by ``/collection_by_name`` marshalled through the collection model (REFERENCE B6)."""
    fields = ("id", "name", "type", "info", "public", "styles", "use_count")
    values = {"id": style.id, "name": style.name, "public": style.public, "use_count": style.use_count}
    return {field: values.get(field) for field in fields}


def warnings_body(warnings: list[StyleWarning], behaviour: Behaviour) -> list[dict[str, str | None]]:
    if behaviour == "v5_1_5":
        # 5.1.5 marshals its warning enums through a model that finds no fields on them (REFERENCE §12).
        return [{"code": None, "message": None} for _ in warnings]
    return [{"code": code, "message": message} for code, message in warnings]
