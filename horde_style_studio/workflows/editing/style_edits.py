"""The editor's round trips: re-fetch and diff before saving, create, full-object PATCH, delete, and the
5.1.5 text-style delete-and-recreate, each taking a snapshot of the server's version first.

No Qt: the presenter runs these as tasks and turns their outcomes and errors into signals.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pydantic

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.api.errors import HordeError, NotFoundError
from horde_style_studio.api.references import style_reference
from horde_style_studio.domain.diff import Change, diff_styles, payload_of
from horde_style_studio.domain.escaping import as_stored
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.responses import ModifyResult
from horde_style_studio.domain.styles import AnyStyle, AnyStyleWrite, style_read_model, style_write_model
from horde_style_studio.library import LibraryError, StyleLibrary
from horde_style_studio.library.history import LibraryHistory, SnapshotReason
from horde_style_studio.workflows.editing import messages
from horde_style_studio.workflows.editing.document import Document

log = logging.getLogger(__name__)
CACHED_READS = 30.0  # seconds the server serves a cached read after a write (§1, §12)


class RecreateFailedError(HordeError):
    """The old style was deleted, but creating it again failed (``cause`` says why)."""

    def __init__(self, cause: HordeError) -> None:
        super().__init__(cause.message, status=cause.status, rc=cause.rc, field_errors=cause.field_errors)
        self.cause = cause


@dataclass(frozen=True)
class Review:
    """What saving ``sent`` will do. ``changes``: the server's copy → ``sent``. ``theirs``: what changed on
    the server since editing began (empty when nothing did). ``gone``: the style was deleted meanwhile."""

    kind: StyleKind
    sent: Document
    changes: list[Change]
    creating: bool = False
    theirs: list[Change] = field(default_factory=list)
    gone: bool = False
    server: AnyStyle | None = None

    @property
    def conflict(self) -> bool:
        return bool(self.theirs)


@dataclass(frozen=True)
class Saved:
    """A finished save: the style's id (new after a create or recreate) and the server's warnings."""

    style_id: str
    warnings: list[str]
    served: AnyStyle | None


class StyleServer:
    """The session, plus the library for snapshots and for mirroring what was saved."""

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        history: LibraryHistory,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self.library = library
        self.history = history
        self._clock = clock
        # style id -> (when, the versions this app replaced within the cache's 30 s, what it wrote last)
        self._written: dict[str, tuple[float, list[AnyStyle], AnyStyle]] = {}

    async def current(self, kind: StyleKind, style_id: str, hint: AnyStyle | None) -> AnyStyle | None:
        """The server's copy now; None when it no longer has the style.

        Read by name (90 a minute) and by id only when that fails: 5.1.5 allows 20 reads of one image style
        by id an hour (§1, §12), which a curator saving often would spend. Within 30 s of this app's own
        write, a read showing the version that write replaced is the server's response cache (§1, §12), not
        someone else's change: the copy this app wrote is trusted instead.
        """
        read = await self._read(kind, style_id, hint)
        written = self._written.get(style_id)
        if written is None or self._clock() - written[0] >= CACHED_READS:
            return read
        _, replaced, mine = written
        if read is None or any(not diff_styles(payload_of(old), payload_of(read)) for old in replaced):
            return mine
        return read

    async def _read(self, kind: StyleKind, style_id: str, hint: AnyStyle | None) -> AnyStyle | None:
        name = style_reference(hint) if hint is not None and hint.creator else None
        try:
            return await self.session.read_style(kind, style_id, name)
        except NotFoundError:
            return None

    async def review(
        self, kind: StyleKind, style_id: str, base: Document | None, hint: AnyStyle | None, sent: Document
    ) -> Review:
        server = await self.current(kind, style_id, hint)
        if server is None:
            return Review(kind, sent, diff_styles(None, sent), gone=True)
        now = payload_of(server)
        theirs = diff_styles(base, now) if base is not None else []
        return Review(kind, sent, diff_styles(now, sent), theirs=theirs, server=server)

    async def create(self, kind: StyleKind, doc: Document, username: str | None) -> Saved:
        result = await self.session.create_style(kind, _write(kind, doc))
        return self._saved(kind, result, doc, username, None)

    async def patch(self, kind: StyleKind, style_id: str, doc: Document, server: AnyStyle) -> Saved:
        """Snapshot the server's copy, then PATCH the full object (§2.5)."""
        self.history.take_snapshot(server, SnapshotReason.PATCH)
        result = await self.session.patch_style(kind, style_id, _write(kind, doc))
        return self._saved(kind, result, doc, server.creator, server, style_id)

    async def recreate(self, kind: StyleKind, server: AnyStyle, doc: Document, username: str | None) -> Saved:
        """§9 B4: on 5.1.5 a text style can only change by delete and create; the id and use count go."""
        self.history.take_snapshot(server, SnapshotReason.DELETE)
        await self.session.delete_style(kind, server.id)
        self._forget(server.id)
        try:
            result = await self.session.create_style(kind, _write(kind, doc))
        except HordeError as err:
            raise RecreateFailedError(err) from err
        saved = self._saved(kind, result, doc, username, None)
        self.history.link_recreated(server.id, saved.style_id)
        return saved

    async def delete(self, kind: StyleKind, style_id: str, hint: AnyStyle | None) -> AnyStyle:
        """Snapshot, then DELETE. Raises NotFoundError when the server no longer has it."""
        server = await self.current(kind, style_id, hint)
        if server is None:
            raise NotFoundError("The server no longer has this style; it was already deleted.", status=404)
        self.history.take_snapshot(server, SnapshotReason.DELETE)
        await self.session.delete_style(kind, style_id)
        self._forget(style_id)
        return server

    def _forget(self, style_id: str) -> None:
        self._written.pop(style_id, None)
        try:
            self.library.mark_style_deleted(style_id)
        except LibraryError as err:  # the server's answer counts; the next refresh fixes the library
            log.warning("could not mark the deleted style in the library: %s", err)

    async def half_made(self, kind: StyleKind, username: str | None, name: str) -> AnyStyle | None:
        """§9 B12: a create refused for a profane model or tag has already stored the style, without its
        models and tags. Returns that style when it exists."""
        if not username:
            return None
        try:
            # The reference is escaped as the server stores names (§2.2); the read comes back as written.
            found = await self.session.get_style_by_name(kind, f"style::{username}::{name}")
        except HordeError:
            return None
        return found if found.creator == username and as_stored(found.name) == as_stored(name) else None

    def _saved(self, kind: StyleKind, result: ModifyResult, doc: Document, creator: str | None,
               before: AnyStyle | None, style_id: str | None = None) -> Saved:  # fmt: skip
        new_id = result.id or style_id or ""
        warnings = [w.message or w.code or "" for w in result.warnings if w.message or w.code]
        if blank := len(result.warnings) - len(warnings):
            warnings.append(messages.blank_warnings(blank))
        served = self._mirror(kind, new_id, doc, creator, before)
        if served is not None:
            self._remember_write(new_id, before, served)
        return Saved(new_id, warnings, served)

    def _remember_write(self, style_id: str, before: AnyStyle | None, served: AnyStyle) -> None:
        now = self._clock()
        earlier = self._written.get(style_id)
        replaced = [before] if before is not None else []
        if earlier is not None and now - earlier[0] < CACHED_READS:
            # A read cached before the previous write may still be served: any of these versions can come.
            replaced += [*earlier[1], earlier[2]]
        self._written[style_id] = (now, replaced, served)

    def _mirror(self, kind: StyleKind, style_id: str, doc: Document, creator: str | None,
                before: AnyStyle | None) -> AnyStyle | None:  # fmt: skip
        """Put what was saved into the library at once, so Browse shows it before the next refresh."""
        try:
            style = served_after_save(kind, style_id, doc, creator, before)
            self.library.upsert_styles(kind, [style], datetime.now(UTC), mine=True)
        except (pydantic.ValidationError, LibraryError) as err:
            log.warning("could not mirror the saved style into the library: %s", err)
            return None
        return style


def served_after_save(
    kind: StyleKind, style_id: str, sent: Document, creator: str | None, before: AnyStyle | None
) -> AnyStyle:
    """The style as the server holds it after ``sent`` was saved over ``before`` (None: created anew).

    A write payload carries only what an author sets; what the server keeps beside it (the examples, the
    use count, the shared key's details, §2.8) is merged in from ``before``, so that saving an image style
    never empties its examples in the library.
    """
    model = style_read_model(kind)
    kept: dict[str, Any] = {}
    if before is not None:
        server_only = set(model.model_fields) - set(style_write_model(kind).model_fields) - {"id", "creator"}
        kept = before.model_dump(include=server_only)
    return model.model_validate({**sent, **kept, "id": style_id, "creator": creator})


def _write(kind: StyleKind, doc: Document) -> AnyStyleWrite:
    return style_write_model(kind).model_validate(doc)
