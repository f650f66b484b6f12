"""``CollectionsPresenter``: the Collections tab's link to the session and the library."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.api.errors import HordeError, NotFoundError
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.users import UserDetails
from horde_style_studio.library import LibraryError, StyleLibrary, StyleQuery
from horde_style_studio.library.own_collections import LibraryOwnCollections, OwnCollections
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.workflows.cards import Card, Mark
from horde_style_studio.workflows.collections.messages import ANONYMOUS, SIGNED_OUT, save_error, styles
from horde_style_studio.workflows.collections.operations import CollectionOps, DraftError, cards_from_library
from horde_style_studio.workflows.collections.records import CollectionDraft, CollectionEntry, OpenCollection

TASK = "collections"
PUBLIC_TASK = "collections.public"


class CollectionsPresenter(QObject):
    """Owns the collection lists, the style search and the open collection's round trips.

    Signals: ``listed(list[CollectionEntry])``, ``opened(OpenCollection)``, ``styles_found(list[Card])``,
    ``saved(str)``, ``deleted(str)``, ``failed(str)``, ``busy(bool)``, ``picked(object)`` (a Card or
    None), ``can_save(object)`` (None when saving is possible, else why not) and ``add_requested(list[str])``
    (style ids for the builder: "Add to collection" from any tab). One open, find, save or delete runs at a
    time; starting another cancels the previous one.
    """

    listed = Signal(list)
    opened = Signal(object)
    styles_found = Signal(list)
    saved = Signal(str)
    deleted = Signal(str)
    failed = Signal(str)
    busy = Signal(bool)
    picked = Signal(object)
    can_save = Signal(object)
    add_requested = Signal(list)

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        tasks: TaskRegistry,
        parent: QObject | None = None,
        *,
        own: LibraryOwnCollections | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self._then_add: tuple[str, list[str]] | None = None  # styles to add once that collection is open
        self._session = session
        self._library = library
        self._own = own if own is not None else OwnCollections(library)
        self._tasks = tasks
        self._rng = rng or random.Random()
        self._clock = clock
        self._account: str | None = None
        self._blocked: str | None = SIGNED_OUT
        self._deleted: set[str] = set()

    # -- account ---------------------------------------------------------------------------------------------
    @property
    def account(self) -> str | None:
        return self._account

    @property
    def save_blocked(self) -> str | None:
        """Why saving is impossible right now, or None."""
        return self._blocked

    def set_account(self, user: UserDetails | None) -> None:
        """The signed-in user (None: signed out). §3: any registered user may build collections.

        Another account closes the open collection: only its owner may change it (§3).
        """
        before = self._account
        if user is None:
            self._account, self._blocked = None, SIGNED_OUT
        elif not user.can_build_collections:
            self._account, self._blocked = None, ANONYMOUS
        else:
            self._account, self._blocked = user.username, None
        self.can_save.emit(self._blocked)
        if self._account != before:
            self.new_collection()
        self.refresh_list()

    # -- lists and search (synchronous: one short library query each) ---------------------------------------
    def refresh_list(self) -> None:
        try:
            self.listed.emit(self._entries())
        except LibraryError as err:
            self.failed.emit(str(err))

    def _entries(self) -> list[CollectionEntry]:
        mine = self._own.own_collections(self._account) if self._account else []
        entries = [
            CollectionEntry(c.id, c.name, c.state.kind, c.state.public, len(c.state.members), True, c.gone)
            for c in mine
        ]
        hidden = {c.id for c in mine} | self._deleted
        entries += [
            CollectionEntry(row.id, row.name, row.kind, row.public, row.member_count, False)
            for row in self._library.collections()
            if row.id not in hidden
        ]
        return entries

    def search_styles(self, text: str, kind: StyleKind | None = None) -> None:
        """The library search Browse uses (FTS prefix words), for the tab's style list."""
        try:
            rows = self._library.search(StyleQuery(text=text, kind=kind, limit=300))
        except LibraryError as err:
            self.failed.emit(str(err))
            return
        self.styles_found.emit([Card.from_row(row) for row in rows])

    def style_count(self) -> int:
        """How many styles a search of the whole library can find (0: the library is empty)."""
        try:
            return self._library.count(StyleQuery(limit=None))
        except LibraryError as err:
            self.failed.emit(str(err))
            return 0

    def cards_for(self, ids: Sequence[str]) -> list[Card]:
        """Cards for dropped style ids (the builder's resolver); ids the library lacks are left out."""
        try:
            return cards_from_library(self._library, ids)
        except LibraryError as err:
            self.failed.emit(str(err))
            return []

    def add_to_collection(self, style_ids: Sequence[str], collection_id: str | None = None) -> None:
        """The "Add to collection" action of any tab: the builder adds them as if they were dropped, to the
        collection open in it (``collection_id`` None), to that collection once opened, or ("") to a new
        one."""
        if not style_ids:
            return
        if collection_id == "":
            self.new_collection()
        elif collection_id is not None:
            self._then_add = (collection_id, list(style_ids))
            self.open(collection_id)
            return
        self.add_requested.emit(list(style_ids))

    def try_pick(self, cards: Sequence[Card]) -> Card | None:
        """The member a generation's random draw could choose this time (§3: one member at random)."""
        drawable = [card for card in cards if card.mark is not Mark.GONE]
        card = self._rng.choice(drawable) if drawable else None
        self.picked.emit(card)
        return card

    def new_collection(self) -> None:
        self._tasks.cancel(TASK)
        self.opened.emit(OpenCollection())

    # -- round trips -----------------------------------------------------------------------------------------
    def open(self, collection_id: str) -> None:
        self._run(self._open(collection_id))

    def find_by_name(self, name: str) -> None:
        if not name.strip():
            self.failed.emit("Type the name of one of your collections first.")
        elif self._guard():
            self._run(self._find(name))

    def save(self, draft: CollectionDraft) -> None:
        if self._guard():
            self._run(self._save(draft))

    def delete(self, collection_id: str) -> None:
        """Delete on the server and forget it. The page asks for confirmation before calling this."""
        if self._guard():
            self._run(self._delete(collection_id))

    def refresh_public(self) -> None:
        """Read the server's public collections into the library, then list them."""
        self._tasks.start(self._refresh_public(), name=PUBLIC_TASK)

    def _guard(self) -> bool:
        if self._blocked is not None:
            self.failed.emit(self._blocked)
        return self._blocked is None

    def _ops(self) -> CollectionOps:
        return CollectionOps(self._session, self._library, self._own, self._account or "", self._clock)

    def _run(self, work: Coroutine[Any, Any, None]) -> None:
        self._tasks.start(self._busy(work), name=TASK)

    async def _busy(self, work: Coroutine[Any, Any, None]) -> None:
        self.busy.emit(True)
        try:
            await work
        except (HordeError, LibraryError, DraftError) as err:
            self.failed.emit(str(err))
        finally:
            self.busy.emit(False)

    async def _open(self, collection_id: str) -> None:
        try:
            opened = await self._ops().open(collection_id)
        except NotFoundError:
            self._deleted.add(collection_id)
            self.refresh_list()
            raise
        self.refresh_list()
        self.opened.emit(opened)
        waiting, self._then_add = self._then_add, None
        if waiting is not None and waiting[0] == opened.id:
            self.add_requested.emit(waiting[1])

    async def _find(self, name: str) -> None:
        try:
            opened = await self._ops().find_own(name)
        except NotFoundError:
            self.failed.emit(f"Your account has no collection called “{name.strip()}” on the server.")
            return
        self.refresh_list()
        self.opened.emit(opened)
        self.saved.emit(f"Found “{opened.name}”; it is listed under your collections from now on.")

    async def _save(self, draft: CollectionDraft) -> None:
        try:
            opened = await self._ops().save(draft)
        except HordeError as err:
            self.failed.emit(save_error(err, draft))
            return
        self.refresh_list()
        self.opened.emit(opened)
        left_out = len(draft.members) - len(opened.members)
        verb = "Created" if draft.creates else "Saved"
        extra = f" Left out {styles(left_out, 'deleted style')}." if left_out else ""
        self.saved.emit(f"{verb} “{opened.name}” with {styles(len(opened.members))}.{extra}")

    async def _delete(self, collection_id: str) -> None:
        name = self._name_of(collection_id)
        await self._ops().delete(collection_id)
        self._deleted.add(collection_id)
        self.refresh_list()
        self.opened.emit(OpenCollection())
        self.deleted.emit(f"Deleted “{name}”." if name else "Deleted the collection.")

    def _name_of(self, collection_id: str) -> str:
        record = self._own.own_collection(self._account or "", collection_id)
        return record.name if record else ""

    async def _refresh_public(self) -> None:
        try:
            found = await self._session.list_collections(all_pages=True)
            self._library.upsert_collections(found, datetime.fromtimestamp(self._clock(), UTC))
        except (HordeError, LibraryError) as err:
            self.failed.emit(f"Could not refresh the public collections: {err}")
            return
        self.refresh_list()
