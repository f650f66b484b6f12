"""The Try window in the running app against the sandbox: estimate, progress, results side by side, a draft,
compare, and closing the app cancelling the job on the server."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio.domain.jobs import JobProgress, JobState
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleQuery
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app
from horde_style_studio.sandbox.workers import WorkerSettings
from horde_style_studio.ui.composition import Studio
from horde_style_studio.ui.trials.compare import CompareWindow
from horde_style_studio.ui.trials.feature import draft_subject
from horde_style_studio.ui.trials.presenter import Subject
from horde_style_studio.ui.trials.views import FULL_SIZE_LOADING, FullSizeView
from horde_style_studio.ui.trials.window import TrialWindow
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start_synced


def _start_the_decode_pool() -> None:
    # Browse decodes the sandbox's example thumbnails in a process-wide pool whose threads live as long as
    # the process; started here, before any test's leftover-thread check takes its snapshot.
    from horde_style_studio.ui.shared import decoding

    barrier = threading.Barrier(decoding.DECODE_THREADS)
    waits = [decoding.decode_pool().submit(barrier.wait, 5) for _ in range(decoding.DECODE_THREADS)]
    for wait in waits:
        wait.result()


_start_the_decode_pool()


def _started(
    qtbot: QtBot, make_studio: StudioFactory, *, queue: float
) -> tuple[SandboxApp, Studio, asyncio.Task[int]]:
    """The app signed in as the customizer, its library refreshed, against a sandbox whose jobs wait
    ``queue`` seconds in the queue."""
    app = create_app("modern", workers=WorkerSettings(queue_seconds=queue, run_seconds=0.3))
    studio = make_studio(httpx.ASGITransport(app=app), sandbox_key=CUSTOMIZER_KEY)
    task = start_synced(qtbot, studio)
    studio.settings.update(studio.settings.current.replace(kudos_confirm_above=100_000))
    return app, studio, task


def _own_image_style(studio: Studio) -> ImageStyle:
    rows = studio.library.search(StyleQuery(kind=StyleKind.IMAGE, limit=10_000))
    style = next(
        s for s in (studio.library.get_style(r.id) for r in rows) if isinstance(s, ImageStyle) and s.models
    )
    assert isinstance(style, ImageStyle)
    return style


def _runnable(app: SandboxApp) -> list[str]:
    """Ids of the sandbox's image styles that some worker serves."""
    served = {m.name for m in app.state_store.active_models if m.count > 0}
    return [s.id for s in app.state_store.styles.values() if s.kind == "image" and set(s.models) & served]


def _comparing(studio: Studio, app: SandboxApp, count: int) -> CompareWindow:
    """Compare ``count`` runnable styles on "a lighthouse", just started."""
    window = studio.trials.open_for_ids(_runnable(app)[:count])
    assert isinstance(window, CompareWindow)
    window.prompt.setText("a lighthouse")
    window.go.click()
    return window


def _tried(qtbot: QtBot, studio: Studio, *, unstyled: bool) -> TrialWindow:
    """A Try window on an own image style after one trial of "a lighthouse" finished."""
    window = studio.trials.open_try(Subject.of_style(_own_image_style(studio)))
    window.prompt.setText("a lighthouse")
    window.without.setChecked(unstyled)
    sides = [window.presenter.finished] * (2 if unstyled else 1)
    with qtbot.waitSignals(sides, timeout=30_000):
        window.try_button.click()
    return window


