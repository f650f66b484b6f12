"""File ▸ Import: the review dialog over a messy styles.csv, then drafts, then styles on the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.drafts import Drafts
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app
from horde_style_studio.ui.async_support import TaskRegistry
from horde_style_studio.ui.presenters.transfer import TransferPresenter
from horde_style_studio.ui.shared.messages import Level
from horde_style_studio.ui.widgets.import_dialog import ImportDialog
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start

CSV = (
    "\ufeffname,prompt,negative_prompt\r\n"
    'Glow ✨,"{prompt}, glowing, ""neon""",blurry\r\n'
    "\r\n"
    "Broken,a,b,c\r\n"
    'Film,"film grain, 35mm",\r\n'
)


@pytest.fixture
def sandbox() -> SandboxApp:
    return create_app("modern")


@pytest.fixture
def dialog(qtbot: QtBot, sandbox: SandboxApp, tasks: TaskRegistry) -> Iterator[ImportDialog]:
    library = StyleLibrary.in_memory()
    session = HordeClientSession(
        "http://sandbox.test/api",
        api_key=CUSTOMIZER_KEY,
        transport=httpx.ASGITransport(app=sandbox),
        retry=NO_RETRY,
    )
    dialog = ImportDialog(TransferPresenter(session, library, tasks))
    qtbot.addWidget(dialog)
    yield dialog
    tasks.start(session.aclose())
    library.close()


def test_the_review_then_drafts_then_the_ready_styles_on_the_server(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path, sandbox: SandboxApp
) -> None:
    path = tmp_path / "styles.csv"
    path.write_bytes(CSV.encode())
    dialog.path.setText(str(path))
    dialog.model_name.setText("AlbedoBase XL (SDXL)")
    dialog.format.setCurrentIndex(dialog.format.findText("AUTOMATIC1111/Forge styles.csv"))

    dialog.read.click()

    model = dialog.model
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["Glow ✨", "Film"]
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == ["ready", "ready"]
    assert dialog.left_out.toPlainText().startswith("Row 4: has 4 values")
    assert dialog.create_button.isEnabled()

    dialog.keep_button.click()
    library = dialog.presenter.library
    assert sorted(draft.name for draft in Drafts(library).drafts()) == ["Film", "Glow ✨"]
    assert not any(s.name == "Glow ✨" for s in sandbox.state_store.styles.values())

    with qtbot.waitSignal(dialog.presenter.created, timeout=10_000):
        dialog.create_button.click()

    made = [s for s in sandbox.state_store.styles.values() if s.name in ("Glow ✨", "Film")]
    assert len(made) == 2
    assert all(s.kind == StyleKind.IMAGE.value and not s.public for s in made)
    assert Drafts(library).drafts() == []


def test_an_open_import_dialog_says_its_failure_itself_and_the_window_says_the_next_one(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport, tmp_path: Path
) -> None:
    studio = make_studio(sandbox_transport)
    task = start(qtbot, studio)
    dialog = studio.open_import()
    qtbot.waitExposed(dialog)
    missing = tmp_path / "missing.csv"
    dialog.path.setText(str(missing))

    dialog.read.click()

    assert str(missing) in dialog.summary.text()
    # One place at a time: the dialog the user is looking at.
    assert not any(str(missing) in text for _, text in studio.window.message_view.messages())

    dialog.close()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    studio.transfer.save_style("no-such-style", str(tmp_path / "style.json"))
    assert (Level.ERROR, "That style is no longer in the library.") in studio.window.message_view.messages()
    assert close(qtbot, studio, task) == 0
