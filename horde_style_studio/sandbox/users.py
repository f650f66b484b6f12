"""The sandbox's fixed accounts and their API keys.

The keys are fixed 22-character strings, like real Horde keys, so demos, tests and the ``--sandbox`` app can
hard-code them. They only ever unlock this fake server.
"""

from __future__ import annotations

from dataclasses import dataclass

# The keys live in .constants: the --sandbox app reads them before its first paint, without this module's
# accounts (issue 18).
from .constants import ANONYMOUS_KEY
from .constants import CUSTOMIZER_KEY as CUSTOMIZER_KEY
from .constants import MODERATOR_KEY as MODERATOR_KEY
from .constants import TRUSTED_KEY as TRUSTED_KEY
from .constants import USER_KEY as USER_KEY


@dataclass(frozen=True)
class User:
    """One Horde account. ``username`` is the "alias#id" form the Horde shows everywhere."""

    id: int
    alias: str
    key: str
    customizer: bool = False
    trusted: bool = False
    moderator: bool = False
    deleted: bool = False
    kudos: float = 0.0
    account_age: int = 86_400
    contact: str | None = None

    @property
    def username(self) -> str:
        return f"{self.alias}#{self.id}"

    @property
    def anonymous(self) -> bool:
        return self.id == 0

    def __repr__(self) -> str:
        # Keep the key out of reprs (working rules: never put a key in a repr).
        return f"User(id={self.id}, alias={self.alias!r})"


def _author(user_id: int, alias: str, *, deleted: bool = False) -> User:
    return User(
        user_id,
        alias,
        f"sbx-author-key-{user_id:07d}",
        customizer=True,
        deleted=deleted,
        kudos=1000.0 + 137 * user_id,
        account_age=3_000_000 + 86_400 * user_id,
    )


ANONYMOUS = User(0, "Anonymous", ANONYMOUS_KEY, account_age=90_000_000)
CURATOR = User(
    1, "sandbox_curator", CUSTOMIZER_KEY, customizer=True, kudos=25_000.0, contact="curator@sandbox.test"
)
PLAIN_USER = User(2, "sandbox_user", USER_KEY, kudos=1_500.0)
MODERATOR = User(3, "sandbox_mod", MODERATOR_KEY, moderator=True, trusted=True, kudos=90_000.0)
TRUSTED = User(4, "sandbox_trusted", TRUSTED_KEY, trusted=True, kudos=12_000.0)

SEED_AUTHORS: tuple[User, ...] = (
    _author(5, "inkwell_atelier"),
    _author(6, "lumen_forge"),
    _author(7, "grainy_pixels"),
    _author(8, "moth_and_lamp"),
    _author(9, "copperplate"),
    _author(10, "static_bloom"),
    _author(11, "velvet_ansel"),
    _author(12, "retired_painter", deleted=True),
)

DEMO_USERS: tuple[User, ...] = (ANONYMOUS, CURATOR, PLAIN_USER, MODERATOR, TRUSTED, *SEED_AUTHORS)
"""Every account the sandbox knows, the anonymous one first."""
