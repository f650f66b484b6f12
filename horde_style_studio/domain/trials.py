"""A trial: one try of a style (or of no style, for the comparison) and what it brought back (issue 15)."""

from __future__ import annotations

from dataclasses import dataclass, field

from horde_style_studio.domain.jobs import JobRequest, JobState
from horde_style_studio.domain.kinds import StyleKind


@dataclass(frozen=True)
class TrialResult:
    """One generation of a trial, with everything the user is shown about it."""

    id: str
    seed: str
    model: str
    worker: str
    censored: bool
    data: bytes | None = None
    extension: str | None = None
    text: str | None = None


@dataclass
class Trial:
    """One try of a style (or of no style, for the comparison)."""

    kind: StyleKind
    label: str
    request: JobRequest
    draft: bool = False
    job_id: str | None = None
    kudos: float = 0.0
    state: JobState = JobState.SUBMITTED
    results: list[TrialResult] = field(default_factory=list)
    owner: str = ""
    """The style (or draft) the trial is kept under in the library; "" when it is kept nowhere."""
    created_at: float = 0.0
    stored_id: int | None = None

    @property
    def styled(self) -> bool:
        return bool(self.request.style) or self.draft


@dataclass(frozen=True)
class Estimate:
    kudos: float
    how: str
    """How it was worked out, for the user: a styled dry run, or the unstyled one plus the style's 2."""