def test_a_trial_shows_the_estimate_the_queue_and_two_images_beside_the_unstyled_ones(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    _app, studio, task = _started(qtbot, make_studio, queue=2.5)
    window = studio.trials.open_try(Subject.of_style(_own_image_style(studio)))
    window.prompt.setText("a lighthouse")
    window.count.setValue(2)
    window.random_seed.setChecked(False)
    window.seed.setText("7")
    seen: list[JobProgress] = []
    window.presenter.progress.connect(lambda which, p: seen.append(p))
    with qtbot.waitSignals([window.presenter.finished, window.presenter.finished], timeout=30_000):
        window.try_button.click()
    assert "kudos" in window.estimate.text()
    assert any(p.state is JobState.WAITING and p.queue_position >= 1 for p in seen)
    assert [r.seed for r in window.styled.results()] == ["7", "8"]
    assert [r.seed for r in window.plain.results()] == ["7", "8"]
    assert window.styled.results()[0].data != window.plain.results()[0].data
    assert "seed 7" in window.styled.grid.item(0).text()
    assert studio.trials.windows == [window]
    assert close(qtbot, studio, task) == 0


def test_an_unsaved_draft_is_labelled_and_sent_merged(qtbot: QtBot, make_studio: StudioFactory) -> None:
    app, studio, task = _started(qtbot, make_studio, queue=0.5)
    doc = {"prompt": "{p}, charcoal sketch###colour, {np}", "params": {"steps": 20}, "models": ["Deliberate"]}
    window = studio.trials.open_try(draft_subject(StyleKind.IMAGE, "My Draft", doc, "draft-1"))
    assert window.unsaved.isVisibleTo(window)
    window.prompt.setText("a fox###blur")
    window.without.setChecked(False)
    with qtbot.waitSignal(window.presenter.finished, timeout=30_000):
        window.try_button.click()
    [job] = list(app.desk.jobs.values())
    assert job.prompt == "a fox, charcoal sketch###colour, blur"
    posts = [r.json() for r in app.request_log if r.method == "POST" and r.path.endswith("/generate/async")]
    assert all("style" not in body for body in posts)
    assert "unsaved draft" in window.status.text()
    assert close(qtbot, studio, task) == 0


def test_above_the_threshold_nothing_is_sent_without_asking(qtbot: QtBot, make_studio: StudioFactory) -> None:
    app, studio, task = _started(qtbot, make_studio, queue=0.5)
    studio.settings.update(studio.settings.current.replace(kudos_confirm_above=0))
    window = studio.trials.open_try(Subject.of_style(_own_image_style(studio)))
    window.prompt.setText("a lighthouse")
    with qtbot.waitSignal(window.presenter.confirm_needed, timeout=10_000):
        window.try_button.click()
    qtbot.waitUntil(lambda: window.question is not None and window.question.isVisible())
    assert app.desk.jobs == {}  # only the dry run was sent
    assert window.question is not None
    with qtbot.waitSignal(window.presenter.finished, timeout=30_000):
        window.question.button(QMessageBox.StandardButton.Yes).click()
    assert len(app.desk.jobs) == 2  # the trial and its unstyled comparison, once the user agreed
    assert close(qtbot, studio, task) == 0


def _jobs_sent(app: SandboxApp) -> int:
    """POST /v2/generate/async that queued a job (dry runs only price one)."""
    posts = [r for r in app.request_log if r.method == "POST" and r.path.endswith("/generate/async")]
    return sum(1 for r in posts if not (r.json() or {}).get("dry_run"))


def _hold(
    qtbot: QtBot, window: TrialWindow, key: Qt.Key, text: str, *, repeats: int, flagged: bool = True
) -> None:
    """``key`` held down: one press, then the auto-repeats sent every ~80 ms, each to whatever has the
    keyboard then (the question while it is open, else the Try window). Under Xvfb Qt does not see the
    repeats as such: ``flagged=False`` sends them as fresh presses, as a fast typist would."""
    for i in range(repeats):
        question = window.question
        target: QWidget = question if question is not None and question.isVisible() else window
        target = target.focusWidget() or target
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text, flagged and i > 0)
            )
        qtbot.wait(80)  # the keyboard's repeat rate, not a wait for the app


