"""Server status bodies: active models (§7) and the 5.1.13 style contract (§10)."""

from __future__ import annotations

from pydantic import Field

from horde_style_studio.domain.base import HordeModel, NullSafeList, StyleKind


class ActiveModel(HordeModel):
    """A model currently served by workers (`GET /v2/status/models`)."""

    name: str
    count: int = 0
    performance: float = 0.0
    queued: float = 0.0
    jobs: float = 0.0
    eta: int = 0
    type: StyleKind | None = None


class ProtectedPattern(HordeModel):
    """Template text the server leaves exactly as written (a regular expression and why)."""

    pattern: str
    description: str | None = None


class CeilingBounds(HordeModel):
    """The range a `parameter_policy` ceiling on one param may be set to; None means unbounded."""

    minimum: int | float | None = None
    maximum: int | float | None = None


class StyleContractSection(HordeModel):
    """What a style of one kind may declare, as the server publishes it."""

    placeholders: NullSafeList[str] = Field(default_factory=list)
    declared_fields_are_placeholders: bool | None = None
    protected_patterns: NullSafeList[ProtectedPattern] = Field(default_factory=list)
    brace_handling: str | None = None
    overridable_parameters: NullSafeList[str] = Field(default_factory=list)
    ceiling_parameters: dict[str, CeilingBounds] = Field(default_factory=dict)
    context_fit_modes: NullSafeList[str] | None = None
    style_write_rate_limits: NullSafeList[str] = Field(default_factory=list)


class StyleContract(HordeModel):
    """`GET /v2/status/style_contract` (5.1.13 only; a 404 means 5.1.5 behaviour, §11.2).

    A client that cannot make sense of `schema_version` should fall back to its own defaults.
    """

    schema_version: int | None = None
    image: StyleContractSection | None = None
    text: StyleContractSection | None = None

    def section(self, kind: StyleKind) -> StyleContractSection | None:
        """The section for `kind`, if the server published one."""
        return self.image if StyleKind(kind) is StyleKind.IMAGE else self.text
