"""Wires the Try and Compare windows into the app: a Trials menu, Browse's Try button, the Editor's draft.

Kept to one object with one ``connect_to`` so the composition root needs two lines for the whole feature.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

import httpx
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from horde_style_studio.api import HordeManualClient
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import AnyStyle
from horde_style_studio.library.store import StyleLibrary
from horde_style_studio.library.trials import TrialBook
from horde_style_studio.services.image_hosts import (
    ImageHost,
    S3Keys,
    host_from_settings,
    load_s3_keys,
    store_s3_keys,
)
from horde_style_studio.services.images import FetchPolicy, ImageFetcher, loopback_http_origin, origin_of
from horde_style_studio.services.secrets import SecretStore
from horde_style_studio.services.settings import AppSettings
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.trials.compare import CompareWindow
from horde_style_studio.ui.trials.host_settings import HostSettingsDialog
from horde_style_studio.ui.trials.presenter import Subject, TrialPresenter
from horde_style_studio.ui.trials.window import TrialWindow
from horde_style_studio.workflows.examples.edits import ExampleEdits


class TrialsFeature(QObject):
    """``message(str)``: something to tell the user in the main window's message bar;
    ``examples_attached(str)``: examples made in a Try window were attached to the style with this id;
    ``spent()``: a trial that sent jobs ended (done, failed or cancelled), so the account's kudos changed."""

    message = Signal(str)
    examples_attached = Signal(str)
    spent = Signal()

    def __init__(
        self,
        session: HordeManualClient,
        library: StyleLibrary,
        tasks: TaskRegistry,
        secrets: SecretStore,
        *,
        settings: Callable[[], AppSettings],
        save_settings: Callable[[AppSettings], None],
        username: Callable[[], str | None],
        transport: httpx.AsyncBaseTransport | None = None,
        sandbox: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._library = library
        self._tasks = tasks
        self._secrets = secrets
        self._settings = settings
        self._save_settings = save_settings
        self._username = username
        self._sandbox = sandbox
        self._edits = ExampleEdits(session, library)
        origin = origin_of(session.base_url) if sandbox else loopback_http_origin(session.base_url)
        policy = FetchPolicy(http_origins=frozenset({origin}) if origin else frozenset())
        self.fetcher = ImageFetcher(policy, transport=transport)
        self.windows: list[QWidget] = []
        self._parent_window: QWidget | None = None
        self._draft: Callable[[], Subject | None] = lambda: None
        self._selected: Callable[[], list[str]] = list
        self._closing = False

    # -- wiring --------------------------------------------------------------------------------------------
    def connect_to(
        self,
        window: QMainWindow,
        *,
        selected_ids: Callable[[], list[str]],
        try_requested: Any,
        editor_draft: Callable[[], Subject | None],
    ) -> None:
        """A Trials menu; ``try_requested`` is Browse's signal carrying the selected style ids."""
        self._parent_window = window
        self._selected = selected_ids
        self._draft = editor_draft
        menu = window.menuBar().addMenu("&Trials")
        self.try_action = QAction("&Try the selected style…", window, shortcut=QKeySequence("Ctrl+T"))
        self.compare_action = QAction("&Compare the selected styles…", window)
        self.draft_action = QAction("Try the &editor's draft…", window)
        self.hosts_action = QAction("&Image host and trials…", window)
        for action in (self.try_action, self.compare_action, self.draft_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.hosts_action)
        self.try_action.triggered.connect(lambda: self.open_for_ids(self._selected()[:1]))
        self.compare_action.triggered.connect(lambda: self.open_for_ids(self._selected()))
        self.draft_action.triggered.connect(self.try_draft)
        self.hosts_action.triggered.connect(self.open_host_settings)
        try_requested.connect(self.open_for_ids)

    # -- opening windows -----------------------------------------------------------------------------------
    def _presenter(self) -> TrialPresenter:
        presenter = TrialPresenter(
            self._session,
            self._tasks,
            self.fetcher,
            threshold=lambda: self._settings().kudos_confirm_above,
            book=TrialBook(self._library),
            host=self._host,
            keep=self._edits.keep,
            sandbox=self._sandbox,
            parent=self,
        )
        presenter.examples_made.connect(lambda style: self.examples_attached.emit(style.id))
        presenter.spent.connect(self._spent)
        return presenter

    def _host(self) -> ImageHost:
        return host_from_settings(self._settings().image_host, self._secrets)

    def _styles(self, ids: Sequence[str]) -> list[AnyStyle]:
        return [style for style in (self._library.get_style(i) for i in ids) if style is not None]

    def open_for_ids(self, ids: list[str]) -> QWidget | None:
        styles = self._styles(ids)
        if not styles:
            self.message.emit("Select a style in Browse first.")
            return None
        if len(styles) == 1:
            return self.open_try(self._subject(styles[0]))
        return self.open_compare(styles)

    def _subject(self, style: AnyStyle) -> Subject:
        return Subject.of_style(style, mine=bool(style.creator) and style.creator == self._username())

    def open_try(self, subject: Subject) -> TrialWindow:
        window = TrialWindow(self._presenter(), self._parent_window)
        window.show_subject(subject)
        self._show(window)
        return window

    def open_compare(self, styles: Sequence[AnyStyle]) -> CompareWindow | None:
        if not 2 <= len(styles) <= 6 or len({s.kind for s in styles}) != 1:
            self.message.emit("Compare 2 to 6 styles of one kind: select them in Browse.")
            return None
        window = CompareWindow(self._presenter(), styles, self._parent_window)
        self._show(window)
        return window

    def try_draft(self) -> TrialWindow | None:
        subject = self._draft()
        if subject is None:
            self.message.emit("Open a style or a draft in the Editor first.")
            return None
        return self.open_try(subject)

    def _show(self, window: QWidget) -> None:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda: self.windows.remove(window) if window in self.windows else None)
        self.windows.append(window)
        window.show()

    def open_host_settings(self) -> HostSettingsDialog:
        has_keys = load_s3_keys(self._secrets) is not None
        dialog = HostSettingsDialog(self._settings(), has_keys=has_keys, parent=self._parent_window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self._apply_host_settings)
        dialog.open()
        return dialog

    def _apply_host_settings(self, settings: AppSettings, keys: object) -> None:
        self._save_settings(settings)
        if isinstance(keys, S3Keys):
            self._tasks.start(asyncio.to_thread(store_s3_keys, self._secrets, keys))

    def _spent(self) -> None:
        # Closing the app cancels the jobs too: no refresh then, the session is about to close.
        if not self._closing:
            self.spent.emit()

    def close_windows(self) -> None:
        self._closing = True
        for window in list(self.windows):
            window.close()

    async def aclose(self) -> None:
        await self.fetcher.aclose()


def draft_subject(kind: StyleKind, name: str, doc: dict[str, Any], owner: str) -> Subject:
    """A Subject from the Editor's document: the template, params and models as they are typed."""
    params = doc.get("params") if isinstance(doc.get("params"), dict) else {}
    models = doc.get("models") if isinstance(doc.get("models"), list) else []
    return Subject.of_draft(
        kind,
        name or "Untitled draft",
        str(doc.get("prompt") or "{p}"),
        {k: v for k, v in (params or {}).items() if v is not None},
        [str(m) for m in models or []],
        owner,
    )


def editor_subject(editor: Any) -> Subject | None:
    """What the Editor has open, as something to try: the saved style when nothing is unsaved, else the
    draft, sent merged and labelled "unsaved draft". ``editor`` is the Editor's presenter (duck-typed, so this
    feature does not import the Editor tab)."""
    state = editor.state
    if state is None:
        return None
    served = getattr(state, "served", None)
    if served is not None and not editor.has_unsaved_changes():
        return Subject.of_style(served, mine=True)
    owner = state.draft_id or state.style_id or ""
    return draft_subject(state.kind, state.name, dict(state.doc), owner)
