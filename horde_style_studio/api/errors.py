"""One exception hierarchy for everything the Horde (or the road to it) can do wrong.

Every error carries ``status``, ``rc``, ``message`` and ``field_errors`` and reads, as ``str(err)``, as a
sentence a person can act on. None of them ever holds the API key: the client scrubs server messages before
building them (§6: ``find_user`` echoes the key in its 404 message).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from horde_style_studio.domain.redaction import redact

_ROLE_RCS = frozenset({"StylesRequiresCustomizer", "StylesAnonForbidden"})


def normalise_rc(rc: str | None) -> str | None:
    """``"Style exampleNotFound"`` -> ``"StyleExampleNotFound"``.

    The server builds not-found codes with ``str.capitalize()``, which leaves spaces and lower-cases the rest
    (§1, §9 B7). Normalising lets callers compare against one spelling on both server versions.
    """
    if rc is None:
        return None
    return "".join(part[:1].upper() + part[1:] for part in rc.split())


class HordeError(Exception):
    """Base of every error the service layer raises."""

    default_message = "The AI Horde request failed."

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        rc: str | None = None,
        field_errors: Mapping[str, str] | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.status = status
        self.rc = rc
        self.field_errors: dict[str, str] = dict(field_errors or {})
        super().__init__(self.message)

    @property
    def code(self) -> str | None:
        """The rc with the server's stray spaces removed (see :func:`normalise_rc`)."""
        return normalise_rc(self.rc)

    def __str__(self) -> str:
        text = self.message.rstrip()
        if self.field_errors:
            details = "; ".join(f"{field}: {problem}" for field, problem in self.field_errors.items())
            text = f"{text} ({details})"
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, rc={self.rc!r}, message={self.message!r})"


class HordeTransportError(HordeError):
    """The request never got an HTTP answer."""

    default_message = "Could not reach the AI Horde."


class HordeConnectionError(HordeTransportError):
    default_message = "Could not connect to the AI Horde. Check the network and the server address."


class HordeTimeoutError(HordeTransportError):
    default_message = "The AI Horde did not answer in time."


class HordeProtocolError(HordeError):
    """An answer arrived but could not be read (malformed JSON, a truncated body, an unexpected shape)."""

    default_message = "The AI Horde sent an answer the app could not read."


class SessionClosedError(HordeError):
    """The session was closed while the request was still in flight."""

    default_message = "The request was cancelled because the connection to the AI Horde was closed."


class HordeAPIError(HordeError):
    """The server answered with an error status."""


class BadRequestError(HordeAPIError):
    default_message = "The AI Horde refused the request as invalid."


class ValidationFailedError(BadRequestError):
    """flask-restx's rc-less ``{"message", "errors"}`` body (§1): the payload failed schema validation."""

    default_message = "The AI Horde refused some fields."


class UnauthorizedError(HordeAPIError):
    default_message = "The API key was not accepted by the AI Horde."


class ForbiddenError(HordeAPIError):
    default_message = "The AI Horde does not allow this account to do that."


class RoleRequiredError(ForbiddenError):
    """Authoring styles needs the customizer role or a trusted account (§2.2 step 5)."""

    default_message = "Only customizers and trusted users can create or edit styles."


class NotFoundError(HordeAPIError):
    default_message = "The AI Horde has no such object (it may have been deleted)."


class RateLimitedError(HordeAPIError):
    """429. ``retry_after`` is the server's ``Retry-After`` in seconds, when it sent one."""

    default_message = "The AI Horde is rate-limiting these requests."

    def __init__(
        self, message: str | None = None, *, retry_after: float | None = None, **kwargs: object
    ) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]  # kwargs are HordeError's keywords
        self.retry_after = retry_after

    def __str__(self) -> str:
        base = super().__str__()
        if self.retry_after is None:
            return f"{base} Try again in a little while."
        return f"{base} Try again in {_human_seconds(self.retry_after)}."


class ServerError(HordeAPIError):
    default_message = "The AI Horde had an internal error."


class DuplicateCollectionNameError(ServerError):
    """A collection create or rename answered 500: on 5.1.5 that is what a name the user already gives
    another collection does (no check, the database's unique key fails, §3, §9 B6, §12)."""

    def __init__(self, name: str, *, status: int | None = 500, rc: str | None = None) -> None:
        super().__init__(
            f"The AI Horde failed with an internal error while saving the collection “{name}”. The likely "
            "cause: you already have a collection of that name (AI Horde 5.1.5 does not check, and its "
            "database refuses a second one). Choose another name and try again.",
            status=status,
            rc=rc,
        )
        self.name = name


class TextPatchUnsupportedError(ServerError):
    """A text-style PATCH answered 500: AI Horde 5.1.5 fails every one and changes nothing (§2.5, §9 B4)."""

    default_message = (
        "The server could not update this text style: AI Horde 5.1.5 fails every text-style edit with an "
        "internal error, and nothing was changed. To change it, delete and recreate the style "
        "(its id and use count will be lost)."
    )


def _human_seconds(seconds: float) -> str:
    whole = max(1, round(seconds))
    if whole < 90:
        return f"{whole} second{'s' if whole != 1 else ''}"
    minutes = round(whole / 60)
    return f"{minutes} minutes"


_STATUS_CLASSES: dict[int, type[HordeAPIError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    429: RateLimitedError,
}


def api_error_class(status: int, rc: str | None, has_field_errors: bool) -> type[HordeAPIError]:
    """Pick the class: rc first where it is specific, otherwise the HTTP status (§11.3)."""
    if rc in _ROLE_RCS:
        return RoleRequiredError
    if rc == "InvalidAPIKey":
        return UnauthorizedError
    if status == 400 and rc is None and has_field_errors:
        return ValidationFailedError
    if status >= 500:
        return ServerError
    return _STATUS_CLASSES.get(status, HordeAPIError)


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """Replace every secret in ``text`` (those given and every key this process has held) with a mask."""
    return redact(text, secrets)


_FIELD_PATH = re.compile(r"^[\w.\[\]-]+$")


def clean_field_errors(raw: object, secrets: tuple[str, ...]) -> dict[str, str]:
    """The ``errors`` object of a validation body, tolerating whatever shape arrives."""
    if not isinstance(raw, Mapping):
        return {}
    cleaned: dict[str, str] = {}
    for key, value in raw.items():
        # A hostile server can use the key as a field name, not only as a value.
        name = scrub(str(key), secrets)
        field = name if _FIELD_PATH.match(name) else "payload"
        cleaned[field] = scrub(str(value), secrets)
    return cleaned
