"""The Examples tab's presenter: which image style is shown, and every change to its examples.

Each change is one server call with the §2.7 quirks handled by the client, followed by a re-read: the
gallery only ever shows what the server returned, never what the app hoped it would hold.
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
from horde_style_studio.domain.base import StyleKind
from horde_style_studio.domain.styles import ImageStyle, StyleExample
from horde_style_studio.domain.users import UserDetails
from horde_style_studio.services.images import ImageCheckError, ImageFetcher
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.examples.access import (
    add_refusal,
    edit_refusal,
    including,
    link_refusal,
    own_image_styles,
)
from horde_style_studio.ui.examples.gallery_model import GalleryModel
from horde_style_studio.ui.examples.thumbnails import Thumbnails
from horde_style_studio.ui.shared.decoding import (
    CheckedImage,
    ImageLimits,
    download_and_check,
    full_off_thread,
)

LOAD_TASK, ACTION_TASK = "examples.load", "examples.action"
RECHECK_TASK, VIEW_TASK = "examples.recheck", "examples.view"
# REFERENCE §1 / §12: the server caches style reads for about 30 s, so a re-read right after a write can
# still show the old examples; one more read after the cache has expired shows the truth.
CACHE_WAIT = 31.0
STALE = (
    "The AI Horde accepted the change but still serves its cached copy of this style (kept for up to 30 "
    "seconds). The gallery reloads by itself in half a minute."
)
BUSY = "Wait until the current change is finished."
Expectation = Callable[[ImageStyle], bool]


class ExamplesPresenter(QObject):
    """Owns the shown ``ImageStyle`` and the :class:`GalleryModel` of its examples.

    Signals: ``style_loaded(ImageStyle)``, ``load_failed(str)``, ``access_changed(str, str)`` (why editing,
    then why adding, is refused; empty when allowed), ``own_styles_changed(list)`` of ``(id, name)``,
    ``busy(bool)``, ``checked(CheckedImage)`` (a link passed the checks and is being added),
    ``refused(str)`` (nothing was sent to the Horde), ``failed(str)`` (the Horde refused or failed),
    ``saved(str)``, ``notice(str)`` and ``full_image_ready(str, QImage)``.
    """

    style_loaded = Signal(object)
    load_failed = Signal(str)
    access_changed = Signal(str, str)
    own_styles_changed = Signal(list)
    busy = Signal(bool)
    checked = Signal(object)
    refused = Signal(str)
    failed = Signal(str)
    saved = Signal(str)
    notice = Signal(str)
    full_image_ready = Signal(str, QImage)

    def __init__(
        self,
        session: HordeManualClient,
        fetcher: ImageFetcher,
        tasks: TaskRegistry,
        *,
        limits: ImageLimits | None = None,
        concurrency: int = 4,
        cache_wait: float = CACHE_WAIT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session, self._fetcher, self._tasks = session, fetcher, tasks
        self._limits = limits or ImageLimits()
        self._cache_wait = cache_wait
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

    def open_style(self, style_id: str) -> None:
        """Show the image style with this id (the slot Browse and the Editor call)."""
        self._load(lambda: self._session.get_style(StyleKind.IMAGE, style_id), style_id)

    def open_reference(self, text: str) -> None:
        """Show a style given by id or by name (any spelling §2.4 resolves)."""
        text = text.strip()
        if not text:
            self.refused.emit("Type the id or the name of an image style.")
        elif is_uuid(text):
            self.open_style(text)
        else:
            self._load(lambda: self._session.get_style_by_name(StyleKind.IMAGE, text), text)

    def refresh(self) -> None:
        if self._style is not None:
            self.open_style(self._style.id)

    def _load(self, read: Callable[[], Awaitable[ImageStyle]], shown_as: str) -> None:
        self._tasks.cancel(RECHECK_TASK)
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
        style_id = self._style.id
        self._start(lambda: self._add(style_id, url))

    def make_primary(self, row: int) -> None:
        if (target := self._target(row)) is None:
            return
        style_id, example = target
        primaries = sum(ex.primary for ex in self._style.examples) if self._style else 0
        if example.primary and primaries == 1:
            self.refused.emit("This example is already the primary one.")
            return
        self._start(lambda: self._write(
            style_id, lambda: self._session.set_primary_example(style_id, example),
            "The primary example changed.",
            lambda s: any(ex.id == example.id and ex.primary for ex in s.examples),
        ))

    def replace_example(self, row: int, url: str) -> None:
        """Point the example at ``url`` instead, after the same checks as adding; it stays (non-)primary."""
        url = url.strip()
        if (target := self._target(row)) is None:
            return
        style_id, example = target
        if (reason := self._url_refusal(url, keep=example)) is not None:
            self.refused.emit(reason)
            return
        self._start(lambda: self._replace(style_id, example, url))

    def remove_example(self, row: int) -> None:
        """Delete the example; after removing a primary, make sure exactly one primary is left (§2.7 B5)."""
        if (target := self._target(row)) is None:
            return
        style_id, example = target
        self._start(lambda: self._write(
            style_id, lambda: self._session.delete_example(style_id, example.id), "The example was removed.",
            lambda s: all(ex.id != example.id for ex in s.examples),
        ))

    def view_full(self, row: int) -> None:
        item = self.model.item(row)
        if item is None:
            return
        if item.image is None:
            self.refused.emit(item.detail or "The image has not loaded yet.")
            return
        self._tasks.start(self._view(item.example.url, item.image.data), name=VIEW_TASK)

    def _target(self, row: int) -> tuple[str, StyleExample] | None:
        """The shown style's id and the example at ``row``, or None after saying why it cannot change."""
        item = self.model.item(row)
        reason = self.edit_refusal() or (None if item else "Select an example first.")
        if reason is None and self._tasks.running(ACTION_TASK):
            reason = BUSY
        if reason is not None or item is None or self._style is None:
            self.refused.emit(reason or "")
            return None
        return self._style.id, item.example

    def _url_refusal(self, url: str, *, keep: StyleExample | None) -> str | None:
        reason = link_refusal(self._style, url, replacing=keep)
        if reason is None and self._tasks.running(ACTION_TASK):
            reason = BUSY
        return reason or self._fetcher.policy.refusal(url)

    def _start(self, work: Callable[[], Awaitable[None]]) -> None:
        self._tasks.cancel(RECHECK_TASK)
        self._tasks.start(self._guarded(work), name=ACTION_TASK)

    async def _guarded(self, work: Callable[[], Awaitable[None]]) -> None:
        # The coroutine is made inside the task, so a task cancelled before it starts leaves none unawaited.
        with self._working():
            await work()

    async def _add(self, style_id: str, url: str) -> None:
        if await self._checked_or_refused(url) is None:
            return
        await self._write(
            style_id, lambda: self._session.add_example(style_id, url), "The example was added.",
            lambda s: any(ex.url == url for ex in s.examples),
        )

    async def _replace(self, style_id: str, example: StyleExample, url: str) -> None:
        if await self._checked_or_refused(url) is None:
            return
        await self._write(
            style_id,
            lambda: self._session.patch_example(style_id, example.id, url=url, primary=example.primary),
            "The example's link was replaced.",
            lambda s: any(ex.id == example.id and ex.url == url for ex in s.examples),
        )

    async def _checked_or_refused(self, url: str) -> CheckedImage | None:
        try:
            image = await self._check(url)
        except ImageCheckError as err:
            self.refused.emit(err.message)
            return None
        self._thumbnails.remember(image)
        self.checked.emit(image)
        return image

    async def _write(
        self, style_id: str, call: Callable[[], Awaitable[object]], done: str, expect: Expectation
    ) -> None:
        try:
            await call()
        except HordeError as err:
            self.failed.emit(str(err))
            await self._reread(style_id, None)
            return
        self.saved.emit(done)
        await self._reread(style_id, expect)

    async def _reread(self, style_id: str, expect: Expectation | None) -> None:
        """Show the style as the server holds it, with exactly one primary left (§2.7 B5)."""
        try:
            style = await self._session.ensure_single_primary(style_id)
        except HordeError as err:
            self.load_failed.emit(f"Could not re-read the style after the change: {err}")
            return
        self._show(style)
        if expect is not None and not expect(style):
            self.notice.emit(STALE)
            self._tasks.start(self._reread_later(style_id), name=RECHECK_TASK)

    async def _reread_later(self, style_id: str) -> None:
        await asyncio.sleep(self._cache_wait)
        with self._working():
            await self._reread(style_id, None)

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
