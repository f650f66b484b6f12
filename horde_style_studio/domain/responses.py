"""Bodies the server answers writes and errors with (§1, §2.2)."""

from __future__ import annotations

from pydantic import Field

from horde_style_studio.domain.base import HordeModel, NullSafeList


class ServerWarning(HordeModel):
    """One warning of a write response. §12: 5.1.5 can send `{"code": null, "message": null}`."""

    code: str | None = None
    message: str | None = None


class ModifyResult(HordeModel):
    """`StyleModify`: the answer to a create, PATCH or DELETE (`{"message": "OK"}` for DELETE)."""

    id: str | None = None
    message: str | None = None
    warnings: NullSafeList[ServerWarning] = Field(default_factory=list)


class ErrorBody(HordeModel):
    """An error body: Horde's `{message, rc}` or flask-restx's rc-less `{message, errors}` (§1).

    `errors` maps a field path such as `params.width` to the validator's text.
    """

    message: str = ""
    rc: str | None = None
    errors: dict[str, str] = Field(default_factory=dict)
