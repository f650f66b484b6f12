"""The one message surface: every presenter's outcome travels through one :class:`MessageBridge` to one
:class:`MessageView`, an overlay over the bottom of the window's central widget.

The whole API, for presenters' wiring (usually in a tab's ``connect_to``)::

    bridge.info(text, source="editor")      # fades by itself after a few seconds
    bridge.warning(text, source="sync")     # stays until dismissed or cleared
    bridge.error(text, source="sync")       # stays until dismissed or cleared
    bridge.clear("sync")                    # its cause is gone: the message goes too

The sender says only a level, a plain text (never markup: messages quote server answers) and, optionally,
its ``source``, never where or how it shows. A message from a source replaces the one that source said
before, so one cause never shows twice; without a source, the same text at the same level shows once.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from horde_style_studio.ui.stylesheet import styled

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Message(NamedTuple):  # not a dataclass: defining one cost the first paint ~1 ms (issue 18)
    """``source`` names the cause: a later message from the same source replaces this one."""

    level: Level
    text: str
    source: str | None = None


class MessageBridge(QObject):
    """Where presenters' messages go. Signals: ``shown(Message)``, ``cleared(str)`` with a source."""

    shown = Signal(object)
    cleared = Signal(str)

    def show(self, level: Level, text: str, source: str | None = None) -> None:
        if text:
            self.shown.emit(Message(level, text, source))

    def info(self, text: str, source: str | None = None) -> None:
        self.show(Level.INFO, text, source)

    def warning(self, text: str, source: str | None = None) -> None:
        self.show(Level.WARNING, text, source)

    def error(self, text: str, source: str | None = None) -> None:
        self.show(Level.ERROR, text, source)

    def clear(self, source: str) -> None:
        """The cause of what ``source`` said is gone: its message goes too."""
        self.cleared.emit(source)


INFO_MS = 5000
FADE_MS = 400


def _icon(level: Level) -> QStyle.StandardPixmap:
    # Imported for the first message, which comes after the first paint: QStyle's enums, built when Python
    # first touches the class, cost the first paint ~25M instructions (issue 18).
    from PySide6.QtWidgets import QStyle

    pixmaps = QStyle.StandardPixmap
    return {
        Level.INFO: pixmaps.SP_MessageBoxInformation,
        Level.WARNING: pixmaps.SP_MessageBoxWarning,
        Level.ERROR: pixmaps.SP_MessageBoxCritical,
    }[level]


