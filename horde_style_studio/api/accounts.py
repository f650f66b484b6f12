"""Account and server endpoints: find_user, users/{id} (§6), models status (§7), style contract (§10)."""

from __future__ import annotations

from typing import Literal

from horde_style_studio.api.core import ClientCore
from horde_style_studio.api.errors import HordeProtocolError, NotFoundError
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.status import ActiveModel, StyleContract
from horde_style_studio.domain.users import UserDetails

ServerFlavour = Literal["5.1.13", "5.1.5"]


class AccountEndpoints(ClientCore):
    _flavour: ServerFlavour | None = None  # detected once per client (§11.2)

    async def find_user(self, *, api_key: str | None = None) -> UserDetails:
        """The account behind the API key (404 ``UserNotFound`` for an unknown key, §6, §12).

        ``api_key`` checks another key without adopting it, so a failed sign-in leaves the session as it was.
        """
        data = await self._call("GET", "/v2/find_user", auth=True, api_key=api_key)
        user = self._parse(UserDetails, data, "account details")
        # Every field has a default so odd answers still read, but an answer without the user's own id and
        # name (all nulls, say) describes nobody: it is no account with id 0 (issue 14).
        if not {"id", "username"} <= user.model_fields_set:
            raise HordeProtocolError("The AI Horde sent account details that name no user (no id or name).")
        return user

    async def get_user(self, user_id: int) -> UserDetails:
        data = await self._call("GET", f"/v2/users/{int(user_id)}")
        return self._parse(UserDetails, data, "account details")

    async def models_status(
        self, kind: StyleKind = StyleKind.IMAGE, *, min_count: int | None = None, model_state: str = "all"
    ) -> list[ActiveModel]:
        params = {"type": kind.value, "min_count": min_count, "model_state": model_state}
        data = await self._call("GET", "/v2/status/models", params=params)
        return self._parse_list(ActiveModel, data, "the model list")

    async def style_contract(self) -> StyleContract | None:
        """The 5.1.13 contract, or None on a server without the route (5.1.5, §10, §11.2)."""
        try:
            data = await self._call("GET", "/v2/status/style_contract")
        except NotFoundError:
            return None
        return self._parse(StyleContract, data, "the style contract")

    async def server_flavour(self) -> ServerFlavour:
        if self._flavour is None:
            self._flavour = "5.1.13" if await self.style_contract() is not None else "5.1.5"
        return self._flavour
