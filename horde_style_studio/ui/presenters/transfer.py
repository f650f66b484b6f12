"""``TransferPresenter``: File ▸ Import (a review, then drafts or styles) and Export (bundles, one style)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.errors import HordeError
from horde_style_studio.library import LibraryError, StyleLibrary, StyleQuery
from horde_style_studio.library.drafts import Drafts
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.workflows.exporting import library_bundle, style_file_text, write_bundle
from horde_style_studio.workflows.importing import (
    ImportFileError,
    ImportFormat,
    ImportReview,
    create_reviewed,
    read_import,
    review_import,
    save_drafts,
)

TASK = "import-create"


class TransferPresenter(QObject):
    """Signals: ``reviewed(ImportReview)``, ``done(str)`` a message for the user, ``created()`` styles
    reached the server (the library should refresh), ``busy(bool)``, ``failed(str)``."""

    reviewed = Signal(object)
    done = Signal(str)
    created = Signal()
    busy = Signal(bool)
    failed = Signal(str)

    def __init__(
        self,
        session: HordeClientSession,
        library: StyleLibrary,
        tasks: TaskRegistry,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.library = library
        self._tasks = tasks
        self.review: ImportReview | None = None

    def own_names(self) -> list[str]:
        rows = self.library.search(StyleQuery(mine_only=True, show_nsfw=True, include_gone=False, limit=None))
        return [row.name for row in rows]

    def read(self, path: str, fmt: ImportFormat | None = None, default_model: str = "") -> None:
        """Read and review ``path``; nothing is written or sent."""
        try:
            batch = read_import(Path(path), fmt)
        except (ImportFileError, OSError) as err:
            self.failed.emit(str(err) if isinstance(err, ImportFileError) else f"{path}: {err.strerror}")
            return
        models = [default_model.strip()] if default_model.strip() else []
        self.review = review_import(batch, self.own_names(), default_models=models)
        self.reviewed.emit(self.review)

    def keep_drafts(self) -> None:
        if self.review is None:
            return
        try:
            count = save_drafts(self.review, Drafts(self.library))
        except LibraryError as err:
            self.failed.emit(str(err))
            return
        self.done.emit(f"{count} imported styles kept as drafts: open them from the Editor's drafts.")

    def create(self) -> None:
        """Keep drafts, then create every style the review found ready (the rest stay drafts)."""
        if self.review is not None and not self._tasks.running(TASK):
            self._tasks.start(self._create(self.review), name=TASK)

    async def _create(self, review: ImportReview) -> None:
        self.busy.emit(True)
        try:
            drafts = Drafts(self.library)
            save_drafts(review, drafts)
            outcome = await create_reviewed(review, self.session, drafts=drafts)
        except HordeError as err:
            self.failed.emit(str(err))
            return
        finally:
            self.busy.emit(False)
        self.created.emit()
        failed = f"; {len(outcome.failed)} refused: {', '.join(outcome.failed)}" if outcome.failed else ""
        self.done.emit(
            f"Created {len(outcome.created)} styles and {len(outcome.collections)} collections{failed}. "
            "The others wait as drafts."
        )

    def export(self, path: str, style_ids: Sequence[str] | None = None) -> None:
        """A bundle of ``style_ids`` (all own styles when None), from the library: no request is spent."""
        if style_ids is None:
            style_ids = [
                row.id for row in self.library.search(StyleQuery(mine_only=True, show_nsfw=True, limit=None))
            ]
        try:
            bundle = library_bundle(self.library, list(style_ids), self.session.base_url)
            write_bundle(path, bundle)
        except OSError as err:
            self.failed.emit(f"{path}: {err.strerror}")
            return
        count = sum(len(styles) for styles in bundle["styles"].values())
        self.done.emit(f"Exported {count} styles and {len(bundle['collections'])} collections to {path}.")

    def save_style(self, style_id: str, path: str) -> None:
        style = self.library.get_style(style_id)
        if style is None:
            self.failed.emit("That style is no longer in the library.")
            return
        try:
            Path(path).write_text(style_file_text(style), encoding="utf-8")
        except OSError as err:
            self.failed.emit(f"{path}: {err.strerror}")
            return
        self.done.emit(f"Saved {style.name} to {path}.")
