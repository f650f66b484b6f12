"""The user behind an API key (`GET /v2/find_user`, `GET /v2/users/{id}`, §6)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from horde_style_studio.domain.base import HordeModel, NullSafeList, StyleKind
from horde_style_studio.domain.limits import MAX_ANY_TEXT, Int64, ServedId, ServedMemberName, ServedUsername
from horde_style_studio.domain.plain import ANONYMOUS_ABILITIES as ANONYMOUS_ABILITIES
from horde_style_studio.domain.plain import AUTHOR_ABILITIES as AUTHOR_ABILITIES
from horde_style_studio.domain.plain import MEMBER_ABILITIES as MEMBER_ABILITIES


class UserStyleRef(HordeModel):
    """A style the user owns (`name` reads "alias::style::name"); private ones only for the owner."""

    name: ServedMemberName = ""
    id: ServedId
    type: StyleKind


class KudosDetails(HordeModel):
    """Where a user's kudos came from; `styled` is what others' use of their styles earned."""

    accumulated: float = 0.0
    gifted: float = 0.0
    donated: float = 0.0
    admin: float = 0.0
    received: float = 0.0
    recurring: float = 0.0
    awarded: float = 0.0
    styled: float = 0.0


class AmountRecords(HordeModel):
    """How many images / texts / interrogations were generated, requested or styled."""

    image: Int64 = 0
    text: Int64 = 0
    interrogation: Int64 = 0


class UserRecords(HordeModel):
    """The subset of `records` this client shows: requests made and styled generations."""

    request: AmountRecords | None = None
    style: AmountRecords | None = None


class UserDetails(HordeModel):
    """`UserDetails`. Every field has a tolerant default; privileged fields only come for the own key."""

    model_config = ConfigDict(str_max_length=MAX_ANY_TEXT)

    username: ServedUsername = ""
    id: Int64 = 0
    kudos: float = 0.0
    moderator: bool = False
    trusted: bool = False
    customizer: bool = False
    service: bool = False
    education: bool = False
    special: bool = False
    deleted: bool = False
    flagged: bool = False
    pseudonymous: bool = False
    concurrency: Int64 = 0
    worker_invited: Int64 = 0
    worker_count: Int64 = 0
    account_age: Int64 = 0
    kudos_details: KudosDetails | None = None
    records: UserRecords | None = None
    styles: NullSafeList[UserStyleRef] = Field(default_factory=list)  # never lists collections (§6)
    sharedkey_ids: NullSafeList[str] = Field(default_factory=list)

    @property
    def is_anonymous(self) -> bool:
        return self.username.startswith("Anonymous") or self.id == 0

    @property
    def can_author_styles(self) -> bool:
        """§2.2 / §11.6: creating styles needs the customizer role or trust, and a real account."""
        return (self.customizer or self.trusted) and not self.is_anonymous and not self.deleted

    @property
    def can_build_collections(self) -> bool:
        """§3: any registered, non-anonymous, non-deleted user may create collections."""
        return not self.is_anonymous and not self.deleted

    @property
    def abilities(self) -> str:
        """What this account may do, in the one wording every part of the app uses."""
        if self.is_anonymous:
            return ANONYMOUS_ABILITIES
        return AUTHOR_ABILITIES if self.can_author_styles else MEMBER_ABILITIES

    @property
    def role_label(self) -> str:
        """The most telling role, for display: anonymous, moderator, customizer, trusted or user."""
        if self.is_anonymous:
            return "anonymous"
        if self.moderator:
            return "moderator"
        if self.customizer:
            return "customizer"
        return "trusted" if self.trusted else "user"
