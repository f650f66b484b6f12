"""File ▸ Export draft as JSON starts in the user's documents folder, not wherever the app was started."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from horde_style_studio.ui.editor.page import EditorPage


def test_export_draft_opens_in_the_documents_folder(
    qtbot: QtBot, page: EditorPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    documents = home / "Documents"
    documents.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs: ~/Documents
    page.presenter.set_field("name", "Moody dusk")
    page.ask_export()
    dialog = page.questions.dialog
    assert isinstance(dialog, QFileDialog)
    assert Path(dialog.directory().absolutePath()) == documents
    assert [Path(f).name for f in dialog.selectedFiles()] == ["Moody dusk.json"]
    dialog.reject()
