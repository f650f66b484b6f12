"""The About dialog that Help > About opens, and the icon the app's windows carry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, qVersion
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from horde_style_studio import APP_NAME, PROJECT_URL, __version__
from horde_style_studio.resources import ICON_SIZES
from horde_style_studio.ui.about import AboutDialog, show_about
from horde_style_studio.ui.app_icon import application_icon

# The offscreen platform used in tests cannot resize or raise windows and says so at every show().
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")


def _text(dialog: AboutDialog) -> QLabel:
    label = dialog.findChild(QLabel, "aboutText")
    assert label is not None
    return label


def _open(qtbot: QtBot) -> tuple[QWidget, AboutDialog]:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = show_about(parent)
    qtbot.waitExposed(dialog)
    return parent, dialog


def test_about_names_the_app_version_licence_and_toolkit(qtbot: QtBot) -> None:
    _, dialog = _open(qtbot)
    text = _text(dialog).text()
    for fact in (APP_NAME, f"Version {__version__}", "AGPL-3.0-or-later", f"Qt {qVersion()}", "PySide6"):
        assert fact in text
    assert f'href="{PROJECT_URL}"' in text
    assert _text(dialog).openExternalLinks()


def test_about_does_not_block_and_close_button_closes_it(qtbot: QtBot) -> None:
    _, dialog = _open(qtbot)
    assert not dialog.isModal()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    with qtbot.waitSignal(dialog.destroyed):
        close.click()


def test_asking_again_raises_the_open_dialog_instead_of_stacking_another(qtbot: QtBot) -> None:
    parent, dialog = _open(qtbot)
    assert show_about(parent) is dialog
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()
    again = show_about(parent)
    assert again is not dialog
    assert again.isVisible()


def test_application_icon_has_every_drawn_size(qtbot: QtBot) -> None:
    sizes = application_icon().availableSizes()
    assert sizes == [QSize(size, size) for size in ICON_SIZES]
