"""Plain constants of the domain, without pydantic: the window's first paint (issue 18) shows them before
the domain's models are loaded. ``domain.users`` and ``domain.limits`` re-export them."""

from __future__ import annotations

from typing import Final

# What an account may do, said the same way in the sign-in dialog, the status bar, the menus and the tabs.
ANONYMOUS_ABILITIES = (
    "The anonymous key may browse and try styles only: saving styles or collections needs a registered "
    "account."
)
AUTHOR_ABILITIES = "May create and edit styles, and build collections."
MEMBER_ABILITIES = "May build collections. Creating styles needs the customizer role or a trusted account."

MAX_EXAMPLES: Final = 4