@pytest.mark.parametrize("flagged", [True, False], ids=["auto-repeat", "presses"])
def test_a_key_held_on_the_spend_question_never_spends_again_and_again(
    qtbot: QtBot, make_studio: StudioFactory, flagged: bool
) -> None:
    app, studio, task = _started(qtbot, make_studio, queue=0.1)
    studio.settings.update(studio.settings.current.replace(kudos_confirm_above=0))
    window = studio.trials.open_try(Subject.of_style(_own_image_style(studio)))
    window.prompt.setText("a lighthouse")
    window.without.setChecked(False)
    for key, text in ((Qt.Key.Key_Return, "\r"), (Qt.Key.Key_Space, " "), (Qt.Key.Key_Y, "y")):
        with qtbot.waitSignal(window.presenter.confirm_needed, timeout=10_000):
            window.try_button.click()
        qtbot.waitUntil(lambda: window.question is not None and window.question.isVisible())
        before = _jobs_sent(app)
        _hold(qtbot, window, key, text, repeats=40, flagged=flagged)
        qtbot.waitUntil(lambda: not window.presenter.running, timeout=30_000)
        # One question was on screen when the key went down: at most one job, however long it is held.
        assert _jobs_sent(app) - before <= 1, f"{key.name} held sent {_jobs_sent(app) - before} jobs"
        if window.question is not None:
            window.question.button(QMessageBox.StandardButton.No).click()
    assert close(qtbot, studio, task) == 0


