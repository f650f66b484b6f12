"""The gallery's list model: one row per example of the shown style, as the server last returned them.

Each row also carries what the app learned by downloading the image (its health, size and thumbnail). URL
drops land here too (DESIGN: drag and drop lives in the model); the model only announces them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPixmap

from horde_style_studio.domain.styles import StyleExample
from horde_style_studio.services.images import ImageProblem
from horde_style_studio.ui.shared.decoding import CheckedImage
from horde_style_studio.ui.widgets.plain_text import plain_tip

Index = QModelIndex | QPersistentModelIndex
URL_MIME_TYPES = ["text/uri-list", "text/plain"]


class Health(StrEnum):
    CHECKING = "Checking…"
    LOADS = "Loads"
    BROKEN = "Broken"
    NOT_IMAGE = "Not an image"
    TOO_LARGE = "Too large"


HEALTH_OF_PROBLEM = {
    ImageProblem.URL_REFUSED: Health.BROKEN,
    ImageProblem.BROKEN: Health.BROKEN,
    ImageProblem.UNREACHABLE: Health.BROKEN,
    ImageProblem.NOT_IMAGE: Health.NOT_IMAGE,
    ImageProblem.TOO_LARGE: Health.TOO_LARGE,
}


class Role(IntEnum):
    EXAMPLE = Qt.ItemDataRole.UserRole + 1
    PRIMARY = Qt.ItemDataRole.UserRole + 2
    HEALTH = Qt.ItemDataRole.UserRole + 3
    DETAIL = Qt.ItemDataRole.UserRole + 4
    SIZE = Qt.ItemDataRole.UserRole + 5


@dataclass(frozen=True)
class GalleryItem:
    example: StyleExample
    health: Health = Health.CHECKING
    detail: str = ""
    image: CheckedImage | None = None
    pixmap: QPixmap | None = None

    @property
    def size_text(self) -> str:
        return self.image.summary if self.image is not None else ""


class GalleryModel(QAbstractListModel):
    """Examples in server order. Emits ``url_dropped(str)`` when a link is dropped on the gallery."""

    url_dropped = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[GalleryItem] = []

    # -- contents ----------------------------------------------------------------------------------------
    def set_examples(self, examples: list[StyleExample]) -> list[StyleExample]:
        """Show ``examples``; rows whose id and url are unchanged keep their checks. Returns the examples
        that still need one."""
        known = {(item.example.id, item.example.url): item for item in self._items}
        self.beginResetModel()
        self._items = [
            replace(known[(ex.id, ex.url)], example=ex) if (ex.id, ex.url) in known else GalleryItem(ex)
            for ex in examples
        ]
        self.endResetModel()
        return [item.example for item in self._items if item.health is Health.CHECKING]

    def clear(self) -> None:
        self.set_examples([])

    def item(self, row: int) -> GalleryItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[GalleryItem]:
        return list(self._items)

    def row_of(self, example_id: str) -> int:
        return next((row for row, item in enumerate(self._items) if item.example.id == example_id), -1)

    def mark_loaded(self, example: StyleExample, image: CheckedImage) -> None:
        pixmap = QPixmap.fromImage(image.thumbnail)
        self._update(example, Health.LOADS, image.summary, image, pixmap)

    def mark_failed(self, example: StyleExample, problem: ImageProblem, message: str) -> None:
        self._update(example, HEALTH_OF_PROBLEM[problem], message, None, None)

    def _update(
        self, example: StyleExample, health: Health, detail: str, image: CheckedImage | None,
        pixmap: QPixmap | None,
    ) -> None:
        row = self.row_of(example.id)
        item = self.item(row)
        if item is None or item.example.url != example.url:
            return  # the example changed or went away while its image was downloading
        self._items[row] = replace(item, health=health, detail=detail, image=image, pixmap=pixmap)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    # -- QAbstractListModel ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's own default argument
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        example = item.example
        values: dict[int, Any] = {
            Qt.ItemDataRole.DisplayRole: example.url,
            Qt.ItemDataRole.ToolTipRole: plain_tip(_tooltip(item)),
            Qt.ItemDataRole.AccessibleTextRole: _spoken(item),
            Qt.ItemDataRole.DecorationRole: item.pixmap,
            Role.EXAMPLE: example,
            Role.PRIMARY: example.primary,
            Role.HEALTH: item.health,
            Role.DETAIL: item.detail,
            Role.SIZE: item.size_text,
        }
        return values.get(role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in Role:
            names[role.value] = QByteArray(role.name.lower().encode())
        return names

    # -- dropping links ----------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return list(URL_MIME_TYPES)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return bool(dropped_url(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        url = dropped_url(data)
        if not url or action == Qt.DropAction.IgnoreAction:
            return False
        self.url_dropped.emit(url)
        return False  # the server decides what the gallery holds: nothing is inserted here


def dropped_url(data: QMimeData) -> str:
    """The first web link in a drop from a browser (``text/uri-list``) or of plain text."""
    if data.hasUrls():
        # Qt also offers a uri-list as text, so a dropped file must not come back through text().
        links = [url.toString() for url in data.urls() if not url.isLocalFile() and url.scheme()]
        return links[0] if links else ""
    text = data.text().strip()
    return text.splitlines()[0].strip() if text else ""


def _tooltip(item: GalleryItem) -> str:
    lines = [item.example.url, f"{item.health.value}: {item.detail}" if item.detail else item.health.value]
    if item.example.primary:
        lines.insert(0, "Primary example (front ends show it first)")
    return "\n".join(lines)


def _spoken(item: GalleryItem) -> str:
    parts = ["Primary example" if item.example.primary else "Example", item.health.value.rstrip("…")]
    if item.size_text:
        parts.append(item.size_text)
    return ", ".join([*parts, item.example.url])
