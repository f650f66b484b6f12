"""``POST``, ``PATCH`` and ``DELETE`` on styles, in the server's order of checks (REFERENCE §2.2-§2.6)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from . import params as checks
from .cleaning import clean_set, ensure_clean
from .constants import MAX_MODELS, MAX_TAGS, StyleKind
from .contract import parse_parameter_policy, parse_template_fields
from .errors import HordeError, ServerCrashError, bad_request, not_owner, thing_not_found
from .lookup import by_name, style_by_uuid
from .render import warnings_body
from .schemas import style_input
from .store import SandboxStore, SharedKey, Style
from .style_reads import Handler
from .users import User
from .wire import (
    PLAIN_KEY_HELP,
    Sandbox,
    ok,
    read_payload,
    require_apikey,
    require_fields,
    sandbox_of,
    user_for_key,
)

_NAME = ("name", "The name of the style.")


def check_model_count(models: list[str] | None) -> None:
    if models is not None and len(models) > MAX_MODELS:
        raise bad_request("A style can only use a maximum of 5 models.")
    if not models:
        raise bad_request("A style has to specify at least one model.")


def check_tag_count(tags: list[str] | None) -> None:
    if tags is not None and len(tags) > MAX_TAGS:
        raise bad_request("A style can be tagged a maximum of 10 times.")


def require_author(user: User) -> None:
    if not user.customizer and not user.trusted:
        message = (
            "Only customizers and trusted users can create new styles. "
            "You can request the customizer role in our channels."
        )
        raise HordeError(403, message, rc="StylesRequiresCustomizer")
    if user.anonymous:
        raise HordeError(403, "Anonymous users cannot create styles", rc="StylesAnonForbidden")


def require_not_deleted(user: User) -> None:
    if user.deleted:
        message = "This account has been scheduled for deletion and is disabled."
        raise HordeError(403, message, rc="DeletedUser")


def valid_shared_key(store: SandboxStore, key_id: str) -> SharedKey:
    key = store.shared_keys.get(key_id)
    if key is None:
        raise bad_request("This shared key does not exist", "SharedKeyInvalid")
    if key.expiry < datetime.now(UTC):
        raise bad_request("This shared key has expired", "SharedKeyExpired")
    if key.kudos != -1 and key.utilized >= key.kudos:
        raise bad_request("This shared key has run out of kudos.", "SharedKeyEmpty")
    return key


def name_taken(store: SandboxStore, user: User, name: str) -> bool:
    # The server asks for "alias::style::name", which its parser reads as "any user's style or
    # collection called name": the duplicate check is global (REFERENCE §2.4, B3).
    return by_name(store, f"{user.username}::style::{name}", "any") is not None


def validate_content(
    kind: StyleKind, prompt: str, models: list[str], params: dict[str, Any]
) -> list[checks.StyleWarning]:
    warnings = (
        checks.validate_image_params(params, models)
        if kind == "image"
        else checks.validate_text_params(params)
    )
    checks.check_for_special(params, models)
    checks.validate_prompt(prompt, image=kind == "image")
    return warnings


def apply_declarations(style: Style, body: dict[str, Any]) -> None:
    if "parameter_policy" in body:
        style.parameter_policy = parse_parameter_policy(body["parameter_policy"])
    if "template_fields" in body:
        style.template_fields = parse_template_fields(body["template_fields"])


def set_models_and_tags(style: Style, models: list[str] | None, tags: list[str] | None) -> None:
    # Runs after the row is committed, so a profane model or tag answers 400 with the style already
    # saved (REFERENCE B12).
    cleaned_models = clean_set(models, "style model") if models is not None else style.models
    cleaned_tags = clean_set(tags, "style tag") if tags is not None else style.tags
    style.models, style.tags = cleaned_models, cleaned_tags


def create_style(kind: StyleKind) -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        store = sandbox.store
        body = await read_payload(request, style_input(kind, patch=False))
        key = require_apikey(request)
        require_fields(body, _NAME)
        check_model_count(body.get("models"))
        check_tag_count(body.get("tags"))
        user = user_for_key(store, key)
        require_author(user)
        name = ensure_clean(body["name"], "style name")
        shared_key = valid_shared_key(store, body["sharedkey"]) if body.get("sharedkey") else None
        require_not_deleted(user)
        if name_taken(store, user, name):
            message = (
                f"Style with name '{name}' already exists for user '{user.username}'."
                " Please use PATCH to modify an existing style."
            )
            raise bad_request(message)
        prompt, style_params = body.get("prompt", "{p}{np}"), body.get("params") or {}
        warnings = validate_content(kind, prompt, body["models"], style_params)
        style = Style(store.new_id(), kind, user.id, name, store.tick(), prompt=prompt, params=style_params)
        style.info = ensure_clean(body["info"], "style info") if "info" in body else ""
        style.public, style.nsfw = body.get("public", True), body.get("nsfw", False)
        style.sharedkey_id = shared_key.id if shared_key else None
        if sandbox.modern:
            apply_declarations(style, body)
        store.add_style(style)
        set_models_and_tags(style, body["models"], body.get("tags") or [])
        return ok({"id": style.id, "message": "OK", "warnings": warnings_body(warnings, sandbox.behaviour)})

    return handler


def patch_style(kind: StyleKind) -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        body = await read_payload(request, style_input(kind, patch=True))
        key = require_apikey(request)
        if not sandbox.modern:
            # 5.1.5 parses PATCH with the *create* parser: name required, defaults filled in (REFERENCE B2).
            require_fields(body, _NAME)
            body = {"prompt": "{p}{np}", "public": True, "nsfw": False, "tags": [], **body}
        check_tag_count(body.get("tags") or None)
        user = user_for_key(sandbox.store, key)
        style = style_by_uuid(sandbox.store, request.path_params["style_id"])
        if style is None:
            raise thing_not_found("Style", request.path_params["style_id"])
        if style.user_id != user.id:
            raise not_owner("Style", user.username)
        if body.get("models"):
            check_model_count(body["models"])
        warnings, shared_key = _validate_patch(sandbox, kind, style, user, body)
        _apply_patch(sandbox, style, body, shared_key)
        return ok({"id": style.id, "message": "OK", "warnings": warnings_body(warnings, sandbox.behaviour)})

    return handler


def _validate_patch(
    sandbox: Sandbox, kind: StyleKind, style: Style, user: User, body: dict[str, Any]
) -> tuple[list[checks.StyleWarning], SharedKey | None]:
    name = ensure_clean(body["name"], "style name") if body.get("name") else None
    shared_key = None
    if body.get("sharedkey") and sandbox.modern:
        shared_key = valid_shared_key(sandbox.store, body["sharedkey"])
    elif body.get("sharedkey") and kind == "image":
        # A typo assigns the key to another attribute, so 5.1.5 never finds it (REFERENCE §2.5, B4).
        raise bad_request("This shared key does not exist", "SharedKeyInvalid")
    if name is not None and name_taken(sandbox.store, user, name) and style.name != name:
        message = (
            f"Style with name '{name}' already exists for user '{user.username}'."
            " Please use a different name if you want to rename."
        )
        raise bad_request(message)
    prompt = body.get("prompt", style.prompt)
    models = body.get("models") or style.models
    style_params = body["params"] if body.get("params") is not None else style.params
    warnings = validate_content(kind, prompt, models, style_params)
    if sandbox.modern:
        apply_declarations(Style("", kind, user.id, "", 0), body)  # refuse bad declarations before any change
    if kind == "text" and not sandbox.modern:
        # SingleTextStyle.validate skips super(), so a later attribute read raises: every text PATCH
        # ends in 500 and nothing is committed (REFERENCE §2.5, B4).
        raise ServerCrashError("text style PATCH")
    return warnings, shared_key


def _apply_patch(sandbox: Sandbox, style: Style, body: dict[str, Any], shared_key: SharedKey | None) -> None:
    if body.get("name"):
        style.name = ensure_clean(body["name"], "style name")
    if body.get("info") is not None:
        style.info = ensure_clean(body["info"], "style info")
    for field in ("public", "nsfw", "prompt"):
        if body.get(field) is not None:
            setattr(style, field, body[field])
    if body.get("params") is not None:
        style.params = body["params"]
    if shared_key is not None:
        style.sharedkey_id = shared_key.id
    if sandbox.modern:
        apply_declarations(style, body)
    # 5.1.5 always resets tags (omitted means []); 5.1.13 keeps omitted tags (REFERENCE §2.5, §10).
    set_models_and_tags(style, body.get("models") or None, body.get("tags"))


def delete_style() -> Handler:
    async def handler(request: Request) -> Response:
        sandbox = sandbox_of(request)
        user = user_for_key(sandbox.store, require_apikey(request, PLAIN_KEY_HELP))
        if user.anonymous:
            raise HordeError(403, "Anonymous users cannot delete styles", rc="StylesAnonForbidden")
        style_id = request.path_params["style_id"]
        # No check that the id is of the route's type (REFERENCE §12).
        style = style_by_uuid(sandbox.store, style_id)
        if style is None:
            raise thing_not_found("Style", style_id)
        if style.user_id != user.id and not user.moderator:
            raise not_owner("Style", user.username)
        sandbox.store.delete_style(style)
        return ok({"message": "OK"})

    return handler