def test_a_stray_return_or_space_on_the_spend_question_says_no(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    app, studio, task = _started(qtbot, make_studio, queue=0.1)
    studio.settings.update(studio.settings.current.replace(kudos_confirm_above=0))
    window = studio.trials.open_try(Subject.of_style(_own_image_style(studio)))
    window.prompt.setText("a lighthouse")
    for key, text in ((Qt.Key.Key_Return, "\r"), (Qt.Key.Key_Space, " ")):
        with qtbot.waitSignal(window.presenter.confirm_needed, timeout=10_000):
            window.try_button.click()
        qtbot.waitUntil(lambda: window.question is not None and window.question.isVisible())
        _hold(qtbot, window, key, text, repeats=1)
        qtbot.waitUntil(lambda: window.question is None)
        assert window.status.text() == "Not sent."
        assert window.styled.note.text() == ""  # no longer "Waiting for the Horde…"
    assert _jobs_sent(app) == 0
    assert close(qtbot, studio, task) == 0


def test_return_held_in_the_prompt_tries_once(qtbot: QtBot, make_studio: StudioFactory) -> None:
    app, studio, task = _started(qtbot, make_studio, queue=0.1)
    window = studio.trials.open_try(Subject.of_style(_own_image_style(studio)))
    window.prompt.setText("a lighthouse")
    window.without.setChecked(False)
    window.prompt.setFocus()
    with qtbot.waitSignal(window.presenter.finished, timeout=30_000):
        for i in range(25):
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r", i > 0)
                QApplication.sendEvent(window.prompt, event)
            qtbot.wait(80)  # the keyboard's repeat rate
    qtbot.waitUntil(lambda: not window.presenter.running, timeout=30_000)
    assert _jobs_sent(app) == 1
    assert close(qtbot, studio, task) == 0


def test_closing_the_app_while_a_job_runs_cancels_it_on_the_server(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    app, studio, task = _started(qtbot, make_studio, queue=120)
    window = studio.trials.open_try(Subject.of_style(_own_image_style(studio)))
    window.prompt.setText("a lighthouse")
    with qtbot.waitSignal(window.presenter.submitted, timeout=10_000) as queued:
        window.try_button.click()
    job_id = queued.args[1]
    assert close(qtbot, studio, task) == 0
    deletes = [r.path for r in app.request_log if r.method == "DELETE"]
    assert f"/api/v2/generate/status/{job_id}" in deletes


def test_compare_three_styles_side_by_side(qtbot: QtBot, make_studio: StudioFactory) -> None:
    app, studio, task = _started(qtbot, make_studio, queue=0.5)
    window = _comparing(studio, app, 3)
    qtbot.waitUntil(lambda: all(column.results() for column in window.columns), timeout=30_000)
    pictures = {column.results()[0].data for column in window.columns}
    assert len(pictures) == 3
    assert len({column.results()[0].seed for column in window.columns}) == 1  # one seed for all
    qtbot.waitUntil(lambda: window.go.isEnabled(), timeout=10_000)
    assert window.status.text() == f"3 of 3 styles on seed {window.seed.text()}"  # no "Generating…" left
    assert close(qtbot, studio, task) == 0


def test_two_windows_try_at_once_without_cancelling_each_other(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    app, studio, task = _started(qtbot, make_studio, queue=1.0)
    runnable = _runnable(app)
    first, second = (studio.trials.open_for_ids([style_id]) for style_id in runnable[:2])
    assert isinstance(first, TrialWindow)
    assert isinstance(second, TrialWindow)
    cancelled: list[str] = []
    for window in (first, second):
        window.prompt.setText("a lighthouse")
        window.without.setChecked(False)
        window.presenter.cancelled.connect(lambda: cancelled.append("cancelled"))
    with qtbot.waitSignal(first.presenter.submitted, timeout=10_000):
        first.try_button.click()
    with qtbot.waitSignals([first.presenter.finished, second.presenter.finished], timeout=30_000):
        second.try_button.click()
    assert cancelled == []
    assert first.styled.results()
    assert second.styled.results()
    assert not [r for r in app.request_log if r.method == "DELETE"]
    assert close(qtbot, studio, task) == 0


def test_reopening_a_style_shows_its_last_kept_trial(qtbot: QtBot, make_studio: StudioFactory) -> None:
    _app, studio, task = _started(qtbot, make_studio, queue=0.3)
    style = _own_image_style(studio)
    window = studio.trials.open_try(Subject.of_style(style))
    window.prompt.setText("a lighthouse")
    window.without.setChecked(False)
    window.random_seed.setChecked(False)
    window.seed.setText("7")
    with qtbot.waitSignal(window.presenter.finished, timeout=30_000):
        window.try_button.click()
    window.close()
    again = studio.trials.open_try(Subject.of_style(style))
    qtbot.waitUntil(lambda: len(again.styled.results()) == 2, timeout=10_000)
    assert [r.seed for r in again.styled.results()] == ["7", "8"]
    assert "Last kept trial" in again.styled.note.text()
    assert not again.styled.grid.item(0).icon().isNull()
    assert close(qtbot, studio, task) == 0


def _find_user_calls(app: SandboxApp) -> int:
    return sum(1 for r in app.request_log if r.method == "GET" and r.path.endswith("/find_user"))


def test_the_status_bar_shows_the_kudos_left_once_a_trial_is_done(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    app, studio, task = _started(qtbot, make_studio, queue=0.5)
    kudos = studio.window.status.kudos
    before, asked = kudos.text(), _find_user_calls(app)
    _tried(qtbot, studio, unstyled=True)
    qtbot.waitUntil(lambda: kudos.text() != before, timeout=10_000)
    assert studio.account.account is not None
    assert kudos.text() == f"{studio.account.account.user.kudos:,.0f} kudos"
    assert _find_user_calls(app) == asked + 1  # one request for both sides' jobs
    assert close(qtbot, studio, task) == 0


def test_the_full_size_view_opens_at_once_and_decodes_the_picture_off_the_ui_thread(
    qtbot: QtBot, make_studio: StudioFactory
) -> None:
    _app, studio, task = _started(qtbot, make_studio, queue=0.3)
    window = _tried(qtbot, studio, unstyled=False)
    result = window.styled.results()[0]
    window.styled.grid.itemDoubleClicked.emit(window.styled.grid.item(0))
    view = window.findChild(FullSizeView)
    assert view is not None
    assert view.isVisible()
    assert view.picture.pixmap().isNull()  # a placeholder first: nothing was decoded on the UI thread
    assert view.picture.text() == FULL_SIZE_LOADING
    qtbot.waitUntil(lambda: not view.picture.pixmap().isNull(), timeout=10_000)
    assert result.data is not None
    full = QImage.fromData(result.data)
    assert view.picture.pixmap().size() == full.size()  # the whole picture, not the grid's icon
    assert close(qtbot, studio, task) == 0


def test_compare_shows_each_styles_place_in_the_queue(qtbot: QtBot, make_studio: StudioFactory) -> None:
    app, studio, task = _started(qtbot, make_studio, queue=3.0)
    window = _comparing(studio, app, 2)
    qtbot.waitUntil(
        lambda: all("In the queue at position" in c.note.text() for c in window.columns), timeout=10_000
    )
    assert all(" s left" in column.note.text() for column in window.columns)
    qtbot.waitUntil(lambda: all(column.results() for column in window.columns), timeout=30_000)
    assert all("kudos" in column.note.text() for column in window.columns)  # the countdown gave way
    assert close(qtbot, studio, task) == 0