class MessageRow(QFrame):
    """One message with its level's icon and a dismiss button. Emits ``dismissed`` when closed.

    The row is opaque (the stylesheet gives it the window's colour) and its level's translucent tint is a
    frame inside it, so the message reads the same over any page, in light and dark schemes alike.
    """

    dismissed = Signal()

    def __init__(self, message: Message, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageRow")
        styled(self, "MessageTint")
        self.tint = QFrame(self)
        self.tint.setObjectName("MessageTint")
        self.icon = QLabel()
        self.label = QLabel(wordWrap=True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote server answers and style names
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(autoRaise=True)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Dismiss this message")
        self.close_button.setAccessibleName("Dismiss")
        self.close_button.clicked.connect(self.dismissed)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tint)
        layout = QHBoxLayout(self.tint)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.message = message
        self.show_message(message)

    def show_message(self, message: Message) -> None:
        self.message = message
        self.tint.setProperty("level", message.level.value)
        self.tint.style().unpolish(self.tint)
        self.tint.style().polish(self.tint)
        icon = self.style().standardIcon(_icon(message.level))
        self.icon.setPixmap(icon.pixmap(QSize(18, 18), self.devicePixelRatioF()))  # sharp at 2x scale
        self.label.setText(message.text)
        self.label.setAccessibleName(f"{message.level.value}: {message.text}")

    @property
    def level(self) -> Level:
        return self.message.level

    def text(self) -> str:
        return self.message.text


class MessageView(QWidget):
    """Shows the bridge's messages as a short stack floating over ``host`` (never in a layout, so a message
    never moves the page). The same text at the same level is shown once; beyond ``limit`` the oldest goes.
    Information fades after ``info_ms``.

    The stack floats over the bottom of ``anchor()``, a widget inside ``host`` (the current page's list or
    form, so that the page's buttons stay in sight), or of ``host`` itself when there is none.
    ``covering(pixels)`` says how much of the anchor's bottom it covers now (0 when hidden), so a form can
    leave room below its last field and no input stays under a message.
    """

    covering = Signal(int)

    def __init__(
        self, bridge: MessageBridge, host: QWidget, *, limit: int = 3, info_ms: int = INFO_MS
    ) -> None:
        super().__init__(host)
        self.setObjectName("MessageView")
        self.bridge = bridge
        self._host, self._limit, self.info_ms = host, limit, info_ms
        self.anchor: Callable[[], QWidget | None] = lambda: None
        self._watched: set[QObject] = {host}
        self._rows: list[MessageRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        bridge.shown.connect(self.show_message)
        bridge.cleared.connect(self.clear_source)
        host.installEventFilter(self)
        self.setVisible(False)

    # -- what the bridge asks --------------------------------------------------------------------------------
    def show_message(self, message: Message) -> MessageRow:
        row = self._find(message)
        if row is not None and message.source is not None:
            row.show_message(message)  # the same cause, said anew: in place
        else:
            if row is not None:
                self._remove(row)
            row = MessageRow(message, self)
            row.dismissed.connect(lambda: self._remove(row))
            self._rows.append(row)
            self._layout.addWidget(row)
            # Shown now, not when the layout gets round to it: a hidden row takes no room in the height
            # placed below, and would then be squeezed in beside the others.
            row.show()
        while len(self._rows) > self._limit:
            self._remove(self._rows[0])
        self._time(row)
        self.place()
        return row

    def clear_source(self, source: str) -> None:
        for row in [row for row in self._rows if row.message.source == source]:
            self._remove(row)

    # -- what tests and the window read ----------------------------------------------------------------------
    def messages(self) -> list[tuple[Level, str]]:
        return [(row.level, row.text()) for row in self._rows]

    def rows(self) -> list[MessageRow]:
        return list(self._rows)

    def clear(self) -> None:
        for row in list(self._rows):
            self._remove(row)

    # -- placing and fading ----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in self._watched and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self.place()
        return False

    def place(self) -> None:
        """Float over the bottom of the anchor as it is now (the window calls this when the page changes)."""
        self.setVisible(bool(self._rows))
        if not self._rows:
            self.covering.emit(0)
            return
        area = self._area()
        margin = 12
        width = max(200, min(area.width() - 2 * margin, 760))
        height = self._layout.totalHeightForWidth(width)
        if height < 0:
            height = self.sizeHint().height()
        top = max(0, area.bottom() - height - margin)
        self.setGeometry(area.left() + (area.width() - width) // 2, top, width, height)
        self.raise_()
        self.covering.emit(height + 2 * margin)

    def _area(self) -> QRect:
        anchor = self.anchor()
        if anchor is None or not anchor.isVisible() or not self._host.isAncestorOf(anchor):
            return self._host.rect()
        if anchor not in self._watched:
            self._watched.add(anchor)
            anchor.installEventFilter(self)
            anchor.destroyed.connect(lambda: self._watched.discard(anchor))
        return QRect(anchor.mapTo(self._host, QPoint(0, 0)), anchor.size())

    def _find(self, message: Message) -> MessageRow | None:
        if message.source is not None:
            return next((row for row in self._rows if row.message.source == message.source), None)
        return next(
            (row for row in self._rows if (row.level, row.text()) == (message.level, message.text)), None
        )

    def _time(self, row: MessageRow) -> None:
        # A row said anew stops fading. Qt takes None (no effect); the stubs do not say so.
        row.setGraphicsEffect(None)  # type: ignore[arg-type]
        timer = row.findChild(QTimer, "fade")
        if row.level is not Level.INFO:
            if timer is not None:
                timer.stop()
            return
        if timer is None:
            timer = QTimer(row, singleShot=True)
            timer.setObjectName("fade")
            timer.timeout.connect(lambda: self._fade(row))
        timer.start(self.info_ms)

    def _fade(self, row: MessageRow) -> None:
        if row not in self._rows or row.level is not Level.INFO:
            return
        # Imported at the first fade, seconds after a message: PySide builds a class's enums (the curves'
        # forty-odd, the animation's and the effect's) when it is first imported, which the first paint
        # does without (issue 18).
        from PySide6.QtCore import QEasingCurve, QPropertyAnimation
        from PySide6.QtWidgets import QGraphicsOpacityEffect

        effect = QGraphicsOpacityEffect(row)
        row.setGraphicsEffect(effect)
        fade = QPropertyAnimation(effect, b"opacity", row)
        fade.setDuration(FADE_MS)
        fade.setStartValue(1.0)
        fade.setEndValue(0.0)
        fade.setEasingCurve(QEasingCurve.Type.OutQuad)
        fade.finished.connect(lambda: self._remove(row) if row.level is Level.INFO else None)
        fade.start()

    def _remove(self, row: MessageRow) -> None:
        if row in self._rows:
            self._rows.remove(row)
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.place()
