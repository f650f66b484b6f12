"""The main window: a layout shell of banner, tabs, menus, status bar and the message overlay.

It holds no logic; the composition root (``ui.composition``) wires its actions to presenters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, QRect, QSize, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from horde_style_studio import APP_NAME
from horde_style_studio.domain.plain import ANONYMOUS_ABILITIES
from horde_style_studio.ui.menus import NO_ROLE_REASON, MainMenus
from horde_style_studio.ui.shared.messages import MessageBridge, MessageView
from horde_style_studio.ui.widgets.inline import inline_label
from horde_style_studio.ui.widgets.lazy_page import LazyPage
from horde_style_studio.ui.widgets.status_bar import StudioStatusBar

if TYPE_CHECKING:
    from horde_style_studio.ui.presenters.account import Account

DEFAULT_SIZE = QSize(1200, 780)
# Room left for the window manager's title bar and borders, which Qt only learns once the window is shown.
DECORATION = QSize(16, 48)


class TabSpec(NamedTuple):  # not a dataclass: defining one cost the first paint ~1 ms (issue 18)
    key: str
    title: str


TABS = (
    TabSpec("browse", "Browse"),
    TabSpec("editor", "Editor"),
    TabSpec("examples", "Examples"),
    TabSpec("collections", "Collections"),
)


class MainWindow(QMainWindow):
    """The four tabs with their menus, the sandbox banner, the status bar and the one message view.

    ``pages`` maps a tab key to its page (a key without one stays an empty page); ``messages`` is the bridge
    every presenter's messages travel through, shown by ``message_view`` over the bottom of the window.
    Signals: ``close_requested()`` when the window is closed (the app then shuts down, DESIGN qasync rule 2);
    ``profile_chosen(str)`` from Account ▸ Switch profile.
    """

    close_requested = Signal()
    profile_chosen = Signal(str)

    def __init__(
        self,
        pages: Mapping[str, QWidget] | None = None,
        parent: QWidget | None = None,
        *,
        messages: MessageBridge | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(720, 480)
        self.banner = inline_label("SandboxBanner", rich=True)
        self.messages = messages if messages is not None else MessageBridge(self)
        self.tabs = QTabWidget(documentMode=True)
        self.tabs.setAccessibleName("Tabs")
        # Hovering a dragged style over a tab opens it, so styles can be dragged from Browse to Collections.
        self.tabs.tabBar().setChangeCurrentOnDrag(True)
        self.tabs.tabBar().setAcceptDrops(True)
        for spec in TABS:
            self.tabs.addTab((pages or {}).get(spec.key) or QWidget(), spec.title)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget in (self.banner, self.tabs):
            layout.addWidget(widget)
        layout.setStretchFactor(self.tabs, 1)
        self.setCentralWidget(central)
        self.message_view = MessageView(self.messages, central)
        # Messages float over the bottom of the current page's main area (its list or form), so the
        # page's own buttons below it stay in reach; a page says which widget that is with message_area().
        self.message_view.anchor = self._message_area
        self.message_view.covering.connect(self._make_room_below)
        self.tabs.currentChanged.connect(lambda _index: self.message_view.place())
        self.status = StudioStatusBar()
        self.setStatusBar(self.status)
        self.menus = MainMenus(self, [spec.title for spec in TABS])
        for index, action in enumerate(self.menus.tab_actions):
            action.triggered.connect(partial(self.tabs.setCurrentIndex, index))
        self.menus.full_screen.toggled.connect(self._set_full_screen)
        self.menus.quit.triggered.connect(self.close)
        self._profile_group = QActionGroup(self)

    def _shown_page(self) -> QWidget | None:
        current: QWidget | None = self.tabs.currentWidget()
        if isinstance(current, LazyPage):
            # The shown tab's page is built (showing builds it); a page not built yet has nothing to offer.
            current = current.page() if current.built else None
        return current

    def _message_area(self) -> QWidget | None:
        area = getattr(self._shown_page(), "message_area", None)
        widget = area() if callable(area) else None
        return widget if isinstance(widget, QWidget) else None

    def _make_room_below(self, pixels: int) -> None:
        """A page whose form scrolls keeps room below its last field for the messages over it."""
        make_room = getattr(self._shown_page(), "make_room_below", None)
        if callable(make_room):
            make_room(pixels)

    def page(self, key: str) -> QWidget | None:
        """The tab's page; one still waiting to be built (a ``LazyPage``) is built now."""
        widget = self.tabs.widget(_tab_index(key))
        return widget.page() if isinstance(widget, LazyPage) else widget

    def show_banner(self, html: str) -> None:
        """``html`` is the app's own markup; anything from elsewhere in it must be escaped."""
        self.banner.setText(html)
        self.banner.setVisible(True)

    def show_account(self, account: Account | None, *, active_profile: str | None) -> None:
        """Status bar and authoring actions for ``account``; Sign out stays possible while a profile is
        active, even one whose sign-in failed."""
        self.status.show_account(account)
        anonymous = account is not None and account.user.is_anonymous
        self.menus.gate_authoring(
            can_author=account is not None and account.user.can_author_styles, signed_in=account is not None,
            why_not=ANONYMOUS_ABILITIES if anonymous else NO_ROLE_REASON,
        )
        self.menus.sign_out.setEnabled(active_profile is not None)

    def show_profiles(self, profiles: Sequence[str], active: str | None) -> None:
        """Rebuild Account ▸ Switch profile; the active profile is checked."""
        menu = self.menus.profiles
        menu.clear()
        self._profile_group = QActionGroup(self)
        for name in profiles:
            action = QAction(name, menu, checkable=True, checked=name == active)
            action.triggered.connect(partial(self.profile_chosen.emit, name))
            self._profile_group.addAction(action)
            menu.addAction(action)
        menu.setEnabled(bool(profiles))

    def current_tab_key(self) -> str:
        return TABS[max(0, self.tabs.currentIndex())].key

    def select_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(_tab_index(key))

    def restore_layout(self, geometry: str, tab_key: str) -> None:
        """Geometry as saved by :meth:`saved_geometry` (base64); an unknown tab key leaves the first tab."""
        if not geometry or not self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii"))):
            screen = self.screen() or QGuiApplication.primaryScreen()
            # Three quarters of a big screen, at least the default, then shrunk to fit a small one.
            share = screen.availableGeometry().size() * 0.75 if screen is not None else DEFAULT_SIZE
            self.resize(DEFAULT_SIZE.expandedTo(share))
            self._fit_to_screen(centre=True)
        else:
            # Saved on a bigger screen (or before the panel moved): clamped, so no edge is out of reach.
            self._fit_to_screen(centre=False)
        if any(spec.key == tab_key for spec in TABS):
            self.select_tab(tab_key)

    def _fit_to_screen(self, *, centre: bool) -> None:
        """Shrink the window to the screen's available area (minus the frame) and move it fully onto it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        area = screen.availableGeometry()
        room = area.size() - DECORATION
        size = self.size().boundedTo(room).expandedTo(self.minimumSize())
        self.resize(size)
        if centre:
            frame = size + DECORATION
            x = area.x() + max(0, (area.width() - frame.width()) // 2)
            y = area.y() + max(0, (area.height() - frame.height()) // 2)
            self.move(x, y)
        elif not area.contains(QRect(self.pos(), size)):
            x = min(max(self.x(), area.x()), area.right() + 1 - size.width() - DECORATION.width())
            y = min(max(self.y(), area.y()), area.bottom() + 1 - size.height() - DECORATION.height())
            self.move(max(x, area.x()), max(y, area.y()))

    def saved_geometry(self) -> str:
        return bytes(self.saveGeometry().toBase64().data()).decode("ascii")

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        self.close_requested.emit()

    def _set_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()


def _tab_index(key: str) -> int:
    return next(index for index, spec in enumerate(TABS) if spec.key == key)
