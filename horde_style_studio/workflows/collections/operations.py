"""The Collections tab's round trips: open, find, save and delete a collection, with the server's quirks.

No Qt here: the presenter runs these as tasks and turns their results and errors into signals. What the
server forgets (which collections are the user's, their descriptions, §3 / §9 B6) comes from the library's
own-collections table, which every successful write updates.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from horde_style_studio.api.errors import HordeError, NotFoundError, RateLimitedError
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.own_collections import (
    LibraryOwnCollections,
    MemberRef,
    Origin,
    OwnCollection,
    OwnCollectionState,
)
from horde_style_studio.library.store import StyleLibrary
from horde_style_studio.workflows.cards import Card, Mark
from horde_style_studio.workflows.collections.records import CollectionDraft, OpenCollection

if TYPE_CHECKING:
    from horde_style_studio.api.client import HordeManualClient
    from horde_style_studio.domain.collections import Collection, CollectionWrite

# §1: reads are cached for about 30 s, so right after a save the server may still serve the old state; what
# the app saved itself within this window is trusted over what a read returns.
CACHE_WINDOW = 60.0
MAX_LOOKUPS = 25  # by-name lookups of members missing from the library, per opened collection


# REFERENCE §3: a collection carries no owner.
PUBLIC_NOTE = "A public collection: the server does not say whose it is, so saving makes a copy for you."


class DraftError(Exception):
    """The draft cannot be saved as it is; ``str(err)`` says why, before anything was sent."""


def member_card(
    library: StyleLibrary, member: MemberRef, kind: StyleKind | None, *, listed: bool | None
) -> Card:
    """The card for a member. ``listed``: whether the server's answer names it (None: no answer to go by).

    The server lists only members that still exist (§3), so a listed member is never gone, whatever an
    older library copy says, and a remembered member it no longer lists is.
    """
    row = library.get_row(member.id)
    card = Card.from_row(row) if row is not None else Card.from_member(member, kind)
    if listed is False:
        return card.with_mark(Mark.GONE)
    if listed and card.mark is Mark.GONE:
        return card.with_mark(Mark.OK if row is None or row.public else Mark.PRIVATE)
    return card


def cards_from_library(library: StyleLibrary, ids: Sequence[str]) -> list[Card]:
    """Cards for the style ids a drag carries, in that order; ids the library does not hold are left out."""
    rows = (library.get_row(style_id) for style_id in ids)
    return [Card.from_row(row) for row in rows if row is not None]


def opened_from_record(library: StyleLibrary, record: OwnCollection, *, note: str = "") -> OpenCollection:
    state = record.state
    cards = tuple(member_card(library, m, state.kind, listed=None) for m in state.members)
    return OpenCollection(record.id, state.name, state.info, state.public, state.kind, cards, True,
                          record.gone, note)  # fmt: skip


def opened_from_served(library: StyleLibrary, served: Collection, *, owned: bool) -> OpenCollection:
    members = [MemberRef(m.id, m.name) for m in served.styles]
    cards = tuple(member_card(library, m, served.type, listed=True) for m in members)
    note = "" if owned else PUBLIC_NOTE
    return OpenCollection(served.id, served.name, served.info or "", served.public, served.type, cards, owned,
                          note=note)  # fmt: skip


def merged_state(
    record: OwnCollection, served: Collection, now: float
) -> tuple[OwnCollectionState, set[str] | None]:
    """The state to show for a remembered collection the server also served, and the remembered member ids
    the server no longer lists (None: too soon after a save to compare).

    Name, visibility and kind follow the server unless the app saved within :data:`CACHE_WINDOW`; the
    description is always the remembered one (the server never returns it, §3). Members the server lists
    and the app did not know are added; remembered ones it dropped stay, to be shown as gone.
    """
    state = record.state
    if now - record.saved_at.timestamp() < CACHE_WINDOW:
        return state, None
    known = {m.id for m in state.members}
    members = (*state.members, *(MemberRef(m.id, m.name) for m in served.styles if m.id not in known))
    merged = replace(state, name=served.name, public=served.public, kind=served.type or state.kind,
                     members=members)  # fmt: skip
    return merged, known - {m.id for m in served.styles}


class CollectionOps:
    """The operations for one account over one session, library and own-collections store."""

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        own: LibraryOwnCollections,
        account: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.session = session
        self.library = library
        self.own = own
        self.account = account
        self._clock = clock

    async def open(self, collection_id: str) -> OpenCollection:
        record = self.own.own_collection(self.account, collection_id)
        try:
            served = await self.session.get_collection(collection_id)
        except NotFoundError:
            if record is None:
                raise
            self.own.mark_own_collection_gone(self.account, collection_id)
            gone = self.own.own_collection(self.account, collection_id) or record
            return opened_from_record(self.library, gone, note=(
                "This collection was deleted on the server. Saving creates it again with these styles."
            ))  # fmt: skip
        except HordeError as err:
            if record is None:
                raise
            return opened_from_record(self.library, record, note=f"Showing what was saved here: {err}")
        if record is None:
            return await self.check_members(opened_from_served(self.library, served, owned=False))
        return await self.check_members(self._merge(record, served))

    def _merge(self, record: OwnCollection, served: Collection) -> OpenCollection:
        state, gone_ids = merged_state(record, served, self._clock())
        if state != record.state:
            record = self.own.remember_collection(self.account, record.id, state, record.origin)
        cards = tuple(
            member_card(
                self.library, m, state.kind, listed=None if gone_ids is None else m.id not in gone_ids
            )
            for m in state.members
        )
        return OpenCollection(record.id, state.name, state.info, state.public, state.kind, cards, True)

    async def check_members(self, opened: OpenCollection) -> OpenCollection:
        """Look up, by name (90/min, not the 20/hour by-id route, §1 / B8), members the library lacks."""
        if opened.kind is None:
            return opened
        cards = list(opened.members)
        lookups = 0
        for index, card in enumerate(cards):
            if card.mark is not Mark.UNCHECKED or card.reference == card.id:
                continue
            if lookups == MAX_LOOKUPS:
                break
            lookups += 1
            try:
                style = await self.session.get_style_by_name(opened.kind, card.reference)
            except RateLimitedError:
                break
            except HordeError:
                continue
            if style.id == card.id:
                from horde_style_studio.domain.styles import primary_example  # a style came: pydantic is in

                example = primary_example(style)
                cards[index] = Card(style.id, style.kind, style.name, style.creator or card.creator,
                                         style.info, example.url if example else None,
                                         Mark.OK if style.public else Mark.PRIVATE)  # fmt: skip
        return replace(opened, members=tuple(cards))

    async def find_own(self, name: str) -> OpenCollection:
        """The account's collection called ``name``; remembered from now on as found (§3: no listing)."""
        # ``collection::alias#id::name`` matches only this account's collections (§2.4, §3).
        served = await self.session.get_collection_by_name(f"{self.account}::{name.strip()}")
        record = self.own.own_collection(self.account, served.id)
        if record is None:
            members = tuple(MemberRef(m.id, m.name) for m in served.styles)
            state = OwnCollectionState(served.name, served.type, "", served.public, members)
            record = self.own.remember_collection(self.account, served.id, state, Origin.FOUND)
        return await self.check_members(self._merge(record, served))

    async def save(self, draft: CollectionDraft) -> OpenCollection:
        """Create or patch; the members go by name (§3), gone ones are left out."""
        # The models (and pydantic) load on the first save, not on the way to the first paint (issue 18).
        from horde_style_studio.domain.collections import CollectionWrite

        members = draft.sendable
        write = CollectionWrite(name=draft.name.strip(), info=draft.info.strip() or None, public=draft.public,
                                styles=[card.reference for card in members])  # fmt: skip
        self._check(write, draft)
        if draft.creates:
            result = await self.session.create_collection(write)
            if not result.id:
                raise DraftError("The server said OK but sent no id for the new collection.")
            collection_id, origin = result.id, Origin.CREATED
        else:
            assert draft.id is not None  # not creates
            await self.session.patch_collection(draft.id, write)
            record = self.own.own_collection(self.account, draft.id)
            collection_id, origin = draft.id, record.origin if record else Origin.CREATED
        if draft.gone and draft.id:
            self.own.forget_collection(self.account, draft.id)
        kind = draft.kind
        state = OwnCollectionState(write.name, kind, write.info or "", write.public,
                                   tuple(card.member for card in members))  # fmt: skip
        self.own.remember_collection(self.account, collection_id, state, origin)
        return OpenCollection(collection_id, state.name, state.info, state.public, kind, members, True)

    def _check(self, write: CollectionWrite, draft: CollectionDraft) -> None:
        from horde_style_studio.domain.validation import validate_collection

        problems = validate_collection(write.to_payload())
        if problems:
            raise DraftError(" ".join(problem.message for problem in problems))
        same = self.own.own_collection_named(self.account, write.name)
        if same is not None and (draft.creates or same.id != draft.id):
            # §3 / B6: the server has no duplicate check of its own and fails with a 500 on a repeated name.
            raise DraftError(f"You already have a collection called “{write.name}”. Choose another name.")

    async def delete(self, collection_id: str) -> None:
        with contextlib.suppress(NotFoundError):  # already gone: forgetting it is all that is left to do
            await self.session.delete_collection(collection_id)
        self.own.forget_collection(self.account, collection_id)
