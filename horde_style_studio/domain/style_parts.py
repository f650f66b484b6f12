"""The smaller objects a served style carries: examples, shared key details and 5.1.13 declarations."""

from __future__ import annotations

from pydantic import Field

from horde_style_studio.domain.base import HordeModel, NullSafeList
from horde_style_studio.domain.limits import Int64, ServedId, ServedName, ServedUrl, ServedUsername


class StyleExample(HordeModel):
    """An example image of an image style (§2.7)."""

    id: ServedId
    url: ServedUrl
    primary: bool = False


class SharedKeyDetails(HordeModel):
    """The shared key attached to an image style (§2.8). 5.1.5 shows it to everyone (B9)."""

    id: ServedId | None = None
    username: ServedUsername | None = None
    name: ServedName | None = None
    kudos: Int64 | None = None
    expiry: ServedName | None = None  # an RFC-822 date string in 5.1.5, despite the swagger's "date-time"
    utilized: Int64 | None = None
    max_image_pixels: Int64 | None = None
    max_image_steps: Int64 | None = None
    max_text_tokens: Int64 | None = None


class ParameterPolicy(HordeModel):
    """5.1.13 `parameter_policy` (§10): which params a request may still set, and their ceilings."""

    override: str | None = None  # "none" | "listed" | "all"; a str so a future mode does not break reads
    overridable: NullSafeList[str] = Field(default_factory=list)
    ceilings: dict[str, int | float] = Field(default_factory=dict)


class TemplateField(HordeModel):
    """A 5.1.13 declared placeholder (§10) beyond `{p}` / `{np}`."""

    name: str | None = None
    description: str | None = None
    required: bool = False
