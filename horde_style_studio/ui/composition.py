"""The composition root: builds settings, secret store, session, presenters and window, runs until closed.

Nothing else in the app constructs these objects; everything below receives what it needs from here.
Shutdown follows DESIGN's qasync rule 2: the window's ``close_requested`` ends ``Studio.run``, which cancels
every task and closes the session while the loop still runs.

First paint first (issue 18): the constructor builds only what the window's first frame shows (settings,
the library, Browse, the window); the server's side (session, account, sign-in, the other tabs, the api,
keyring and image stacks) is imported and built once the window has painted, one part per turn of the event
loop with the Qt-free stacks imported on a thread meanwhile, or at once when something asks for one of its
parts earlier.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

from horde_style_studio.domain.redaction import install_secret_filter
from horde_style_studio.domain.units import MiB
from horde_style_studio.services.settings import AppSettings, LoadResult, SettingsStore
from horde_style_studio.services.thumb_store import ThumbStore
from horde_style_studio.ui import restore_collector
from horde_style_studio.ui.async_support import TaskRegistry, ThreadImports, loop_running
from horde_style_studio.ui.browse.tab import BrowseTab
from horde_style_studio.ui.excepthook import ExceptHook
from horde_style_studio.ui.main_window import MainWindow
from horde_style_studio.ui.painting import first_paint, paint_with_qt
from horde_style_studio.ui.presenters.settings import SettingsPresenter
from horde_style_studio.ui.shared.messages import Level, MessageBridge
from horde_style_studio.ui.shared.places import in_documents
from horde_style_studio.ui.shared.thumbnails import ThumbnailCache, ThumbnailSource, edge_for_screen
from horde_style_studio.ui.studio_config import SandboxLogin, StudioConfig, open_library, switch_notice
from horde_style_studio.ui.theme import ColorSchemes
from horde_style_studio.ui.widgets.lazy_page import LazyPage

if TYPE_CHECKING:
    import asyncio

    from PySide6.QtWidgets import QMessageBox

    from horde_style_studio.api import HordeClientSession
    from horde_style_studio.services.secrets import SecretStore
    from horde_style_studio.ui.collections.tab import CollectionsTab
    from horde_style_studio.ui.editor.tab import EditorTab
    from horde_style_studio.ui.examples.tab import ExamplesTab
    from horde_style_studio.ui.presenters.account import Account, AccountPresenter
    from horde_style_studio.ui.presenters.library import LibraryPresenter
    from horde_style_studio.ui.presenters.transfer import TransferPresenter
    from horde_style_studio.ui.trials.feature import TrialsFeature
    from horde_style_studio.ui.widgets.import_dialog import ImportDialog
    from horde_style_studio.ui.widgets.settings_dialog import SettingsDialog
    from horde_style_studio.ui.widgets.sign_in_dialog import SignInDialog
    from horde_style_studio.workflows.sync.followup import FollowUp

SANDBOX_PROFILE = "Sandbox curator"
JSON_FILES = "JSON files (*.json)"
# The server's side waits at most this long for the window's first paint (a window that is never exposed).
PAINT_WAIT_S = 2.0
# Message sources: a later message about the same cause replaces the one before, and its end clears it.
SYNC = "library.refresh"
ACCOUNT = "account"
TRANSFER = "transfer"
# The tabs whose pages are built after the first paint.
LAZY_TABS = ("collections", "examples", "editor")
# What the server's side imports that loads no Qt: on a thread of its own after the first paint, so that the
# window answers while it loads (httpx, pydantic's models, keyring and the use cases behind the other tabs).
# All of it: pydantic has import cycles, and two threads importing one package at once can be handed a
# partly initialised module by Python's deadlock avoidance; the tabs built afterwards find it all loaded.
# anyio's asyncio backend is what httpcore loads on its first connection (api.http.CONNECTING_MODULE): loaded
# here, the api's own warm-up before the first request finds it and starts no thread of its own. httpx
# imports httpcore only when its first client is made: ~70 ms in the session's turn, unless loaded here.
# The style models (pydantic with them) come first: the detail pane's first style waits for them alone.
STYLE_MODELS = "horde_style_studio.domain.styles"
THREAD_IMPORTS = (
    STYLE_MODELS,
    "horde_style_studio.api.session",
    "httpcore",
    "anyio._backends._asyncio",
    "horde_style_studio.services.secrets",
    "horde_style_studio.services.images",
    "horde_style_studio.services.image_hosts",
    "horde_style_studio.domain.validation",
    "horde_style_studio.workflows.editing.saving",
    "horde_style_studio.workflows.editing.history",
    "horde_style_studio.workflows.sync.library_sync",
    "horde_style_studio.workflows.sync.followup",
    "horde_style_studio.workflows.importing",
    "horde_style_studio.workflows.exporting",
    "horde_style_studio.workflows.trials",
    "horde_style_studio.workflows.make_examples",
    "horde_style_studio.workflows.examples.edits",
    "horde_style_studio.workflows.examples_primary",
    "horde_style_studio.workflows.health",
    "horde_style_studio.workflows.collections.membership",
    "horde_style_studio.workflows.collections.messages",
)
__all__ = ["SANDBOX_PROFILE", "SandboxLogin", "Studio", "StudioConfig"]


T = TypeVar("T")


def _session_tls() -> None:
    """The sessions' TLS settings, made on the import thread: loading the certificates would hold a turn of
    the window's loop for ~50 ms (issue 18)."""
    from horde_style_studio.api.session import tls_context

    tls_context()


