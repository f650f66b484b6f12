"""The error shapes the Horde answers with, and how each behaviour renders them (REFERENCE §1)."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from .constants import INTERNAL_ERROR, Behaviour

_GENERIC_RC = {400: "BadRequest", 403: "Forbidden"}


class SandboxHordeError(Exception):
    """A Horde error the sandbox answers with: body ``{"message", "rc"}``.

    ``rc`` is an rc the server passes with ``rc=`` and so always sends. ``intended_rc`` is one the 5.1.5 code
    passes as the second *positional* argument, where it lands in ``log``: 5.1.5 then sends the generic
    ``BadRequest``/``Forbidden`` while 5.1.13 sends the intended one (REFERENCE §1, B7).
    """

    def __init__(self, status: int, message: str, *, rc: str | None = None, intended_rc: str | None = None):
        # The message may echo what the client sent (find_user echoes a wrong key), so it stays out of
        # the exception's own text and repr.
        super().__init__(status, rc or intended_rc)
        self.status = status
        self.message = message
        self.rc = rc
        self.intended_rc = intended_rc

    def rc_for(self, behaviour: Behaviour) -> str:
        if self.rc is not None:
            return self.rc
        if self.intended_rc is not None and behaviour == "modern":
            return self.intended_rc
        return _GENERIC_RC.get(self.status, "BadRequest")


# One name per class in the package (the client has its own ``api.errors.HordeError``); the sandbox's many
# call sites keep the short spelling, which says what they answer with.
HordeError = SandboxHordeError


class PayloadValidationError(Exception):
    """flask-restx's own validation error: no ``rc``, one message per field path (REFERENCE §1)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("Input payload validation failed")
        self.errors = errors


class PlainHttpError(Exception):
    """A werkzeug-level error (bad JSON, unknown URL): body ``{"message"}`` only."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class ServerCrashError(Exception):
    """A request that hits one of the real server's crashes, answered with a bare 500 (REFERENCE §9)."""


def bad_request(message: str, intended_rc: str | None = None) -> HordeError:
    return HordeError(400, message, intended_rc=intended_rc)


def forbidden(message: str, intended_rc: str | None = None) -> HordeError:
    return HordeError(403, message, intended_rc=intended_rc)


def invalid_api_key() -> HordeError:
    message = (
        "No user matching sent API Key. Have you remembered to register at https://aihorde.net/register ?"
    )
    return HordeError(401, message, rc="InvalidAPIKey")


def thing_not_found(thing_type: str, thing_id: str) -> HordeError:
    # capitalize() lower-cases the rest, hence rcs such as "Style exampleNotFound" (REFERENCE §1, B7).
    label = thing_type.capitalize()
    return HordeError(404, f"{label} with ID '{thing_id}' not found.", rc=f"{label}NotFound")


def user_not_found(value: str, lookup: str = "ID") -> HordeError:
    return HordeError(404, f"User with {lookup} '{value}' not found.", rc="UserNotFound")


def not_owner(thing: str, alias: str) -> HordeError:
    return forbidden(f"This {thing} is not owned by user {alias}")


def json_error(status: int, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, status_code=status)


def render_error(exc: Exception, behaviour: Behaviour) -> JSONResponse | None:
    """The response for one of the errors above, or None for anything else (a real sandbox bug)."""
    if isinstance(exc, HordeError):
        return json_error(exc.status, {"message": exc.message, "rc": exc.rc_for(behaviour)})
    if isinstance(exc, PayloadValidationError):
        return json_error(400, {"errors": exc.errors, "message": "Input payload validation failed"})
    if isinstance(exc, PlainHttpError):
        return json_error(exc.status, {"message": exc.message})
    if isinstance(exc, ServerCrashError):
        return json_error(500, {"message": INTERNAL_ERROR})
    return None
