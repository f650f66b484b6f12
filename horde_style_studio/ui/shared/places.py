"""Where file dialogs start: the user's documents folder, never the directory the app happened to start in."""

from __future__ import annotations

from pathlib import Path


def documents_folder() -> Path:
    """The desktop's documents folder (XDG's, Windows' or macOS's); the home folder where there is none."""
    from PySide6.QtCore import QStandardPaths  # here: the first paint opens no file dialog (issue 18)

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def in_documents(file_name: str = "") -> str:
    """``file_name`` in the documents folder, as a file dialog's starting point."""
    folder = documents_folder()
    return str(folder / file_name) if file_name else str(folder)
