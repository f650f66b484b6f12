"""The Examples tab's presenter: which image style is shown, and every change to its examples.

Each change is one server call with the §2.7 quirks handled by the workflow, which returns the style as the
write left it: a re-read would come from the server's 30 s cache (§1, §12). Only a failed change re-reads.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterator

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from horde_style_studio.api import HordeManualClient
from horde_style_studio.api.client import is_uuid
from horde_style_studio.api.errors import HordeError, NotFoundError
from horde_style_studio.domain.styles import ImageStyle, StyleExample
from horde_style_studio.domain.users import UserDetails
from horde_style_studio.library import StyleLibrary
from horde_style_studio.services.images import ImageCheckError, ImageFetcher
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.examples.gallery_model import GalleryModel
from horde_style_studio.ui.examples.thumbnails import Thumbnails
from horde_style_studio.ui.shared.decoding import (
    CheckedImage,
    ImageLimits,
    download_and_check,
    full_off_thread,
)
from horde_style_studio.workflows.examples.access import (
    add_refusal,
    edit_refusal,
    including,
    link_refusal,
    own_image_styles,
)
from horde_style_studio.workflows.examples.edits import ExampleEdits

LOAD_TASK, ACTION_TASK = "examples.load", "examples.action"
CHECK_TASK, VIEW_TASK = "examples.check", "examples.view"
STOPPED = "Stopped checking the link; nothing was changed."
BUSY = "Wait until the current change is finished."


class ExamplesPresenter(QObject):
    """Owns the shown ``ImageStyle`` and the :class:`GalleryModel` of its examples.

    Signals: ``style_loaded(ImageStyle)``, ``load_failed(str)``, ``access_changed(str, str)`` (why editing,
    then why adding, is refused; empty when allowed), ``own_styles_changed(list)`` of ``(id, name)``,
    ``busy(bool)``, ``checked(CheckedImage)`` (a link passed the checks and is being added),
    ``refused(str)`` (nothing was sent to the Horde), ``failed(str)`` (the Horde refused or failed),
    ``saved(str)``, ``full_image_ready(str, QImage)`` and ``stored(str)`` (the library now holds the
    style with this id as the server returned it). After a change the gallery shows what was written, never
    a re-read: the server serves cached reads for 30 s (§1, §12).
    """

    style_loaded = Signal(object)
    load_failed = Signal(str)
    access_changed = Signal(str, str)
    own_styles_changed = Signal(list)
    busy = Signal(bool)
    # True while a link is being downloaded and checked, the one step a user may stop (cancel_check()).
    checking = Signal(bool)
    checked = Signal(object)
    refused = Signal(str)
    failed = Signal(str)
    saved = Signal(str)
    full_image_ready = Signal(str, QImage)
    stored = Signal(str)

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        fetcher: ImageFetcher,
        tasks: TaskRegistry,
        *,
        limits: ImageLimits | None = None,
        concurrency: int = 4,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetcher, self._tasks = fetcher, tasks
        self._edits = ExampleEdits(session, library)
        self._limits = limits or ImageLimits()
        self._style: ImageStyle | None = None
        self._user: UserDetails | None = None
        self._own: list[tuple[str, str]] = []
        self._busy_depth = 0
        self.model = GalleryModel(self)
        self.model.url_dropped.connect(self.add_example)
        self._thumbnails = Thumbnails(self.model, self._check, tasks, concurrency=concurrency)

    @property
    def style(self) -> ImageStyle | None:
        return self._style

    @property
    def user(self) -> UserDetails | None:
        return self._user

    def edit_refusal(self) -> str | None:
        return edit_refusal(self._style, self._user)

    # -- what is shown -----------------------------------------------------------------------------------
    def set_user(self, user: UserDetails | None) -> None:
        self._user = user
        self._own = own_image_styles(user)
        self.own_styles_changed.emit(self._own)
        self._announce_access()

    def set_own_styles(self, own: list[tuple[str, str]]) -> None:
        """``(id, name)`` of the user's image styles as the library has them now (after the Editor created,
        renamed or deleted one): the picker offers exactly these."""
        own = sorted(own, key=lambda pair: pair[1].casefold())
        if own != self._own:
            self._own = own
            self.own_styles_changed.emit(own)

    def open_style(self, style_id: str) -> None:
        """Show the image style with this id (the slot Browse and the Editor call)."""
        self._load(lambda: self._edits.read(style_id), style_id)

    def open_reference(self, text: str) -> None:
        """Show a style given by id or by name (any spelling §2.4 resolves)."""
        text = text.strip()
        if not text:
            self.refused.emit("Type the id or the name of an image style.")
        elif is_uuid(text):
            self.open_style(text)
        else:
            self._load(lambda: self._edits.read_by_name(text), text)

    def refresh(self) -> None:
        if self._style is not None:
            self.open_style(self._style.id)

    def _load(self, read: Callable[[], Awaitable[ImageStyle]], shown_as: str) -> None:
        self._tasks.start(self._read_style(read, shown_as), name=LOAD_TASK)

    async def _read_style(self, read: Callable[[], Awaitable[ImageStyle]], shown_as: str) -> None:
        with self._working():
            try:
                style = await read()
            except NotFoundError:
                self.load_failed.emit(f"The AI Horde has no image style “{shown_as}”.")
                return
            except HordeError as err:
                self.load_failed.emit(f"Could not open the style: {err}")
                return
        self._show(style)

    def _show(self, style: ImageStyle) -> None:
        self._style = style
        self.stored.emit(style.id)
        self._thumbnails.fill(self.model.set_examples(list(style.examples)))
        self.style_loaded.emit(style)
        own = including(self._own, style, self._user)
        if own is not self._own:
            self._own = own
            self.own_styles_changed.emit(own)
        self._announce_access()

    def _announce_access(self) -> None:
        self.access_changed.emit(
            edit_refusal(self._style, self._user) or "", add_refusal(self._style, self._user) or ""
        )

    async def _check(self, url: str) -> CheckedImage:
        return await download_and_check(self._fetcher, url, self._limits)

    # -- changes -----------------------------------------------------------------------------------------
    def add_example(self, url: str) -> None:
        """Download and check ``url``, then add it; refused before any request when it cannot be added."""
        url = url.strip()
        reason = add_refusal(self._style, self._user) or self._url_refusal(url, keep=None)
        if reason is not None or self._style is None:
            self.refused.emit(reason or "")
            return
        shown = self._style
        self._start(lambda: self._add(shown, url))

    def make_primary(self, row: int) -> None:
        if (target := self._target(row)) is None:
            return
        shown, example = target
        if example.primary and sum(ex.primary for ex in shown.examples) == 1:
            self.refused.emit("This example is already the primary one.")
            return
        self._start(lambda: self._write_trusted(
            shown.id, lambda: self._edits.make_primary(shown, example.id),
            "The primary example changed.",
        ))

    def replace_example(self, row: int, url: str) -> None:
        """Point the example at ``url`` instead, after the same checks as adding; it stays (non-)primary."""
        url = url.strip()
        if (target := self._target(row)) is None:
            return
        shown, example = target
        if (reason := self._url_refusal(url, keep=example)) is not None:
            self.refused.emit(reason)
            return
        self._start(lambda: self._replace(shown, example, url))

    def remove_example(self, row: int) -> None:
        """Delete the example; after removing a primary, make sure exactly one primary is left (§2.7 B5)."""
        if (target := self._target(row)) is None:
            return
        shown, example = target
        self._start(lambda: self._write_trusted(
            shown.id, lambda: self._edits.remove(shown, example.id),
            "The example was removed.",
        ))

    def view_full(self, row: int) -> None:
        item = self.model.item(row)
        if item is None:
            return
        if item.image is None:
            self.refused.emit(item.detail or "The image has not loaded yet.")
            return
        self._tasks.start(self._view(item.example.url, item.image.data), name=VIEW_TASK)

    def _target(self, row: int) -> tuple[ImageStyle, StyleExample] | None:
        """The shown style and the example at ``row``, or None after saying why it cannot change."""
        item = self.model.item(row)
        reason = self.edit_refusal() or (None if item else "Select an example first.")
        if reason is None and self._tasks.running(ACTION_TASK):
            reason = BUSY
        if reason is not None or item is None or self._style is None:
            self.refused.emit(reason or "")
            return None
        return self._style, item.example

    def _url_refusal(self, url: str, *, keep: StyleExample | None) -> str | None:
        reason = link_refusal(self._style, url, replacing=keep)
        if reason is None and self._tasks.running(ACTION_TASK):
            reason = BUSY
        return reason or self._fetcher.policy.refusal(url)

    def _start(self, work: Callable[[], Awaitable[None]]) -> None:
        self._tasks.start(self._guarded(work), name=ACTION_TASK)

    async def _guarded(self, work: Callable[[], Awaitable[None]]) -> None:
        # The coroutine is made inside the task, so a task cancelled before it starts leaves none unawaited.
        with self._working():
            await work()

    async def _add(self, shown: ImageStyle, url: str) -> None:
        if await self._checked_or_refused(url) is None:
            return
        await self._write_trusted(
            shown.id,
            lambda: self._edits.add(shown, url),
            "The example was added.",
        )

    async def _replace(self, shown: ImageStyle, example: StyleExample, url: str) -> None:
        if await self._checked_or_refused(url) is None:
            return
        await self._write_trusted(
            shown.id,
            lambda: self._edits.replace(shown, example.id, url),
            "The example's link was replaced.",
        )

    def cancel_check(self) -> None:
        """Stop downloading the link being checked; nothing reaches the server."""
        self._tasks.cancel(CHECK_TASK)

    async def _checked_or_refused(self, url: str) -> CheckedImage | None:
        # Its own task, so Cancel stops the download alone, never a write the server may have done.
        check = self._tasks.task(self._check_or_problem(url), name=CHECK_TASK)
        self.checking.emit(True)
        try:
            outcome = await asyncio.shield(check)
        except asyncio.CancelledError:
            if not check.cancelled():
                check.cancel()
                raise  # the whole action was cancelled (the tab closes), not just the check
            self.refused.emit(STOPPED)
            return None
        finally:
            self.checking.emit(False)
        if isinstance(outcome, ImageCheckError):
            self.refused.emit(outcome.message)
            return None
        self._thumbnails.remember(outcome)
        self.checked.emit(outcome)
        return outcome

    async def _check_or_problem(self, url: str) -> CheckedImage | ImageCheckError:
        try:
            return await self._check(url)
        except ImageCheckError as err:
            return err

    async def _write_trusted(
        self, style_id: str, call: Callable[[], Awaitable[ImageStyle]], done: str
    ) -> None:
        """Show the style as the write left it: a re-read would come from the server's 30 s cache (§1)."""
        try:
            style = await call()
        except HordeError as err:
            self.failed.emit(str(err))
            await self._reread(style_id)
            return
        self.saved.emit(done)
        self._show(style)

    async def _reread(self, style_id: str) -> None:
        """After a refused or failed change: show the style as the server holds it, one primary left."""
        try:
            style = await self._edits.settled(style_id)
        except HordeError as err:
            self.load_failed.emit(f"Could not re-read the style after the change: {err}")
            return
        self._show(style)

    async def _view(self, url: str, data: bytes) -> None:
        try:
            image = await full_off_thread(data, self._limits)
        except ImageCheckError as err:
            self.refused.emit(err.message)
            return
        self.full_image_ready.emit(url, image)

    @contextlib.contextmanager
    def _working(self) -> Iterator[None]:
        self._busy_depth += 1
        if self._busy_depth == 1:
            self.busy.emit(True)
        try:
            yield
        finally:
            self._busy_depth -= 1
            if self._busy_depth == 0:
                self.busy.emit(False)
