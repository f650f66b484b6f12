"""Widgets: pages, dialogs and bars. They talk to presenters, never to HTTP, SQLite or the keyring."""
