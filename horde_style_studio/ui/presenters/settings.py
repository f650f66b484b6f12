"""The settings as the running app sees them: one owner that saves every change and announces it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from horde_style_studio.services.settings import AppSettings, SettingsStore

log = logging.getLogger(__name__)


class SettingsPresenter(QObject):
    """Owns the current ``AppSettings`` and the store they are saved to.

    Signals: ``changed(AppSettings)`` after each accepted change (even when saving failed, the running app
    uses the new values); ``save_failed(str)`` when the file could not be written.
    """

    changed = Signal(object)
    save_failed = Signal(str)

    def __init__(self, store: SettingsStore, initial: AppSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._current = initial

    @property
    def current(self) -> AppSettings:
        return self._current

    def update(self, settings: AppSettings) -> None:
        """Make ``settings`` current and save them; nothing happens when they equal the current ones."""
        if settings == self._current:
            return
        self._current = settings
        try:
            self._store.save(settings)
        except OSError as exc:
            log.warning("could not save settings to %s: %s", self._store.path, exc)
            self.save_failed.emit(f"Settings could not be saved ({exc.strerror or exc}).")
        self.changed.emit(settings)