class _Part(Generic[T]):
    """One part of the server's side, built once by whichever comes first: its turn after the first paint, or
    the first use of it or of a part that needs it. ``qt_module``: what its Qt types load from, given a turn
    of the event loop of its own before it is built."""

    def __init__(self, build: Callable[[], T], qt_module: str | None = None) -> None:
        self._build = build
        self.qt_module = qt_module
        self.value: T | None = None

    def __call__(self) -> T:
        if self.value is None:
            self.value = self._build()
        return self.value


class Studio(QObject):
    """Owns the app's object graph for one run. ``run()`` returns the process exit code.

    Everything here belongs to one server, the library included. When the user picks another server in
    Settings, the run ends with ``reopen`` set: the config of the studio to build next, on the new server.

    Signals: ``imported()`` once the one thread that imports the server's side's stacks (and the config's
    ``thread_imports``) after the first paint is done, before anything is built from them: what else needs
    those stacks on another thread starts then. ``ready()`` once ``run()`` has painted the window, built the
    server's side and begun signing in (never when the window was closed before that).
    """

    imported = Signal()
    ready = Signal()

    def __init__(self, config: StudioConfig) -> None:
        super().__init__()
        install_secret_filter()  # whoever embeds the studio, its keys stay out of every log record
        self.config = config
        self.reopen: StudioConfig | None = None
        self._switch_notice: str | None = None
        store = SettingsStore.for_dirs(config.dirs)
        loaded = store.load() if config.settings is None else LoadResult(config.settings)
        self._load_problem = loaded.problem
        self.settings = SettingsPresenter(store, loaded.settings, self)
        self.colours = ColorSchemes(loaded.settings.color_scheme, self)
        # Built before the event loop runs (the app paints its first frame first): what the first frame asks
        # to start (thumbnails from disk, the library's check) starts once ``run()`` runs on the loop.
        self.tasks = TaskRegistry(held=not loop_running())
        self.library = open_library(config, self._server_url(loaded.settings))
        self.messages = MessageBridge(self)
        thumb_store = ThumbStore.for_dirs(config.dirs, loaded.settings.cache_size_mb * MiB)
        # One thread imports the server's side's stacks after the first paint; what else needs them waits.
        # Browse shows thumbnails from the first paint: those on disk at once; the source's HTTP client is
        # built when the first one is fetched, after those imports.
        self._imports = ThreadImports(THREAD_IMPORTS + config.thread_imports, ahead=[_session_tls])
        self.thumb_source = ThumbnailSource(self._server_url(loaded.settings), transport=config.transport,
                                            sandbox=config.sandbox is not None,
                                            image_host_url=loaded.settings.image_host.public_url,
                                            imports_done=self._imports.finished)  # fmt: skip
        self.thumbnails = ThumbnailCache(self.thumb_source, self.tasks, store=thumb_store,
                                         edge=edge_for_screen(), parent=self)  # fmt: skip
        current = loaded.settings
        self.browse_tab = BrowseTab(self.library, self.thumbnails, show_nsfw=current.show_nsfw,
                                    view_mode=current.browse_view, tasks=self.tasks,
                                    server=lambda: self.session,
                                    before_details=partial(self._imports.wait_for, STYLE_MODELS),
                                    parent=self)  # fmt: skip
        self.browse_tab.restore_filters(current.browse_filters)
        self.browse, self.browse_page = self.browse_tab.presenter, self.browse_tab.page
        self._holders = {
            "collections": LazyPage(lambda: self.collections.page),
            "examples": LazyPage(lambda: self.examples.page),
            "editor": LazyPage(lambda: self.editor.page),
        }
        self.window = MainWindow({"browse": self.browse_page, **self._holders}, messages=self.messages)
        self.excepthook = ExceptHook(self._known_secrets, lambda: self.window)
        self._closing = False  # the window was closed, or the server switched: the run ends
        self._closed: asyncio.Event | None = None  # made by run(), on the loop, which it sets on closing
        self._painted: bool | None = None  # whether paint_first() painted the window; None before it
        # The server's side, in the order its parts are built after the first paint.
        self._secrets = _Part(self._new_secrets)
        self._session = _Part(self._new_session)
        self._examples = _Part(self._new_examples, "horde_style_studio.ui.examples.tab")
        self._account = _Part(self._new_account, "horde_style_studio.ui.presenters.account")
        self._library_sync = _Part(self._new_library_sync)
        self._collections = _Part(self._new_collections, "horde_style_studio.ui.collections.tab")
        self._editor = _Part(self._new_editor, "horde_style_studio.ui.editor.tab")
        self._transfer = _Part(self._new_transfer)
        self._trials = _Part(self._new_trials, "horde_style_studio.ui.trials.feature")
        self._parts: tuple[_Part[Any], ...] = (
            self._secrets, self._session, self._examples, self._account, self._library_sync,
            self._collections, self._editor, self._transfer, self._trials,
        )  # fmt: skip
        self._server_built = False  # every part built, and wired to the window and to each other
        self._sign_in_dialog: SignInDialog | None = None
        self._import_dialog: ImportDialog | None = None
        self.gone_question: QMessageBox | None = None  # open while a refresh asks before marking most gone
        self._wire_window()

    # -- the server's side: built after the first paint, or when one of its parts is first asked for -------
    @property
    def secrets(self) -> SecretStore:
        return self._server(self._secrets)

    @property
    def session(self) -> HordeClientSession:
        return self._server(self._session)

    @property
    def account(self) -> AccountPresenter:
        return self._server(self._account)

    @property
    def library_sync(self) -> LibraryPresenter:
        return self._server(self._library_sync)

    @property
    def collections(self) -> CollectionsTab:
        return self._server(self._collections)

    @property
    def examples(self) -> ExamplesTab:
        return self._server(self._examples)

    @property
    def editor(self) -> EditorTab:
        return self._server(self._editor)

    @property
    def transfer(self) -> TransferPresenter:
        return self._server(self._transfer)

    @property
    def trials(self) -> TrialsFeature:
        return self._server(self._trials)

    def _server(self, part: _Part[T]) -> T:
        """``part``, with the whole server's side wired: what is not built yet is built now, in this turn."""
        if not self._server_built:
            self._imports.wait()
            self._assemble()
            for key in LAZY_TABS:
                self.window.page(key)  # in place, so the window's minimum size is what it was with every page
        return part()

    async def _build_server_side_in_turns(self) -> bool:
        """The server's side after the first paint, one part per turn of the event loop, so the window answers
        meanwhile (issue 18); anything asked for early is built at once by :meth:`_server`. False when the
        window was closed before all was built: what was built is closed, the rest never built."""
        import asyncio

        self._imports.start()
        # The first style's details need its model: read once the import thread has loaded the models, not
        # on the window's thread, which would not answer for ~0.2 s right after it appears (issue 18).
        await self._imports.imported(STYLE_MODELS)
        self.browse_page.release_details()
        await self._imports.finished()
        self.imported.emit()
        for step in self._server_steps():
            if self._server_built:
                return True
            if self._closing:
                return False
            step()
            await asyncio.sleep(0)
        if not self._server_built:
            self._assemble()
        for key in LAZY_TABS:
            await asyncio.sleep(0)
            self.window.page(key)  # in place, so the window's minimum size is what it was with every page
        return True

    def _server_steps(self) -> list[Callable[[], object]]:
        """Each step imports or builds one part; a tab's Qt modules load in a turn of their own."""
        steps: list[Callable[[], object]] = []
        for part in self._parts:
            if part.qt_module is not None:
                steps.append(partial(importlib.import_module, part.qt_module))
            steps.append(part)
            if part is self._editor:  # its text form in a turn of its own: the page alone is ~100 ms
                steps.append(lambda: self._editor().page.build_rest())
        return steps

    def _assemble(self) -> None:
        """Every part, built where it was not yet, then wired to the window and to each other."""
        for part in self._parts:
            part()
        self._server_built = True
        self._wire()

    # What builds each part (see _Part); a part it needs is built first, where it was not yet.
    def _new_secrets(self) -> SecretStore:
        from horde_style_studio.services.secrets import SecretStore

        sandbox = self.config.sandbox
        secrets = SecretStore.memory_only("Sandbox mode") if sandbox else SecretStore()
        if sandbox is not None:
            self._add_sandbox_profiles(secrets, sandbox)
        return secrets

    def _new_session(self) -> HordeClientSession:
        # Imported here: httpx, keyring, the api and image stacks and the other tabs are what the first
        # paint does without (issue 18).
        from horde_style_studio.api import HordeClientSession

        self._secrets()
        config, current = self.config, self.settings.current
        return HordeClientSession(
            self._server_url(current), contact=current.contact or None, transport=config.transport,
            retry=config.retry,
        )  # fmt: skip

    def _new_examples(self) -> ExamplesTab:
        from horde_style_studio.ui.examples.tab import ExamplesTab

        config, current = self.config, self.settings.current
        session = self._session()
        examples = ExamplesTab(
            session, self.library, self.tasks, transport=config.transport,
            sandbox=config.sandbox is not None, image_host_url=current.image_host.public_url, parent=self,
        )  # fmt: skip
        self.browse_tab.attach_server(session, examples.fetcher)
        return examples

    def _new_account(self) -> AccountPresenter:
        from horde_style_studio.ui.presenters.account import AccountPresenter

        return AccountPresenter(self._session(), self._secrets(), self.settings, self.tasks, self)

    def _new_library_sync(self) -> LibraryPresenter:
        from horde_style_studio.ui.presenters.library import LibraryPresenter

        return LibraryPresenter(self._session(), self.library, self.tasks,
                                local_server=self.config.sandbox is not None, parent=self)  # fmt: skip

    def _new_collections(self) -> CollectionsTab:
        from horde_style_studio.ui.collections.tab import CollectionsTab

        return CollectionsTab(self._session(), self.library, self.tasks, self.thumbnails, self)

    def _new_editor(self) -> EditorTab:
        from horde_style_studio.ui.editor.tab import EditorTab

        return EditorTab(self._session(), self.library, self.tasks, self, messages=self.messages,
                         page_parent=self._holders["editor"])  # fmt: skip

    def _new_transfer(self) -> TransferPresenter:
        from horde_style_studio.ui.presenters.transfer import TransferPresenter

        return TransferPresenter(self._session(), self.library, self.tasks, self)

    def _new_trials(self) -> TrialsFeature:
        from horde_style_studio.ui.trials.feature import TrialsFeature

        config = self.config
        return TrialsFeature(
            self._session(), self.library, self.tasks, self._secrets(),
            settings=lambda: self.settings.current, save_settings=self.settings.update,
            transport=config.transport, sandbox=config.sandbox is not None, username=self._username,
            parent=self,
        )  # fmt: skip

    def _known_secrets(self) -> tuple[str | None, ...]:
        session = self._session.value
        return (session.api_key,) if session is not None else ()

    def _follow_image_host(self, settings: AppSettings) -> None:
        self.examples.follow_image_host(settings.image_host.public_url)
        self.thumb_source.follow_image_host(settings.image_host.public_url)

    def _examples_attached(self, style_id: str) -> None:
        shown = self.examples.presenter.style
        if shown is not None and shown.id == style_id:
            self.examples.presenter.refresh()
        self.browse_page.refresh()

    def _username(self) -> str | None:
        return self.account.account.user.username if self.account.account else None

    def _library_incomplete(self, later: FollowUp) -> None:
        self.window.status.show_sync_incomplete(later.short, later.text)
        self.messages.warning(later.text, source=SYNC)

    def _server_url(self, settings: AppSettings) -> str:
        if self.config.sandbox is not None:
            return self.config.sandbox.base_url
        return self.config.base_url or settings.server_url

    def _wire_window(self) -> None:
        """The window's own actions, from the first paint on; what they need of the server's side is built
        when first used."""
        window, menus, messages = self.window, self.window.menus, self.messages
        window.close_requested.connect(self._close)
        window.profile_chosen.connect(lambda name: self.account.switch_profile(name))
        menus.settings.triggered.connect(self.open_settings)
        menus.sign_in.triggered.connect(self.open_sign_in)
        menus.sign_out.triggered.connect(lambda: self.account.sign_out())
        menus.about.triggered.connect(self._show_about)
        menus.guide.triggered.connect(self._show_guide)
        menus.shortcuts.triggered.connect(self._show_shortcuts)
        menus.find.triggered.connect(self._find)
        menus.new_style.triggered.connect(lambda: window.select_tab("editor"))
        menus.import_styles.triggered.connect(self.open_import)
        menus.export_styles.triggered.connect(lambda: self.export_styles(None))
        menus.refresh_library.triggered.connect(lambda: self.library_sync.refresh(light=False))
        menus.stop_refresh.triggered.connect(lambda: self.library_sync.cancel())
        window.status.stop_sync.clicked.connect(lambda: self.library_sync.cancel())
        self.browse_page.export_styles.connect(self.export_styles)
        self.browse_page.save_style.connect(self.save_style)
        self.settings.save_failed.connect(lambda text: messages.error(text, source="settings"))
        self.settings.changed.connect(lambda settings: self.colours.choose(settings.color_scheme))
        sandbox = self.config.sandbox is not None
        window.status.show_server(self._server_url(self.settings.current), sandbox=sandbox)
        window.status.show_last_sync(self.library.newest_style_sync_at())

    def _wire(self) -> None:
        """The server's side, to the window and to the tabs."""
        from horde_style_studio.ui.trials.feature import editor_subject

        window, account, messages = self.window, self.account, self.messages
        self.transfer.done.connect(lambda text: self._say_transfer(Level.INFO, text))
        self.transfer.failed.connect(lambda text: self._say_transfer(Level.ERROR, text))
        self.transfer.created.connect(lambda: self.library_sync.refresh(light=True))
        account.signed_in.connect(self._on_signed_in)
        for tab in (self.browse_tab, self.collections, self.examples, self.editor):
            tab.connect_to(account, window)
        self._link_tabs()
        self.trials.connect_to(window, selected_ids=self.browse_page.selected_ids,
                               try_requested=self.browse_page.try_styles,
                               editor_draft=lambda: editor_subject(self.editor.presenter))  # fmt: skip
        self.trials.message.connect(lambda text: messages.info(text, source="trials"))
        self.trials.examples_attached.connect(self._examples_attached)
        self.trials.spent.connect(account.refresh_kudos)
        account.refreshed.connect(lambda _: self._show_account())
        self.settings.changed.connect(self._follow_image_host)
        self._wire_library_sync()
        account.signed_out.connect(self._on_signed_out)
        account.sign_in_failed.connect(self._on_sign_in_failed)
        if self.config.sandbox is None:
            account.keyring_unavailable.connect(lambda text: messages.warning(text, source="keyring"))
        self.settings.changed.connect(self._show_profiles)
        self.settings.changed.connect(self._apply_cache_size)
        self.session.engine.on_in_flight_changed = window.status.show_in_flight
        self._show_profiles(self.settings.current)

    def _link_tabs(self) -> None:
        """What one tab asks of another; the tabs know nothing of each other (a tab never imports another)."""
        browse, collections, editor = self.browse_tab, self.collections, self.editor
        browse.add_to_collection.connect(collections.add_to_collection)
        browse.open_examples.connect(self._open_examples)
        browse.fork_into_editor.connect(editor.fork_id)
        browse.edit_style.connect(editor.open_style_id)
        browse.delete_style.connect(editor.delete_style_id)
        # What the editor saved or deleted, and what the Examples tab read or changed, is in the library at
        # once; Browse shows it without a refresh.
        for done in (editor.presenter.saved, editor.presenter.deleted, self.examples.presenter.stored):
            done.connect(lambda _message: browse.refresh())
        # ...and the Examples tab's picker offers the user's image styles as they are now.
        for done in (editor.presenter.saved, editor.presenter.deleted):
            done.connect(lambda _message: self._offer_own_styles())
        # Whatever changed the Collections tab's lists (a save, a delete, a refresh) may change Browse's.
        collections.presenter.listed.connect(lambda _entries: browse.refresh_collections())

    def _wire_library_sync(self) -> None:
        window, menus, sync, messages = self.window, self.window.menus, self.library_sync, self.messages
        sync.refreshed.connect(self.collections.refresh)
        sync.refreshed.connect(self.browse_tab.refresh)
        # A refresh that got through means the network is back: pictures that were out of reach are asked
        # for again, and the failure said before is over.
        sync.refreshed.connect(self.thumbnails.retry_unreachable)
        sync.refreshed.connect(lambda: messages.clear(SYNC))
        sync.failed.connect(lambda text: messages.warning(text, source=SYNC))
        sync.cancelled.connect(lambda: messages.info("Stopped refreshing the library", source=SYNC))
        sync.busy.connect(window.status.show_sync_busy)
        sync.busy.connect(menus.stop_refresh.setEnabled)
        sync.progress.connect(window.status.show_sync_progress)
        sync.last_refreshed.connect(window.status.show_last_sync)
        sync.incomplete.connect(self._library_incomplete)
        sync.gone_held_back.connect(self._ask_mark_gone)

    def paint_first(self) -> None:
        """Show the window and paint its first frame with Qt's own event loop, before the asyncio loop runs
        (issue 18: the first frame then does without importing asyncio and qasync); ``run()`` goes on from
        there. Optional: ``run()`` shows the window itself when this was not called."""
        self.excepthook.install()
        self._painted = paint_with_qt(self.window, self._show_window, PAINT_WAIT_S)
        restore_collector()

    async def run(self) -> int:
        """Show the window (unless :meth:`paint_first` did), sign in in the background, and wait until the
        window is closed."""
        import asyncio

        if self._painted is None:
            self.excepthook.install()
        try:
            self._closed = asyncio.Event()
            if self._closing:
                self._closed.set()
            self.tasks.release()
            if self._painted is None:
                painted = first_paint(self.window)
                self._show_window()
                try:
                    await asyncio.wait_for(painted, timeout=PAINT_WAIT_S)
                except TimeoutError:
                    self._painted = False
            restore_collector()
            if self._painted is False and self.config.smoke_test:
                raise TimeoutError("the window did not paint")
            if await self._build_server_side_in_turns():
                self._start_sign_in()
                self.ready.emit()
            if self.config.smoke_test:
                self.window.close()
            await self._closed.wait()
        finally:
            await self.shutdown()
            self.excepthook.uninstall()
        if self._switch_notice is not None:
            self.reopen = self.config._replace(settings=self.settings.current, notice=self._switch_notice)
        return 0

    async def shutdown(self) -> None:
        """Save the window layout, cancel every task, close the session. Safe to call more than once."""
        # First: whatever below fails, an ended studio must not go on answering the desktop's colour scheme
        # (or its own settings' last word) over the studio that comes after it.
        self.colours.close()
        self.settings.update(
            self.settings.current.replace(
                window_geometry=self.window.saved_geometry(),
                last_tab=self.window.current_tab_key(),
                browse_view=self.browse_tab.view_mode,
                browse_filters=self.browse_tab.saved_filters(),
            )
        )
        # A window closed while the server's side was being built closes the parts built so far.
        session, trials = self._session.value, self._trials.value
        examples, editor = self._examples.value, self._editor.value
        if trials is not None:
            trials.close_windows()
        await self.tasks.cancel_all()
        if session is not None:
            session.engine.on_in_flight_changed = None
            await session.aclose()  # cancels on the server any job still running (issue 15)
        if trials is not None:
            await trials.aclose()
        if examples is not None:
            await examples.aclose()
        if editor is not None:
            editor.presenter.close()  # its pending draft goes to this server's library first
        self._imports.wait()
        await self.thumb_source.aclose()
        self.library.close()
        self.window.hide()

    def _close(self) -> None:
        self._closing = True
        if self._closed is not None:
            self._closed.set()

    def _show_window(self) -> None:
        current = self.settings.current
        self.window.restore_layout(current.window_geometry, current.last_tab)
        if self.config.sandbox is not None:
            # Escaped here, not by the html module: its entity tables cost ~7M instructions before the first
            # paint (issue 18), and text between tags needs only these three.
            url = self.config.sandbox.base_url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            self.window.show_banner(
                f"<b>Sandbox mode.</b> A practice Horde inside the app at "
                f"{url}: nothing here reaches the real AI Horde. "
                "Your work is kept between sandbox runs (--fresh-sandbox starts over)."
            )
        # The first style's details follow the first paint (released once the style models are loaded):
        # under a real X server the window's expose comes after any zero timer started here (issue 18).
        self.browse_page.hold_details()
        self.window.show()
        self.browse_tab.refresh()  # the library as it was last time, at once, online or not
        if self.config.notice:
            self.messages.info(self.config.notice)
        if self._load_problem:
            self.messages.warning(self._load_problem)
        if self.library.recovered is not None:
            self.messages.warning(self.library.recovered.message)
        self.tasks.start(self._check_library())

    async def _check_library(self) -> None:
        """Damage SQLite has not tripped over yet is looked for once the window is up, on the library's reader
        thread; a damaged file is replaced by a fresh one, as at opening, and the tabs show that."""
        recovered = await self.library.check_in_background()
        if recovered is not None:
            self.messages.warning(recovered.message)
            self.browse_tab.refresh()
            self.collections.refresh()

    def _add_sandbox_profiles(self, secrets: SecretStore, sandbox: SandboxLogin) -> None:
        current = self.settings.current
        known = set(current.profiles)
        for profile, key in sandbox.profiles.items():
            secrets.set(profile, key)
            if profile not in known:
                current = current.replace(profiles=(*current.profiles, profile))
        self.settings.update(current)

    def _start_sign_in(self) -> None:
        sandbox = self.config.sandbox
        if sandbox is None:
            self.account.restore()
            return
        last = self.settings.current.active_profile
        if last is not None and last in sandbox.profiles:
            self.account.switch_profile(last)
        else:
            self.account.sign_in(SANDBOX_PROFILE, sandbox.key)

    def open_sign_in(self) -> SignInDialog:
        profile = self.account.active_profile or ""
        from horde_style_studio.ui.widgets.sign_in_dialog import SignInDialog

        sandbox = self.config.sandbox
        # Signing out forgets the profile and its key; the sandbox's demo accounts stay one click away.
        demo = (dict(sandbox.profiles) or {SANDBOX_PROFILE: sandbox.key}) if sandbox is not None else None
        dialog = SignInDialog(self.account, self.window, profile=profile, demo=demo)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_sign_in_dialog)
        self._sign_in_dialog = dialog
        dialog.open()
        return dialog

    # The dialogs, and the Qt types behind them, load when first opened: the first paint does without them.
    def _show_about(self) -> None:
        from horde_style_studio.ui.about import show_about

        show_about(self.window)

    def _show_guide(self) -> None:
        from horde_style_studio.ui.help import show_guide

        show_guide(self.window)

    def _show_shortcuts(self) -> None:
        from horde_style_studio.ui.help import show_shortcuts

        show_shortcuts(self.window)

    def _ask_mark_gone(self, question: str) -> QMessageBox:
        """Ask before a refresh marks most of a list gone (issue 14); "Mark gone" refreshes again, confirmed.
        Opened with ``open()``, never ``exec()``: the event loop keeps running while it waits."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "Most styles missing", question,
                          QMessageBox.StandardButton.NoButton, self.window)  # fmt: skip
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        mark = box.addButton("Mark gone", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton("Keep them", QMessageBox.ButtonRole.RejectRole))

        def answered(button: object) -> None:
            if button is mark:
                self.library_sync.refresh(light=False, confirm_gone=True)

        box.buttonClicked.connect(answered)
        self.gone_question = box
        box.open()
        return box

    def open_import(self) -> ImportDialog:
        self._imports.wait()  # its modules share the stacks the import thread may be loading
        from horde_style_studio.ui.widgets.import_dialog import ImportDialog

        dialog = ImportDialog(self.transfer, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_import_dialog)
        self._import_dialog = dialog
        dialog.show()
        return dialog

    def _forget_import_dialog(self) -> None:
        self._import_dialog = None

    def _say_transfer(self, level: Level, text: str) -> None:
        # An open import dialog says how its import went in its own summary; saying it twice would be noise.
        dialog = self._import_dialog
        if dialog is None or not dialog.isVisible():
            self.messages.show(level, text, TRANSFER)

    def export_styles(self, style_ids: list[str] | None) -> None:
        """A bundle of ``style_ids`` (all your own styles when None), to a file the user picks."""
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self.window, "Export styles", in_documents("styles-bundle.json"), JSON_FILES
        )
        if path:
            self.transfer.export(path, style_ids)

    def save_style(self, style_id: str) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self.window, "Save the style's JSON", in_documents("style.json"), JSON_FILES
        )
        if path:
            self.transfer.save_style(style_id, path)

    def open_settings(self) -> SettingsDialog:
        self._imports.wait()  # its modules share the stacks the import thread may be loading
        from horde_style_studio.ui.widgets.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings.current, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self._apply_settings)
        dialog.open()
        return dialog

    def _apply_settings(self, new: AppSettings) -> None:
        old = self.settings.current
        self.settings.update(new)
        self.session.set_contact(new.contact or None)
        if new.server_url == old.server_url:
            return
        if self.config.pinned:
            self.messages.info(
                "The new server address is used from the next start without --sandbox or --base-url."
            )
            return
        self._switch_server(old.server_url, new.server_url)

    def _switch_server(self, old: str, new: str) -> None:
        """End this run so the app reopens on ``new``: session, account and library all change together,
        as a half-switched studio would fill one server's library from another server."""
        self._switch_notice = switch_notice(old, new, unsaved_draft=self.editor.has_unsaved_changes())
        self._close()

    def _apply_cache_size(self, settings: AppSettings) -> None:
        self.thumbnails.set_disk_cap(settings.cache_size_mb)

    def _offer_own_styles(self) -> None:
        from horde_style_studio.domain.kinds import StyleKind

        mine = self.editor.presenter.my_styles()
        self.examples.presenter.set_own_styles([(r.id, r.name) for r in mine if r.kind is StyleKind.IMAGE])

    def _find(self) -> None:
        """Edit ▸ Find (Ctrl+F): the Browse tab's search, its text selected so typing replaces it."""
        self.window.select_tab("browse")
        self.browse_page.focus_search()

    def _open_examples(self, style_id: str) -> None:
        self.examples.open_style(style_id)
        self.window.select_tab("examples")

    def _on_signed_in(self, account: Account) -> None:
        self.messages.clear(ACCOUNT)  # a sign-in that failed before is over
        self._show_account()
        # After sign-in, so the user's own (also private) styles come along (§6).
        self.library_sync.refresh()

    def _on_signed_out(self) -> None:
        self._show_account()
        self.messages.info("Signed out; the profile and its key were removed.", source=ACCOUNT)

    def _on_sign_in_failed(self, message: str) -> None:
        # While the sign-in dialog is open it shows the failure inline; saying it twice would be noise.
        dialog = self._sign_in_dialog
        if dialog is None or not dialog.isVisible():
            self.messages.warning(message, source=ACCOUNT)

    def _show_account(self) -> None:
        self.window.show_account(self.account.account, active_profile=self.account.active_profile)

    def _show_profiles(self, settings: AppSettings) -> None:
        self.window.show_profiles(settings.profiles, settings.active_profile)
        self._show_account()

    def _forget_sign_in_dialog(self) -> None:
        self._sign_in_dialog = None
