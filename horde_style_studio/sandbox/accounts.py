"""``/v2/find_user`` and ``/v2/users/{id}``: UserDetails with the user's styles (REFERENCE §6)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .errors import invalid_api_key, user_not_found
from .store import SandboxStore
from .style_reads import Handler
from .users import User
from .wire import ok, sandbox_of


def _zeros(*names: str) -> dict[str, int]:
    return dict.fromkeys(names, 0)


def user_details(
    user: User, store: SandboxStore, privilege: int, username: str | None = None
) -> dict[str, Any]:
    """Privilege 0 is the public view, 1 the user themself, 2 a moderator; private styles need 1 or more."""
    styles = [s for s in store.styles_of(user.id) if s.public or privilege >= 1]
    styled = {kind: sum(s.use_count for s in styles if s.kind == kind) for kind in ("image", "text")}
    details: dict[str, Any] = {
        "username": username or user.username,
        "id": user.id,
        "kudos": user.kudos,
        "concurrency": 10 if user.anonymous else 30,
        "worker_invited": 0,
        "moderator": user.moderator,
        "kudos_details": {
            **_zeros("gifted", "donated", "admin", "received", "recurring", "awarded"),
            "accumulated": user.kudos,
            "styled": 2 * (styled["image"] + styled["text"]),
        },
        "worker_count": 0,
        "styles": [{"name": f"{user.username}::style::{s.name}", "id": s.id, "type": s.kind} for s in styles],
        "trusted": user.trusted,
        "service": False,
        "education": False,
        "customizer": user.customizer,
        "deleted": user.deleted,
        "pseudonymous": False,
        "account_age": user.account_age,
        "records": {
            "usage": {"megapixelsteps": 0, "tokens": 0},
            "contribution": {"megapixelsteps": 0, "tokens": 0},
            "fulfillment": _zeros("image", "text", "interrogation"),
            "request": _zeros("image", "text", "interrogation"),
            "style": {**styled, "interrogation": 0},
        },
    }
    if privilege >= 1:
        keys = [k.id for k in store.shared_keys.values() if k.user_id == user.id]
        details.update(sharedkey_ids=keys, vpn=False, special=False, flagged=False, worker_ids=[])
        details["active_generations"] = {"text": [], "image": [], "alchemy": []}
        if user.contact:
            details["contact"] = user.contact
    return details


def find_user() -> Handler:
    async def handler(request: Request) -> Response:
        store = sandbox_of(request).store
        key = request.headers.get("apikey")
        if key is None:
            raise invalid_api_key()
        user = store.user_by_key(key)
        if user is not None:
            return ok(user_details(user, store, 1))
        shared = store.shared_keys.get(key)
        owner = store.users.get(shared.user_id) if shared else None
        if shared is None or owner is None:
            # The real server echoes the unknown key back, and answers 404, not 401 (REFERENCE §6, §12).
            raise user_not_found(key, "api_key")
        return ok(user_details(owner, store, 0, f"{owner.username} (Shared Key: {shared.name})"))

    return handler


def get_user() -> Handler:
    async def handler(request: Request) -> Response:
        store = sandbox_of(request).store
        raw = request.path_params["user_id"]
        user = store.users.get(int(raw)) if raw.isdigit() else None
        if user is None:
            raise user_not_found(raw)
        privilege = 0
        key = request.headers.get("apikey")
        if key is not None:
            viewer = store.user_by_key(key)
            if viewer is None:
                raise invalid_api_key()
            privilege = 2 if viewer.moderator else (1 if viewer.id == user.id else 0)
        return ok(user_details(user, store, privilege))

    return handler
