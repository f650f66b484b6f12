"""The Examples page as a user drives it: typing, clicking, keys, drops, and what it then shows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from horde_style_studio.api import HordeClientSession
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.ui.examples.delegate import card_geometry
from horde_style_studio.ui.examples.gallery_model import Health, Role
from horde_style_studio.ui.examples.link_check import LinkChecker
from horde_style_studio.ui.examples.page import ExamplesPage
from horde_style_studio.ui.examples.presenter import ExamplesPresenter
from horde_style_studio.ui.examples.tab import report
from horde_style_studio.ui.shared.decoding import TIMES
from horde_style_studio.ui.shared.messages import Level, MessageView
from horde_style_studio.workflows.examples.access import FULL
from tests.qt.examples.conftest import new_image_style, run
from tests.qt.examples.images import BROKEN, picture
from tests.qt.examples.test_presenter import act, assert_matches_server, gallery
from tests.qt.helpers import message_surface


@pytest.fixture
def shown(qtbot: QtBot) -> MessageView:
    return message_surface(qtbot)


@pytest.fixture
def page(qtbot: QtBot, presenter: ExamplesPresenter, links: LinkChecker, shown: MessageView) -> ExamplesPage:
    widget = ExamplesPage(presenter, links)
    report(presenter, shown.bridge)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def open_by_typing(qtbot: QtBot, page: ExamplesPage, reference: str) -> None:
    page.picker.reference.setText(reference)
    with qtbot.waitSignal(page.presenter.style_loaded, timeout=10_000):
        QTest.mouseClick(page.picker.open, Qt.MouseButton.LeftButton)


def add_by_typing(qtbot: QtBot, page: ExamplesPage, url: str) -> None:
    page.url.setText(url)
    act(qtbot, page.presenter, lambda: QTest.keyClick(page.url, Qt.Key.Key_Return))


def asked(page: ExamplesPage) -> QMessageBox:
    assert page.question is not None
    return page.question


def card_point(page: ExamplesPage, row: int, part: Callable[..., QPoint]) -> QPoint:
    rect = page.gallery.visualRect(page.presenter.model.index(row, 0))
    return part(card_geometry(rect))


def test_a_curator_does_it_all_from_the_page(
    qtbot: QtBot, page: ExamplesPage, session: HordeClientSession, shown: MessageView
) -> None:
    open_by_typing(qtbot, page, new_image_style(qtbot, session, name="Page Flow Test"))
    assert page.heading.text() == "Page Flow Test"
    urls = [picture(f"page-{n}") for n in range(4)]
    for url in urls:
        add_by_typing(qtbot, page, url)
        assert page.url.text() == "", "an added link leaves the field"
    assert "4 of 4 examples" in page.details.text()
    assert page.picker.own.currentText() == "Page Flow Test"
    page.gallery.setFocus()
    page.gallery.select_row(2)
    act(qtbot, page.presenter, lambda: QTest.keyClick(page.gallery, Qt.Key.Key_P))
    assert [primary for _, _, primary in assert_matches_server(qtbot, page.presenter, session)] == [
        False, False, True, False,
    ]
    page.gallery.select_row(1)
    page.url.setText(picture("page-replacement"))
    act(qtbot, page.presenter, lambda: QTest.mouseClick(page.replace, Qt.MouseButton.LeftButton))
    assert gallery(page.presenter)[1][1] == picture("page-replacement")
    page.gallery.select_row(2)
    QTest.keyClick(page.gallery, Qt.Key.Key_Delete)
    question = asked(page)
    assert "Remove this example" in question.text()
    qtbot.waitExposed(question)
    QTest.keyClick(question, Qt.Key.Key_Return)  # Enter cancels: the example stays
    qtbot.waitUntil(lambda: not question.isVisible())
    assert len(gallery(page.presenter)) == 4
    QTest.keyClick(page.gallery, Qt.Key.Key_Delete)
    question = asked(page)
    [remove] = [button for button in question.buttons() if button.text() == "Remove"]
    act(qtbot, page.presenter, remove.click)
    listed = assert_matches_server(qtbot, page.presenter, session)
    assert [url for _, url, _ in listed] == [urls[0], picture("page-replacement"), urls[3]]
    assert shown.messages() == [(Level.INFO, "The example was removed.")]


def test_the_star_makes_primary_and_the_thumbnail_opens_the_full_image(
    qtbot: QtBot, page: ExamplesPage, session: HordeClientSession
) -> None:
    open_by_typing(qtbot, page, new_image_style(qtbot, session))
    for name in ("star-a", "star-b"):
        add_by_typing(qtbot, page, picture(name))
    star = card_point(page, 1, lambda g: g.star.center())
    act(qtbot, page.presenter, lambda: QTest.mouseClick(
        page.gallery.viewport(), Qt.MouseButton.LeftButton, pos=star))
    assert [primary for _, _, primary in gallery(page.presenter)] == [False, True]
    thumb = card_point(page, 0, lambda g: g.thumb.center())
    with qtbot.waitSignal(page.presenter.full_image_ready):
        QTest.mouseClick(page.gallery.viewport(), Qt.MouseButton.LeftButton, pos=thumb)
    viewer = page._viewer
    assert viewer is not None
    assert viewer.isVisible()
    assert viewer.caption.text() == f"96 {TIMES} 96 px · {picture('star-a')}"
    viewer.close()


def test_someone_elses_style_shows_why_nothing_can_be_changed(
    qtbot: QtBot, page: ExamplesPage, session: HordeClientSession
) -> None:
    styles = run(qtbot, session.list_styles(StyleKind.IMAGE))
    theirs = next(
        s for s in styles if isinstance(s, ImageStyle) and s.examples and s.creator != "sandbox_curator#1"
    )
    open_by_typing(qtbot, page, theirs.id)
    page.gallery.select_row(0)
    reason = f"This style belongs to {theirs.creator}; only its owner can change its examples."
    assert page.access_note.isVisible()
    assert page.access_note.text() == reason
    for control in (page.add, page.replace, page.make_primary, page.remove, page.url):
        assert not control.isEnabled()
        assert control.toolTip() == reason
    assert page.view_full.isEnabled()
    assert not page.gallery.card_delegate.editable


def test_a_fifth_link_is_refused_on_the_page_saying_why(
    qtbot: QtBot, page: ExamplesPage, session: HordeClientSession, sandbox: SandboxApp, shown: MessageView
) -> None:
    open_by_typing(qtbot, page, new_image_style(qtbot, session))
    for n in range(4):
        add_by_typing(qtbot, page, picture(f"full-{n}"))
    assert page.add.isEnabled()
    assert page.add.toolTip() == FULL
    sandbox.request_log.clear()
    page.url.setText(picture("full-5"))
    with qtbot.waitSignal(page.presenter.refused):
        QTest.mouseClick(page.add, Qt.MouseButton.LeftButton)
    assert shown.messages() == [(Level.WARNING, FULL)]
    assert sandbox.request_log == []


def test_a_link_dropped_on_the_gallery_is_checked_and_added(
    qtbot: QtBot, page: ExamplesPage, session: HordeClientSession
) -> None:
    open_by_typing(qtbot, page, new_image_style(qtbot, session))
    data = QMimeData()
    data.setUrls([QUrl(picture("dropped"))])
    viewport = page.gallery.viewport()
    where = QPointF(viewport.rect().center())
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    copy = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(where.toPoint(), copy, data, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted(), "the gallery takes links"
    QApplication.sendEvent(viewport, QDragMoveEvent(where.toPoint(), copy, data, buttons, keys))
    drop = QDropEvent(where, copy, data, buttons, keys)
    act(qtbot, page.presenter, lambda: QApplication.sendEvent(viewport, drop))
    assert gallery(page.presenter)[0][1:] == (picture("dropped"), True)


def test_check_links_lists_the_broken_ones_and_opens_their_style(
    qtbot: QtBot, page: ExamplesPage, session: HordeClientSession
) -> None:
    broken_style = new_image_style(qtbot, session, name="Broken Link Test")
    run(qtbot, session.add_example(broken_style, BROKEN))
    with qtbot.waitSignal(page.links.finished, timeout=20_000):
        QTest.mouseClick(page.check_links, Qt.MouseButton.LeftButton)
    assert page.report.isVisible()
    assert "1 broken" in page.report.summary.text()
    assert page.report.rows.rowCount() == 1
    assert page.report.rows.item(0, 3).text() == BROKEN
    assert page.check_links.isEnabled()
    with qtbot.waitSignal(page.presenter.style_loaded, timeout=10_000):
        page.report.table.activated.emit(page.report.rows.index(0, 0))
    assert page.heading.text() == "Broken Link Test"
    with qtbot.waitSignal(page.presenter.model.dataChanged):
        pass  # its thumbnail download failing
    assert page.presenter.model.data(page.presenter.model.index(0, 0), Role.HEALTH) == Health.BROKEN


def test_signed_out_the_link_check_says_to_sign_in(qtbot: QtBot, page: ExamplesPage) -> None:
    assert page.check_links.isEnabled()
    page.presenter.set_user(None)
    assert not page.check_links.isEnabled()
    assert page.check_links.toolTip() == "Sign in to check the example links of your styles"
    assert page.picker.own.currentText() == "Sign in to list your image styles"
