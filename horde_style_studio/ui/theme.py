"""The light or dark look: the desktop's colour scheme followed, or the one chosen in Settings, applied live.

Qt reports the desktop's scheme through ``QStyleHints.colorScheme`` (6.5+), but not every platform plugin
repaints the palette to match (plain X11 without a desktop theme, the offscreen platform), and a choice
against the desktop's needs a palette of its own anyway. So the app sets one of its two palettes whenever
the palette Qt gives does not match the scheme wanted, hands it to every open window at once, and sets the
widgets' style sheets again, whose ``palette()`` references are resolved when a style sheet is set.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from horde_style_studio.services.settings_values import COLOR_SCHEMES

SYSTEM, LIGHT, DARK = COLOR_SCHEMES
SCHEME_LABELS = {SYSTEM: "Same as the system", LIGHT: "Light", DARK: "Dark"}

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# (role, active colour, disabled colour); the inactive group takes the active colours.
_DARK = (
    (Role.Window, "#2b2d30", "#2b2d30"),
    (Role.WindowText, "#e6e6e6", "#7f8185"),
    (Role.Base, "#1f2023", "#26282b"),
    (Role.AlternateBase, "#34373b", "#2f3134"),
    (Role.ToolTipBase, "#3b3e43", "#3b3e43"),
    (Role.ToolTipText, "#f0f0f0", "#9a9a9a"),
    (Role.PlaceholderText, "#9da1a6", "#6c6f73"),
    (Role.Text, "#e6e6e6", "#7f8185"),
    (Role.Button, "#36393d", "#303236"),
    (Role.ButtonText, "#e6e6e6", "#7f8185"),
    (Role.BrightText, "#ff6b6b", "#ff6b6b"),
    (Role.Light, "#4a4d52", "#4a4d52"),
    (Role.Midlight, "#3f4246", "#3f4246"),
    (Role.Mid, "#5a5e63", "#4a4d52"),
    (Role.Dark, "#1b1c1e", "#1b1c1e"),
    (Role.Shadow, "#101010", "#101010"),
    (Role.Highlight, "#3d7fd9", "#4a4d52"),
    (Role.HighlightedText, "#ffffff", "#9a9a9a"),
    (Role.Link, "#7fb2ff", "#6b7f99"),
    (Role.LinkVisited, "#c39bff", "#8a7aa3"),
)
_LIGHT = (
    (Role.Window, "#efefef", "#efefef"),
    (Role.WindowText, "#1a1a1a", "#8c8c8c"),
    (Role.Base, "#ffffff", "#efefef"),
    (Role.AlternateBase, "#f5f5f5", "#f5f5f5"),
    (Role.ToolTipBase, "#ffffdc", "#ffffdc"),
    (Role.ToolTipText, "#1a1a1a", "#8c8c8c"),
    (Role.PlaceholderText, "#6e6e6e", "#a0a0a0"),
    (Role.Text, "#1a1a1a", "#8c8c8c"),
    (Role.Button, "#efefef", "#efefef"),
    (Role.ButtonText, "#1a1a1a", "#8c8c8c"),
    (Role.BrightText, "#ffffff", "#ffffff"),
    (Role.Light, "#ffffff", "#ffffff"),
    (Role.Midlight, "#cacaca", "#cacaca"),
    (Role.Mid, "#a0a0a0", "#b8b8b8"),
    (Role.Dark, "#9f9f9f", "#bebebe"),
    (Role.Shadow, "#767676", "#b1b1b1"),
    (Role.Highlight, "#3072c7", "#c8c8c8"),
    (Role.HighlightedText, "#ffffff", "#8c8c8c"),
    (Role.Link, "#1d5fb8", "#7a8ea8"),
    (Role.LinkVisited, "#7433b0", "#9a85ad"),
)


def scheme_palette(dark: bool) -> QPalette:
    """The app's own palette for one scheme."""
    palette = QPalette()
    for role, active, disabled in _DARK if dark else _LIGHT:
        for group in (Group.Active, Group.Inactive):
            palette.setColor(group, role, QColor(active))
        palette.setColor(Group.Disabled, role, QColor(disabled))
    return palette


def _every_colour_set(palette: QPalette) -> QPalette:
    """A copy of ``palette`` with each colour set explicitly: a widget given a palette with none set keeps the
    colours it had instead of taking these."""
    explicit = QPalette()
    for role in Role:
        if role in (Role.NoRole, Role.NColorRoles):
            continue
        for group in (Group.Active, Group.Inactive, Group.Disabled):
            explicit.setColor(group, role, palette.color(group, role))
    return explicit


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` paints light text on a dark window."""
    return palette.color(Role.Window).lightness() < palette.color(Role.WindowText).lightness()


class ColorSchemes(QObject):
    """Keeps the application's palette in the scheme wanted: the user's choice (``light``/``dark``), or with
    ``system`` the desktop's, followed as it changes (``QStyleHints.colorSchemeChanged``)."""

    def __init__(self, choice: str = SYSTEM, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choice = SYSTEM
        hints = QGuiApplication.styleHints()
        self._system = hints.colorScheme()
        hints.colorSchemeChanged.connect(self._system_changed)
        self._keeping = True
        self.choose(choice)

    @property
    def choice(self) -> str:
        return self._choice

    def wants_dark(self) -> bool:
        if self._choice != SYSTEM:
            return self._choice == DARK
        return self._system == Qt.ColorScheme.Dark

    def choose(self, choice: str) -> None:
        """Apply ``choice`` (one of ``COLOR_SCHEMES``) at once, to every open window."""
        self._choice = choice if choice in COLOR_SCHEMES else SYSTEM
        self._apply()

    def close(self) -> None:
        """Let go of the palette: the studio that owned this one has ended, and a later one keeps it (a choice
        or a desktop change that reaches this one applies nothing). Safe to call twice."""
        if self._keeping:
            self._keeping = False
            QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._system_changed)

    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        self._system = scheme
        if self._choice == SYSTEM:
            self._apply()

    def _apply(self) -> None:
        app = QApplication.instance()
        if not self._keeping or not isinstance(app, QApplication):
            return
        dark = self.wants_dark()
        if self._choice == SYSTEM:
            # Back to what the platform gives; the app's own palette only where that is not in the scheme.
            app.setPalette(QPalette())
            palette = None if is_dark(app.palette()) == dark else scheme_palette(dark)
        else:
            palette = scheme_palette(dark)
        if palette is not None:
            app.setPalette(palette)
        # Native dialogs and the platform's own decorations follow where the platform can be told.
        QGuiApplication.styleHints().setColorScheme(
            Qt.ColorScheme.Unknown if self._choice == SYSTEM else
            (Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        )  # fmt: skip
        if sheet := app.styleSheet():  # an empty one set again would reset the style and its palettes
            app.setStyleSheet(sheet)
        # Qt posts the change to open windows, and a page built meanwhile (tabs are built after the first
        # paint) could keep the old colours: every window takes the new palette now, its children with it.
        now = _every_colour_set(app.palette())
        for window in app.topLevelWidgets():
            window.setPalette(now)
        # A widget's own style sheet resolved its palette() references when set: set again, it takes these.
        for widget in app.allWidgets():
            if own := widget.styleSheet():
                widget.setStyleSheet(own)
